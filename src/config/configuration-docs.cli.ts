import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIGURATION_DOCS, renderConfigurationDocs } from './configuration-docs';
import { projectRoot } from './project-root';

/** `npm run docs:config`: rewrites docs/configuration.md from the descriptors. */
async function main(): Promise<void> {
  const file = join(projectRoot(), CONFIGURATION_DOCS);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, await renderConfigurationDocs());
  process.stdout.write(`Wrote ${CONFIGURATION_DOCS}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
