import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The few raw-SQL operations the migration runner and test helpers need, over either
 * a PostgreSQL connection or an embedded PGlite instance.
 */
export interface SqlExecutor {
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** runs a script of several statements (no parameters) */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

export async function connectPostgres(connectionString: string): Promise<SqlExecutor> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as Row[];
    },
    async exec(script) {
      await client.query(script);
    },
    close: () => client.end(),
  };
}

/** Wraps a PGlite instance the caller owns; close() leaves it open. */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const result = await db.query<Row>(sql, params);
      return result.rows;
    },
    async exec(script) {
      await db.exec(script);
    },
    close: async () => {},
  };
}
