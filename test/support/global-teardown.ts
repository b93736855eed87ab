import { Client } from 'pg';
import { templateDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { puenteTestDatabase?: { stop(): Promise<void> } };
  if (holder.puenteTestDatabase) {
    await holder.puenteTestDatabase.stop();
    return;
  }
  const client = new Client({ connectionString: process.env.PUENTE_TEST_ADMIN_URL });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${templateDatabase()} WITH (FORCE)`);
  await client.end();
}
