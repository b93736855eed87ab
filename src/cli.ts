import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from './config/configuration';
import { projectRoot } from './config/project-root';
import { dataSourceOptions } from './database/data-source-options';
import { openDatabase, pendingSchemaChanges, runMigrations } from './database/database';
import { ensureDatabase, quoteIdentifier } from './database/embedded-postgres';
import { seedDemo } from './seed/demo-seed';
import { createApp } from './app';
import { buildOpenApiDocument } from './openapi';

const USAGE = `Usage: node dist/src/cli.js <command>
  migration:run              apply pending migrations
  migration:revert           undo the last migration
  migration:generate <Name>  write migrations/<timestamp>-<Name>.ts from the entities
  seed:demo                  load the demo network (idempotent)
  openapi:write <file>       write the service's OpenAPI document as JSON`;

async function main(argv: string[]): Promise<void> {
  const [command, argument] = argv;
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    switch (command) {
      case 'migration:run': {
        const applied = await runMigrations(database.url);
        say(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
        break;
      }
      case 'migration:revert': {
        const dataSource = await new DataSource(dataSourceOptions(database.url, { poolSize: 2 })).initialize();
        await dataSource.undoLastMigration({ transaction: 'each' });
        await dataSource.destroy();
        say('Reverted the last migration.');
        break;
      }
      case 'migration:generate':
        if (!argument || !/^[A-Z][A-Za-z0-9]*$/.test(argument))
          throw new UsageError('migration:generate needs a PascalCase name');
        say(await generateMigration(database.url, argument));
        break;
      case 'seed:demo': {
        await runMigrations(database.url);
        const dataSource = await new DataSource(dataSourceOptions(database.url, { poolSize: 2 })).initialize();
        try {
          const summary = await seedDemo(dataSource);
          say(`Demo network ready: ${JSON.stringify(summary)}`);
        } finally {
          await dataSource.destroy();
        }
        break;
      }
      case 'openapi:write': {
        if (!argument) throw new UsageError('openapi:write needs a file name');
        await runMigrations(database.url);
        const { app } = await createApp({ ...config, logLevel: 'silent' }, database.url);
        try {
          writeFileSync(argument, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
        } finally {
          await app.close();
        }
        say(`Wrote ${argument}`);
        break;
      }
      default:
        throw new UsageError(command ? `Unknown command ${command}` : 'No command given');
    }
  } finally {
    await database.stop();
  }
}

/** Diffs the entities against a scratch database migrated to the latest migration. */
async function generateMigration(url: string, name: string): Promise<string> {
  const scratch = `puente_scratch_${process.pid}`;
  const adminUrl = withDatabase(url, 'postgres');
  await ensureDatabase(adminUrl, scratch);
  try {
    const scratchUrl = withDatabase(url, scratch);
    await runMigrations(scratchUrl);
    const dataSource = await new DataSource(dataSourceOptions(scratchUrl, { poolSize: 2 })).initialize();
    const changes = await pendingSchemaChanges(dataSource);
    await dataSource.destroy();
    if (changes.up.length === 0) return 'The entities and the migrations agree; nothing to generate.';
    // A migration is named for the real moment it is written, whatever clock the service runs on.
    // eslint-disable-next-line no-restricted-syntax
    const timestamp = Date.now();
    const file = join(projectRoot(), 'migrations', `${timestamp}-${name}.ts`);
    const quote = (query: string) => `    await queryRunner.query(${JSON.stringify(query)});`;
    const source =
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
      `export class ${name}${timestamp} implements MigrationInterface {\n` +
      `  name = '${name}${timestamp}';\n\n` +
      `  public async up(queryRunner: QueryRunner): Promise<void> {\n${changes.up.map(quote).join('\n')}\n  }\n\n` +
      `  public async down(queryRunner: QueryRunner): Promise<void> {\n${[...changes.down].reverse().map(quote).join('\n')}\n  }\n}\n`;
    // Written as the formatter would write it, so that the lint passes on a generated migration.
    const prettier = await import('prettier');
    writeFileSync(file, await prettier.format(source, { ...(await prettier.resolveConfig(file)), filepath: file }));
    return `Wrote ${file}`;
  } finally {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(scratch)}`);
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

class UsageError extends Error {}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n${USAGE}\n`);
    else if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
