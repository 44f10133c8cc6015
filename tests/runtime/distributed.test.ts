import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { redisKeys, TEST_REDIS_URL, testRedisPrefix } from '../helpers/redis.js';
import { type StartedRuntime, startTestRuntime } from '../helpers/runtime.js';

describe('the runtime with DATABASE_URL and REDIS_URL set', () => {
  let db: TestDatabase;
  const redis = testRedisPrefix();
  let started: StartedRuntime;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    nock('https://slack.com')
      .post('/api/auth.test')
      .reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT' });
    started = await startTestRuntime({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redis.prefix,
      ENCRYPTION_KEY: 'cd'.repeat(32),
    });
  });
  afterAll(async () => {
    await started?.stop();
    await db?.drop();
    await redis.cleanup();
  });

  it('migrates PostgreSQL at start-up and runs jobs on BullMQ', async () => {
    const line = started.logs().find((l) => l.includes('relational-climate started'));
    expect(JSON.parse(line!)).toMatchObject({ database: 'postgres', jobs: 'bullmq', role: 'all' });
    const migrations = await db.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM "_prisma_migrations"',
    );
    expect(migrations[0]!.n).toBeGreaterThan(0);
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${started.baseUrl}/healthz`);
    expect(response.status).toBe(200);
  });

  it('upserts the daily retention scheduler under its own prefix', async () => {
    const keys = await redisKeys(`${redis.prefix}:retention-purge:*`);
    expect(keys.some((k) => k.includes('repeat'))).toBe(true);
  });
});
