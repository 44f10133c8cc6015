/**
 * npm run db:migrate — applies pending migrations to DATABASE_URL (or to the embedded
 * database under DATA_DIR) and exits. Deployments run it as a release step.
 */
import { createLogger } from '../logger.js';
import { migrate } from './migrate.js';
import { connectPostgres, pgliteExecutor } from './sql-executor.js';

const logger = createLogger();
const url = process.env.DATABASE_URL;
try {
  if (url) {
    const sql = await connectPostgres(url);
    try {
      const { applied } = await migrate(sql, { logger });
      logger.info({ applied: applied.length, database: 'postgres' }, 'database is up to date');
    } finally {
      await sql.close();
    }
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const { mkdir } = await import('node:fs/promises');
    const path = await import('node:path');
    const dir = path.resolve(process.env.DATA_DIR ?? '.data', 'pglite');
    await mkdir(dir, { recursive: true });
    const db = await PGlite.create(dir);
    const { applied } = await migrate(pgliteExecutor(db), { logger });
    await db.close();
    logger.info({ applied: applied.length, database: 'pglite', dir }, 'database is up to date');
  }
} catch (error) {
  logger.fatal({ err: error }, 'migration failed');
  process.exitCode = 1;
}
