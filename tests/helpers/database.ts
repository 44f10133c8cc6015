import { randomBytes } from 'node:crypto';
import { type Database, openDatabase } from '../../src/db/client.js';
import { connectPostgres } from '../../src/db/sql-executor.js';

export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  url: string;
  name: string;
  /** closes the client and drops the database */
  drop(): Promise<void>;
}

function urlFor(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh PostgreSQL database for one test file: created empty, migrated with the
 * project's runner, dropped afterwards. Names start with `rc_test_` so a crashed run's
 * leftovers are easy to recognise.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `rc_test_${randomBytes(6).toString('hex')}`;
  const admin = await connectPostgres(TEST_POSTGRES_URL);
  try {
    await admin.exec(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
  const url = urlFor(name);
  const db = await openDatabase({ databaseUrl: url, migrate: options.migrate ?? true });
  return {
    ...db,
    url,
    name,
    async drop() {
      await db.close();
      const adminConn = await connectPostgres(TEST_POSTGRES_URL);
      try {
        await adminConn.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await adminConn.close();
      }
    },
  };
}
