import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { pendingSchemaChanges, runMigrations } from '../src/database/database';
import { createEmptyDatabase, type TestDatabase } from './support/test-database';

describe('Schema migrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(() => database.drop());

  it('bring an empty database to exactly what the entities describe (no drift)', async () => {
    const applied = await runMigrations(database.url);
    expect(applied.length).toBeGreaterThan(0);
    const dataSource = await new DataSource(dataSourceOptions(database.url, { poolSize: 2 })).initialize();
    try {
      const changes = await pendingSchemaChanges(dataSource);
      // A non-empty list is the SQL a new migration must contain: run `npm run migration:generate -- <Name>`.
      expect(changes.up).toEqual([]);
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });

  it('revert cleanly, all the way down and up again', async () => {
    const dataSource = await new DataSource(dataSourceOptions(database.url, { poolSize: 2 })).initialize();
    try {
      for (let step = 0; step < dataSource.migrations.length; step += 1) await dataSource.undoLastMigration();
      const tables = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migration'`,
      );
      expect(tables).toEqual([]);
      await dataSource.runMigrations();
      expect((await pendingSchemaChanges(dataSource)).up).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
