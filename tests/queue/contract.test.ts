/**
 * One contract, two drivers: every test here runs against BullMQ on the local Redis and
 * against the in-process runner, with real time. BullMQ tests get a unique key prefix
 * per test and delete `prefix:*` afterwards, so files and reruns never see each other.
 * Waiting is on events or short polling with a deadline; the few fixed waits prove that
 * something does NOT happen and are kept to a few hundred ms.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../src/logger.js';
import {
  type AnyJobDefinition,
  createJobQueue,
  defineJob,
  type JobCompletedEvent,
  type JobContext,
  type JobDefinition,
  type JobFailedEvent,
  JobPayloadError,
  type JobQueue,
  UnrecoverableJobError,
} from '../../src/queue/index.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger({ level: 'silent' });
/** Timers may fire a millisecond or two early relative to Date.now(). */
const TIMER_SLACK_MS = 5;

interface DriverUnderTest {
  name: string;
  redisUrl?: string;
  /** Jobs not yet processed survive close() and are run by a new queue instance. */
  durable: boolean;
}

const DRIVERS: DriverUnderTest[] = [
  { name: 'bullmq', redisUrl: REDIS_URL, durable: true },
  { name: 'in-process', durable: false },
];

const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
afterAll(async () => {
  await redis.quit();
});

async function deleteKeys(prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every 10 ms until it holds; fails with `what` after the deadline. */
async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

interface Run<P> {
  payload: P;
  jobId: string;
  attempt: number;
  at: number;
}

function record<P>(runs: Run<P>[], payload: P, ctx: JobContext): void {
  runs.push({ payload, jobId: ctx.jobId, attempt: ctx.attempt, at: Date.now() });
}

function gaps(runs: Run<unknown>[]): number[] {
  return runs.slice(1).map((run, i) => run.at - runs[i]!.at);
}

function collectEvents(queue: JobQueue): { completed: JobCompletedEvent[]; failed: JobFailedEvent[] } {
  const seen = { completed: [] as JobCompletedEvent[], failed: [] as JobFailedEvent[] };
  queue.on('completed', (event) => seen.completed.push(event));
  queue.on('failed', (event) => seen.failed.push(event));
  return seen;
}

const TeamPayloadSchema = z.object({ teamId: z.string(), round: z.number().int() });
type TeamPayload = z.infer<typeof TeamPayloadSchema>;

/** A definition that records its runs and otherwise does what `behaviour` says. */
function recordingJob(
  name: string,
  runs: Run<TeamPayload>[],
  options: Pick<JobDefinition<TeamPayload>, 'attempts' | 'backoff' | 'concurrency'> & {
    behaviour?: (payload: TeamPayload, ctx: JobContext, runs: Run<TeamPayload>[]) => Promise<void>;
  } = {},
) {
  const { behaviour, ...rest } = options;
  return defineJob<TeamPayload>({
    name,
    schema: TeamPayloadSchema,
    jobId: (payload) => `${name}-${payload.teamId}-${payload.round}`,
    ...rest,
    async process(payload, ctx) {
      record(runs, payload, ctx);
      await behaviour?.(payload, ctx, runs);
    },
  });
}

describe.each(DRIVERS)('JobQueue contract ($name driver)', (driver) => {
  let prefix: string;
  let opened: JobQueue[];

  beforeEach(() => {
    prefix = `test-${randomUUID()}`;
    opened = [];
  });

  afterEach(async () => {
    await Promise.all(opened.map((queue) => queue.close()));
    if (driver.redisUrl) await deleteKeys(prefix);
  });

  async function open(definitions: AnyJobDefinition[], { start = true } = {}): Promise<JobQueue> {
    const queue = createJobQueue({ definitions, redisUrl: driver.redisUrl, prefix, logger });
    opened.push(queue);
    if (start) await queue.start();
    return queue;
  }

  describe('when a job is enqueued', () => {
    it('runs it once, on attempt 1, with the parsed payload and its deterministic id', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('echo', runs);
      const queue = await open([job]);
      const seen = collectEvents(queue);
      const withExtraField = { teamId: 'T1', round: 2, comment: 'must not reach the queue' };

      const result = await queue.enqueue(job, withExtraField);

      expect(result).toEqual({ id: 'echo-T1-2', deduplicated: false });
      await until(() => seen.completed.length === 1, 'completion');
      expect(runs.map(({ payload, jobId, attempt }) => ({ payload, jobId, attempt }))).toEqual([
        { payload: { teamId: 'T1', round: 2 }, jobId: 'echo-T1-2', attempt: 1 },
      ]);
      expect(seen.completed).toEqual([{ name: 'echo', id: 'echo-T1-2', attempt: 1 }]);
      expect(seen.failed).toEqual([]);
    });

    it('rejects an id containing ":" before anything is stored', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = defineJob<TeamPayload>({
        name: 'colon',
        schema: TeamPayloadSchema,
        jobId: (payload) => `colon:${payload.teamId}`,
        async process(payload, ctx) {
          record(runs, payload, ctx);
        },
      });
      const queue = await open([job]);

      await expect(queue.enqueue(job, { teamId: 'T1', round: 1 })).rejects.toThrow(/must not contain ':'/);
      await sleep(100);
      expect(runs).toEqual([]);
    });
  });

  describe('when a job is delayed', () => {
    it('does not run it before delayMs has passed', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('delayed', runs);
      const queue = await open([job]);

      const enqueuedAt = Date.now();
      await queue.enqueue(job, { teamId: 'T1', round: 1 }, { delayMs: 300 });

      await until(() => runs.length === 1, 'the delayed run');
      expect(runs[0]!.at - enqueuedAt).toBeGreaterThanOrEqual(300 - TIMER_SLACK_MS);
    });

    it('does not run it before runAt', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('run-at', runs);
      const queue = await open([job]);

      const runAt = new Date(Date.now() + 250);
      await queue.enqueue(job, { teamId: 'T1', round: 1 }, { runAt });

      await until(() => runs.length === 1, 'the run at runAt');
      expect(runs[0]!.at).toBeGreaterThanOrEqual(runAt.getTime() - TIMER_SLACK_MS);
    });

    it('runs it at once when promoted, and only once', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('promoted', runs);
      const queue = await open([job]);

      const { id } = await queue.enqueue(job, { teamId: 'T1', round: 1 }, { delayMs: 60 * 60_000 });
      const promotedAt = Date.now();
      expect(await queue.promote(job, id)).toBe(true);

      await until(() => runs.length === 1, 'the promoted run');
      expect(runs[0]!.at - promotedAt).toBeLessThan(60_000);
      expect(await queue.promote(job, id)).toBe(false);
      expect(await queue.promote(job, 'no-such-job')).toBe(false);
    });
  });

  describe('when a processor fails', () => {
    it('retries with growing exponential backoff until it succeeds', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('flaky', runs, {
        attempts: 5,
        backoff: { type: 'exponential', delayMs: 100 },
        behaviour: async (_payload, ctx) => {
          if (ctx.attempt < 3) throw new Error(`transient failure ${ctx.attempt}`);
        },
      });
      const queue = await open([job]);
      const seen = collectEvents(queue);

      await queue.enqueue(job, { teamId: 'T1', round: 1 });

      await until(() => seen.completed.length === 1, 'completion after retries');
      expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
      const [first, second] = gaps(runs);
      expect(first).toBeGreaterThanOrEqual(100 - TIMER_SLACK_MS); // 100 * 2^0
      expect(second).toBeGreaterThanOrEqual(200 - TIMER_SLACK_MS); // 100 * 2^1
      expect(second).toBeGreaterThan(first!);
      expect(seen.failed.map(({ attempt, willRetry }) => ({ attempt, willRetry }))).toEqual([
        { attempt: 1, willRetry: true },
        { attempt: 2, willRetry: true },
      ]);
      expect(seen.completed).toEqual([{ name: 'flaky', id: 'flaky-T1-1', attempt: 3 }]);
    });

    it('stops after the configured number of attempts', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('always-fails', runs, {
        attempts: 2,
        backoff: { type: 'fixed', delayMs: 50 },
        behaviour: async () => {
          throw new Error('still broken');
        },
      });
      const queue = await open([job]);
      const seen = collectEvents(queue);

      await queue.enqueue(job, { teamId: 'T1', round: 1 });

      await until(() => seen.failed.some((event) => !event.willRetry), 'the final failure');
      await sleep(200);
      expect(runs.map((run) => run.attempt)).toEqual([1, 2]);
      expect(seen.failed.map(({ attempt, willRetry }) => ({ attempt, willRetry }))).toEqual([
        { attempt: 1, willRetry: true },
        { attempt: 2, willRetry: false },
      ]);
      expect(seen.failed[1]!.error.message).toBe('still broken');
    });

    it('does not retry an UnrecoverableJobError', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('permanent', runs, {
        attempts: 5,
        backoff: { type: 'fixed', delayMs: 50 },
        behaviour: async () => {
          throw new UnrecoverableJobError('channel archived');
        },
      });
      const queue = await open([job]);
      const seen = collectEvents(queue);

      await queue.enqueue(job, { teamId: 'T1', round: 1 });

      await until(() => seen.failed.length === 1, 'the failure');
      await sleep(200);
      expect(runs).toHaveLength(1);
      expect(seen.failed).toEqual([
        expect.objectContaining({ name: 'permanent', attempt: 1, willRetry: false }),
      ]);
      expect(seen.failed[0]!.error.message).toBe('channel archived');
    });
  });

  describe('when a payload is invalid', () => {
    it('rejects it at enqueue, so it never runs', async () => {
      const runs: Run<{ count: number }>[] = [];
      const job = defineJob({
        name: 'counted',
        schema: z.object({ count: z.number().int().positive() }),
        jobId: (payload) => `counted-${payload.count}`,
        async process(payload, ctx) {
          record(runs, payload, ctx);
        },
      });
      const queue = await open([job]);

      await expect(queue.enqueue(job, { count: -1 })).rejects.toBeInstanceOf(JobPayloadError);
      await queue.enqueue(job, { count: 1 });

      await until(() => runs.length === 1, 'the valid job');
      await sleep(100);
      expect(runs.map((run) => run.payload)).toEqual([{ count: 1 }]);
    });

    it("fails permanently, without running, when the stored payload no longer fits the worker's schema", async () => {
      // An older producer (v1) enqueues; the worker runs the newer definition (v2), which
      // needs a field v1 never sent. Retrying cannot add the field.
      const runs: Run<TeamPayload>[] = [];
      const v1 = defineJob({
        name: 'versioned',
        schema: z.object({ round: z.number().int() }),
        jobId: (payload) => `versioned-${payload.round}`,
        async process() {
          throw new Error('v1 is never run by this worker');
        },
      });
      const v2 = recordingJob('versioned', runs, { attempts: 5, backoff: { type: 'fixed', delayMs: 50 } });
      const queue = await open([v2]);
      const seen = collectEvents(queue);

      await queue.enqueue(v1, { round: 1 });

      await until(() => seen.failed.length === 1, 'the failure');
      await sleep(200);
      expect(runs).toEqual([]);
      expect(seen.failed).toEqual([
        expect.objectContaining({ name: 'versioned', id: 'versioned-1', attempt: 1, willRetry: false }),
      ]);
      expect(seen.failed[0]!.error.message).toMatch(
        /no longer matches job "versioned": teamId: invalid_type/,
      );
    });
  });

  describe('when the same deterministic id is enqueued twice', () => {
    it('runs once if both arrive together, and reports the second as deduplicated', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('deliver', runs);
      const queue = await open([job]);
      const seen = collectEvents(queue);

      const results = await Promise.all([
        queue.enqueue(job, { teamId: 'T1', round: 1 }),
        queue.enqueue(job, { teamId: 'T1', round: 1 }),
      ]);

      expect(results.map((result) => result.id)).toEqual(['deliver-T1-1', 'deliver-T1-1']);
      expect(results.map((result) => result.deduplicated).sort()).toEqual([false, true]);
      await until(() => seen.completed.length === 1, 'completion');
      await sleep(150);
      expect(runs).toHaveLength(1);
    });

    it('does not run it again after it completed, while the completed job is retained', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('deliver', runs);
      const queue = await open([job]);
      const seen = collectEvents(queue);
      await queue.enqueue(job, { teamId: 'T1', round: 1 });
      await until(() => seen.completed.length === 1, 'the first completion');

      const again = await queue.enqueue(job, { teamId: 'T1', round: 1 });
      const other = await queue.enqueue(job, { teamId: 'T1', round: 2 });

      expect(again).toEqual({ id: 'deliver-T1-1', deduplicated: true });
      expect(other).toEqual({ id: 'deliver-T1-2', deduplicated: false });
      await until(() => seen.completed.length === 2, 'the other round');
      await sleep(150);
      expect(runs.map((run) => run.jobId)).toEqual(['deliver-T1-1', 'deliver-T1-2']);
    });
  });

  describe('when a job is scheduled', () => {
    it('runs it every interval; upserting the same scheduler id replaces rather than adds', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('pulse', runs);
      const queue = await open([job]);

      await queue.schedule(job, 'pulse-T1', { every: 200 }, { teamId: 'T1', round: 1 });
      await queue.schedule(job, 'pulse-T1', { every: 200 }, { teamId: 'T1', round: 2 });

      await until(() => runs.length >= 4, 'four scheduled runs');
      // Scheduled runs are named `repeat:<scheduler>:<due millis>`. One schedule yields
      // slots a whole number of intervals apart; a second one would add slots out of
      // phase (or, in phase, the same slots twice). Asserting on slots rather than on
      // when runs started keeps worker latency out of it.
      const slots = runs.map((run) => Number(run.jobId.split(':').at(-1)));
      const slotGaps = slots.slice(1).map((slot, i) => slot - slots[i]!);
      expect(
        slotGaps.filter((gap) => gap <= 0 || gap % 200 !== 0),
        JSON.stringify(runs),
      ).toEqual([]);
      runs.forEach((run, i) => {
        expect(run.at).toBeGreaterThanOrEqual(slots[i]! - TIMER_SLACK_MS);
      });
      // The upsert replaced the template: at most a run already started kept the old one.
      expect(runs.filter((run) => run.payload.round === 1).length).toBeLessThanOrEqual(1);
      expect(runs.at(-1)!.payload).toEqual({ teamId: 'T1', round: 2 });
    });

    it('runs it on a cron pattern with a time zone', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('cron-pulse', runs);
      const queue = await open([job]);

      await queue.schedule(
        job,
        'cron-T1',
        { pattern: '* * * * * *', tz: 'Europe/Berlin' },
        { teamId: 'T1', round: 1 },
      );

      await until(() => runs.length >= 2, 'two cron runs', 4_000);
      expect(gaps(runs)[0]).toBeGreaterThanOrEqual(1_000 - 100);
      // Cron runs are due on whole seconds.
      expect(runs.every((run) => run.jobId.endsWith('000'))).toBe(true);
    });

    it('stops running it after removeSchedule', async () => {
      const runs: Run<TeamPayload>[] = [];
      const job = recordingJob('pulse', runs);
      const queue = await open([job]);
      await queue.schedule(job, 'pulse-T1', { every: 100 }, { teamId: 'T1', round: 1 });
      await until(() => runs.length >= 2, 'two scheduled runs');

      await queue.removeSchedule(job, 'pulse-T1');
      // A run that was already due when the schedule was removed may still happen.
      await sleep(150);
      const settled = runs.length;
      await sleep(400);

      expect(runs.length).toBe(settled);
    });
  });

  describe('when a processor asks to be rate limited', () => {
    it('puts the job back, pauses the queue for at least ms, and does not use up an attempt', async () => {
      const runs: Run<TeamPayload>[] = [];
      let pauseRequested = false;
      const job = recordingJob('notify', runs, {
        // One attempt: if the rate-limited run counted, the job would fail for good.
        attempts: 1,
        behaviour: async (payload, ctx, all) => {
          const earlierRuns = all.filter((run) => run.payload.round === payload.round).length - 1;
          if (payload.round === 1 && earlierRuns === 0) {
            try {
              await ctx.rateLimit(400);
            } finally {
              pauseRequested = true;
            }
          }
        },
      });
      const queue = await open([job]);
      const seen = collectEvents(queue);

      await queue.enqueue(job, { teamId: 'T1', round: 1 });
      await until(() => pauseRequested, 'the rate-limit request');
      await queue.enqueue(job, { teamId: 'T1', round: 2 });

      await until(() => seen.completed.length === 2, 'both jobs');
      const limitedAt = runs[0]!.at;
      const later = runs.slice(1);
      expect(later.map((run) => run.payload.round).sort()).toEqual([1, 2]);
      for (const run of later) expect(run.at - limitedAt).toBeGreaterThanOrEqual(400 - TIMER_SLACK_MS);
      expect(runs.filter((run) => run.payload.round === 1).map((run) => run.attempt)).toEqual([1, 1]);
      expect(seen.failed).toEqual([]);
      expect(seen.completed).toContainEqual({ name: 'notify', id: 'notify-T1-1', attempt: 1 });
    });
  });

  describe('when the queue is closed', () => {
    it('waits for the active job to finish and starts no further job', async () => {
      const runs: Run<TeamPayload>[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let finished = 0;
      const job = recordingJob('slow', runs, {
        concurrency: 1,
        behaviour: async (payload) => {
          if (payload.round === 1) await gate;
          finished += 1;
        },
      });
      const queue = await open([job]);
      await queue.enqueue(job, { teamId: 'T1', round: 1 });
      await until(() => runs.length === 1, 'the slow job to start');
      await queue.enqueue(job, { teamId: 'T1', round: 2 });

      let closed = false;
      const closing = queue.close().then(() => {
        closed = true;
      });
      await sleep(100);
      expect(closed).toBe(false);
      release();
      await closing;

      expect(finished).toBe(1);
      expect(runs.map((run) => run.payload.round)).toEqual([1]);
      await sleep(100);
      expect(runs).toHaveLength(1);

      if (driver.durable) {
        // Nothing is lost: a new instance (a restarted worker) runs the job left waiting.
        await open([job]);
        await until(() => runs.length === 2, 'the waiting job in a new instance');
        expect(runs[1]!.payload).toEqual({ teamId: 'T1', round: 2 });
      }
    });
  });
});
