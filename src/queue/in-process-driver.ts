/**
 * The embedded driver: the same definitions and semantics as BullMQ, in one process and
 * without Redis (like ActiveJob's async adapter). Jobs live in memory, so anything not
 * yet finished is lost when the process stops; that is the price of no Redis.
 *
 * Time comes from an injectable clock so a demo can drive simulated time. Semantics kept
 * equal to the BullMQ driver: ids de-duplicate while a job exists (including finished
 * jobs within the retention window), retries use BullMQ's backoff formula, a scheduler
 * keeps exactly one pending run and creates the next one when a run starts, and a
 * rate-limited run pauses its definition's queue and goes back without using an attempt.
 */
import { CronExpressionParser } from 'cron-parser';
import type { Logger } from '../logger.js';
import { createDriverKit } from './driver-kit.js';
import {
  type AnyJobDefinition,
  backoffDelay,
  isUnrecoverable,
  JobRateLimitedError,
  runProcessor,
} from './job-definition.js';
import { type JobQueue, type RepeatOptions, requestedDelay } from './job-queue.js';

/**
 * Time and timers for the in-process runner (not `src/clock.ts`'s `Clock`, which only
 * tells the time): a demo can pass one that advances simulated time.
 */
export interface TimerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimerClock: TimerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface InProcessJobQueueOptions {
  definitions: readonly AnyJobDefinition[];
  logger: Logger;
  clock?: TimerClock;
}

type JobState = 'delayed' | 'waiting' | 'active' | 'completed' | 'failed';

interface StoredJob {
  id: string;
  data: unknown;
  state: JobState;
  attemptsMade: number;
  timer?: unknown;
  finishedAt?: number;
  schedulerId?: string;
}

interface Scheduler {
  id: string;
  repeat: RepeatOptions;
  data: unknown;
  /** When the pending run is due; the next run is computed from it. */
  nextMillis: number;
}

/** One definition's queue. */
interface Lane {
  def: AnyJobDefinition;
  jobs: Map<string, StoredJob>;
  waiting: StoredJob[];
  active: number;
  pausedUntil: number;
  resumeTimer?: unknown;
  schedulers: Map<string, Scheduler>;
  /** Finished jobs in finishing order, for retention. */
  completed: StoredJob[];
  failed: StoredJob[];
}

export function createInProcessJobQueue(options: InProcessJobQueueOptions): JobQueue {
  const { logger } = options;
  const clock = options.clock ?? realTimerClock;
  const kit = createDriverKit(options.definitions, logger);
  const { byName, events, retention } = kit;
  const lanes = new Map<string, Lane>();
  for (const def of byName.values()) {
    lanes.set(def.name, {
      def,
      jobs: new Map(),
      waiting: [],
      active: 0,
      pausedUntil: 0,
      schedulers: new Map(),
      completed: [],
      failed: [],
    });
  }
  const timers = new Set<unknown>();
  const running = new Set<Promise<void>>();
  let started = false;
  let closing: Promise<void> | undefined;

  function laneOf(address: { name: string }): Lane {
    return lanes.get(kit.lookup(address).name)!;
  }

  function assertOpen(): void {
    if (closing) throw new Error('job queue is closed');
  }

  /** A timer that close() cancels; none are armed once closing. */
  function arm(ms: number, fn: () => void): unknown {
    if (closing) return undefined;
    const handle = clock.setTimeout(() => {
      timers.delete(handle);
      fn();
    }, ms);
    timers.add(handle);
    return handle;
  }

  function disarm(handle: unknown): void {
    if (handle === undefined) return;
    timers.delete(handle);
    clock.clearTimeout(handle);
  }

  function addJob(lane: Lane, id: string, data: unknown, delayMs: number, schedulerId?: string): StoredJob {
    const job: StoredJob = { id, data, state: 'delayed', attemptsMade: 0, schedulerId };
    lane.jobs.set(id, job);
    if (delayMs > 0) job.timer = arm(delayMs, () => makeReady(lane, job));
    else makeReady(lane, job);
    return job;
  }

  function makeReady(lane: Lane, job: StoredJob): void {
    job.timer = undefined;
    job.state = 'waiting';
    lane.waiting.push(job);
    pump(lane);
  }

  /** Removes a job that has not started; returns whether there was one. */
  function removePending(lane: Lane, job: StoredJob): boolean {
    if (job.state !== 'delayed' && job.state !== 'waiting') return false;
    disarm(job.timer);
    const index = lane.waiting.indexOf(job);
    if (index >= 0) lane.waiting.splice(index, 1);
    lane.jobs.delete(job.id);
    return true;
  }

  function pump(lane: Lane): void {
    if (!started || closing) return;
    const now = clock.now();
    if (lane.pausedUntil > now) {
      lane.resumeTimer ??= arm(lane.pausedUntil - now, () => {
        lane.resumeTimer = undefined;
        pump(lane);
      });
      return;
    }
    const { concurrency } = kit.settingsOf(lane.def);
    while (lane.active < concurrency && lane.waiting.length > 0) {
      const job = lane.waiting.shift()!;
      lane.active += 1;
      const run = execute(lane, job).finally(() => {
        lane.active -= 1;
        running.delete(run);
        pump(lane);
      });
      running.add(run);
    }
  }

  async function execute(lane: Lane, job: StoredJob): Promise<void> {
    const { def } = lane;
    job.state = 'active';
    if (job.schedulerId) scheduleNextRun(lane, job.schedulerId);
    const attempt = job.attemptsMade + 1;
    const jobLogger = logger.child({ job: def.name, jobId: job.id, attempt });
    try {
      await runProcessor(def, job.data, {
        jobId: job.id,
        attempt,
        logger: jobLogger,
        pauseQueue: async (ms) => {
          lane.pausedUntil = Math.max(lane.pausedUntil, clock.now() + ms);
        },
      });
    } catch (error) {
      if (error instanceof JobRateLimitedError) {
        jobLogger.info({ delayMs: error.delayMs }, 'job rate limited; put back without using an attempt');
        job.state = 'waiting';
        lane.waiting.unshift(job);
        return;
      }
      const err = error instanceof Error ? error : new Error(String(error));
      job.attemptsMade = attempt;
      const { attempts, backoff } = kit.settingsOf(def);
      const willRetry = !isUnrecoverable(err) && attempt < attempts;
      if (willRetry) {
        job.state = 'delayed';
        job.timer = arm(backoffDelay(backoff, attempt), () => makeReady(lane, job));
      } else {
        finish(lane, job, 'failed');
      }
      jobLogger.warn({ willRetry, err }, 'job attempt failed');
      events.emitFailed({ name: def.name, id: job.id, attempt, error: err, willRetry });
      return;
    }
    job.attemptsMade = attempt;
    finish(lane, job, 'completed');
    jobLogger.info('job completed');
    events.emitCompleted({ name: def.name, id: job.id, attempt });
  }

  function finish(lane: Lane, job: StoredJob, state: 'completed' | 'failed'): void {
    job.state = state;
    job.finishedAt = clock.now();
    (state === 'completed' ? lane.completed : lane.failed).push(job);
    prune(lane);
  }

  /** BullMQ's removeOnComplete / removeOnFail `{ age, count }`, applied lazily. */
  function prune(lane: Lane): void {
    const now = clock.now();
    const rules = [
      [lane.completed, retention.completed],
      [lane.failed, retention.failed],
    ] as const;
    for (const [finished, retention] of rules) {
      const cutoff = now - retention.ageSeconds * 1_000;
      while (
        finished.length > 0 &&
        (finished.length > retention.count || finished[0]!.finishedAt! < cutoff)
      ) {
        const job = finished.shift()!;
        if (lane.jobs.get(job.id) === job) lane.jobs.delete(job.id);
      }
    }
  }

  function firstRunAt(repeat: RepeatOptions, startDate: number | undefined): number {
    const now = clock.now();
    const from = Math.max(now, startDate ?? now);
    return 'every' in repeat ? from : cronNext(repeat, from);
  }

  function cronNext(repeat: { pattern: string; tz?: string }, after: number): number {
    return CronExpressionParser.parse(repeat.pattern, { currentDate: new Date(after), tz: repeat.tz })
      .next()
      .getTime();
  }

  function addScheduledRun(lane: Lane, scheduler: Scheduler): void {
    let at = scheduler.nextMillis;
    // Ids are `repeat:<scheduler>:<millis>` as in BullMQ; skip a slot that is still taken.
    while (lane.jobs.has(runId(scheduler.id, at))) {
      at = 'every' in scheduler.repeat ? at + scheduler.repeat.every : cronNext(scheduler.repeat, at);
    }
    scheduler.nextMillis = at;
    addJob(lane, runId(scheduler.id, at), scheduler.data, at - clock.now(), scheduler.id);
  }

  /** Like BullMQ, the next run is created when the current one starts. */
  function scheduleNextRun(lane: Lane, schedulerId: string): void {
    const scheduler = lane.schedulers.get(schedulerId);
    if (!scheduler) return;
    const now = clock.now();
    const { repeat } = scheduler;
    if ('every' in repeat) {
      let next = scheduler.nextMillis + repeat.every;
      // Missed slots are skipped, keeping the original phase.
      if (next < now) next += Math.ceil((now - next) / repeat.every) * repeat.every;
      scheduler.nextMillis = next;
    } else {
      scheduler.nextMillis = cronNext(repeat, Math.max(scheduler.nextMillis, now));
    }
    addScheduledRun(lane, scheduler);
  }

  function removePendingRun(lane: Lane, schedulerId: string): boolean {
    let removed = false;
    for (const job of [...lane.jobs.values()]) {
      if (job.schedulerId === schedulerId && removePending(lane, job)) removed = true;
    }
    return removed;
  }

  return {
    async enqueue(def, payload, opts) {
      assertOpen();
      const lane = laneOf(def);
      const { data, id } = kit.prepareEnqueue(def, payload);
      prune(lane);
      const deduplicated = lane.jobs.has(id);
      if (!deduplicated) addJob(lane, id, data, requestedDelay(opts, clock.now()));
      logger.debug({ job: def.name, jobId: id, deduplicated }, 'job enqueued');
      return { id, deduplicated };
    },

    async schedule(def, schedulerId, repeat, payload, opts) {
      assertOpen();
      const lane = laneOf(def);
      const data = kit.prepareSchedule(def, schedulerId, repeat, payload);
      const previous = lane.schedulers.get(schedulerId);
      const removedPending = previous ? removePendingRun(lane, schedulerId) : false;
      // As in BullMQ, an unchanged interval keeps its slot; anything else starts afresh.
      const keepSlot =
        previous !== undefined &&
        removedPending &&
        'every' in previous.repeat &&
        'every' in repeat &&
        previous.repeat.every === repeat.every;
      const nextMillis = keepSlot ? previous.nextMillis : firstRunAt(repeat, opts?.startDate?.getTime());
      const scheduler: Scheduler = { id: schedulerId, repeat, data, nextMillis };
      lane.schedulers.set(schedulerId, scheduler);
      addScheduledRun(lane, scheduler);
      logger.info({ job: def.name, schedulerId }, 'job schedule upserted');
    },

    async promote(def, jobId) {
      const lane = laneOf(def);
      const job = lane.jobs.get(jobId);
      if (!job || job.state !== 'delayed' || job.timer === undefined) return false;
      disarm(job.timer);
      makeReady(lane, job);
      return true;
    },

    async removeSchedule(def, schedulerId) {
      const lane = laneOf(def);
      lane.schedulers.delete(schedulerId);
      removePendingRun(lane, schedulerId);
      logger.info({ job: def.name, schedulerId }, 'job schedule removed');
    },

    async start(): Promise<void> {
      assertOpen();
      if (started) return;
      started = true;
      for (const lane of lanes.values()) pump(lane);
      logger.info({ jobs: [...byName.keys()] }, 'in-process job runner started');
    },

    close(): Promise<void> {
      closing ??= (async () => {
        for (const handle of [...timers]) disarm(handle);
        // A run that fails while we wait arms no retry (arm is a no-op now).
        while (running.size > 0) await Promise.allSettled([...running]);
        logger.info('in-process job runner closed');
      })();
      return closing;
    },

    on(event: 'completed' | 'failed', listener: (event: never) => void) {
      events.on(event, listener);
    },
  };
}

function runId(schedulerId: string, millis: number): string {
  return `repeat:${schedulerId}:${millis}`;
}
