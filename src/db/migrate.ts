import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { SqlExecutor } from './sql-executor.js';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '..', '..', 'prisma', 'migrations');

// Prisma's own advisory-lock key, so our runner and `prisma migrate deploy` never
// apply migrations at the same time.
const PRISMA_MIGRATE_LOCK = 72_707_369;

const BOOKKEEPING_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

interface AppliedRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

/**
 * Applies pending migrations in name order, recording each in `_prisma_migrations`
 * exactly as `prisma migrate deploy` does (id, SHA-256 checksum of migration.sql,
 * started/finished timestamps, applied_steps_count = 1). Each migration runs in its own
 * transaction, so a failed one leaves no half-applied schema; like Prisma, a failed
 * migration is recorded and blocks further deploys until resolved.
 */
export async function migrate(
  sql: SqlExecutor,
  options: { logger?: Logger; dir?: string } = {},
): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(options.dir);
  await sql.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
  try {
    await sql.exec(BOOKKEEPING_TABLE);
    const rows = await sql.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    );
    const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed.length > 0) {
      throw new MigrationError(
        `migration ${failed.map((r) => r.migration_name).join(', ')} failed earlier; ` +
          'fix the database and mark it rolled back before deploying again',
      );
    }
    const done = new Map(
      rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]),
    );
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...done.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new MigrationError(`the database has migrations this code does not know: ${unknown.join(', ')}`);
    }

    const applied: string[] = [];
    for (const migration of migrations) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new MigrationError(
            `migration ${migration.name} was edited after it was applied (checksum differs)`,
          );
        }
        continue;
      }
      const id = randomUUID();
      await sql.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
        [id, migration.checksum, migration.name],
      );
      try {
        await sql.exec(`BEGIN;\n${migration.sql}\nCOMMIT;`);
      } catch (error) {
        await sql.exec('ROLLBACK').catch(() => undefined);
        const message = error instanceof Error ? error.message : String(error);
        await sql.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, message]);
        throw new MigrationError(`migration ${migration.name} failed: ${message}`);
      }
      await sql.query(
        'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
        [id],
      );
      options.logger?.info({ migration: migration.name }, 'migration applied');
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    await sql.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]);
  }
}
