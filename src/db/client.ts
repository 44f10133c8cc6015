import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { migrate } from './migrate.js';
import { connectPostgres, pgliteExecutor, type SqlExecutor } from './sql-executor.js';

export type { PrismaClient } from '../generated/prisma/client.js';

export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** the same database through raw SQL, for migrations and maintenance */
  sql: SqlExecutor;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; without it the embedded PGlite database is used */
  databaseUrl?: string;
  /** where PGlite keeps its files; `memory://` for a throw-away database */
  dataDir?: string;
  logger?: Logger;
  /** apply pending migrations before returning (default true) */
  migrate?: boolean;
}

/**
 * PostgreSQL through @prisma/adapter-pg when a URL is given (the distributed
 * deployment), otherwise PGlite — PostgreSQL compiled to WebAssembly, in-process —
 * persisted under `dataDir`, so a small install needs no database server.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const sql = await connectPostgres(options.databaseUrl);
    try {
      if (options.migrate !== false)
        await migrate(sql, { ...(options.logger ? { logger: options.logger } : {}) });
    } catch (error) {
      await sql.close();
      throw error;
    }
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.databaseUrl }) });
    return {
      prisma,
      kind: 'postgres',
      sql,
      async close() {
        await prisma.$disconnect();
        await sql.close();
      },
    };
  }

  const dataDir = options.dataDir ?? '.data';
  let pglite: PGlite;
  if (dataDir.startsWith('memory://')) {
    pglite = await PGlite.create(dataDir);
  } else {
    const dir = path.resolve(dataDir, 'pglite');
    await mkdir(dir, { recursive: true });
    pglite = await PGlite.create(dir);
  }
  const sql = pgliteExecutor(pglite);
  if (options.migrate !== false)
    await migrate(sql, { ...(options.logger ? { logger: options.logger } : {}) });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: 'pglite',
    sql,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
