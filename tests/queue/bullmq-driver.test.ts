/**
 * What only the BullMQ driver can show: several worker processes on one queue. Two
 * queue instances on the same prefix stand in for two worker processes.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../src/logger.js';
import { createJobQueue, defineJob, type JobQueue } from '../../src/queue/index.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ level: 'silent' });
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });

afterAll(async () => {
  await redis.quit();
});

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('BullMQ driver', () => {
  let prefix: string;
  let opened: JobQueue[];

  beforeEach(() => {
    prefix = `test-${randomUUID()}`;
    opened = [];
  });

  afterEach(async () => {
    await Promise.all(opened.map((queue) => queue.close()));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  });

  describe('when one worker process is rate limited', () => {
    it('pauses the queue for the other worker processes too', async () => {
      const starts: { round: number; at: number }[] = [];
      let pauseRequested = false;
      const notify = defineJob({
        name: 'notify',
        schema: z.object({ round: z.number().int() }),
        jobId: (payload) => `notify-${payload.round}`,
        async process(payload, ctx) {
          starts.push({ round: payload.round, at: Date.now() });
          if (payload.round === 1 && starts.filter((start) => start.round === 1).length === 1) {
            try {
              await ctx.rateLimit(500);
            } finally {
              pauseRequested = true;
            }
          }
        },
      });
      const first = createJobQueue({ definitions: [notify], redisUrl: REDIS_URL, prefix, logger });
      opened.push(first);
      await first.start();
      await first.enqueue(notify, { round: 1 });
      await until(() => pauseRequested, 'the rate-limit request');
      const limitedAt = starts[0]!.at;

      // A second worker process joins while the pause holds, and there is work for it.
      const second = createJobQueue({ definitions: [notify], redisUrl: REDIS_URL, prefix, logger });
      opened.push(second);
      await second.start();
      await second.enqueue(notify, { round: 2 });

      await until(() => starts.length === 3, 'both jobs');
      for (const start of starts.slice(1)) expect(start.at - limitedAt).toBeGreaterThanOrEqual(500 - 5);
    });
  });
});
