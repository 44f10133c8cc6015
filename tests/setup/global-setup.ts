/**
 * Runs once before all test files. Integration suites need the local PostgreSQL and
 * Redis; fail early with a message that says how to start them instead of letting
 * dozens of tests time out.
 */
import net from 'node:net';

function probe(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export default async function globalSetup(): Promise<void> {
  const pg = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const redis = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const missing: string[] = [];
  if (!(await probe(pg.hostname, Number(pg.port || 5432)))) missing.push(`PostgreSQL at ${pg.host}`);
  if (!(await probe(redis.hostname, Number(redis.port || 6379)))) missing.push(`Redis at ${redis.host}`);
  if (missing.length > 0) {
    throw new Error(
      `Integration tests need ${missing.join(' and ')}. Start them (see README, "Testing") ` +
        'or point TEST_DATABASE_URL / TEST_REDIS_URL at running servers.',
    );
  }
}
