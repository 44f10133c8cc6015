/**
 * BullMQ on Redis: one Queue + one Worker per definition (queue name = definition name).
 *
 * Connections follow BullMQ's production guide: producers share one fail-fast ioredis
 * connection (`enableOfflineQueue: false`, one retry per request) so a web request
 * errors instead of hanging when Redis is down; workers share one connection with
 * `maxRetriesPerRequest: null`, which BullMQ requires (each Worker duplicates it for its
 * blocking reads). Keys are namespaced with BullMQ's `prefix`, never ioredis `keyPrefix`.
 */
import { randomUUID } from 'node:crypto';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { createDriverKit } from './driver-kit.js';
import {
  type AnyJobDefinition,
  isUnrecoverable,
  JobRateLimitedError,
  runProcessor,
} from './job-definition.js';
import { type JobCompletedEvent, type JobFailedEvent, type JobQueue, requestedDelay } from './job-queue.js';

export interface BullmqJobQueueOptions {
  definitions: readonly AnyJobDefinition[];
  redisUrl: string;
  /** BullMQ key prefix; default 'bull'. Tests use a unique one per test. */
  prefix?: string;
  logger: Logger;
}

/**
 * Stored with each job's options (BullMQ keeps unknown option keys) so that enqueue can
 * tell whether the job in Redis is the one it just added or an earlier one with the same
 * id: `Queue.add` returns a Job for the id either way, and two adds in the same
 * millisecond cannot be told apart by timestamp.
 */
const ENQUEUE_TOKEN = 'rcEnqueueToken';

/**
 * `ctx.rateLimit(ms)` sets the queue's limiter key for `ms`. BullMQ only consults that
 * key when a worker has a limiter, so every worker gets one that can never trip by
 * itself (a billion jobs a second): without it only the worker that hit Slack's 429
 * would pause, while the definition's workers in other processes kept calling Slack.
 */
const MANUAL_RATE_LIMIT_ONLY = { max: 1_000_000_000, duration: 1_000 };

export function createBullmqJobQueue(options: BullmqJobQueueOptions): JobQueue {
  const { redisUrl, prefix, logger } = options;
  const kit = createDriverKit(options.definitions, logger);
  const { byName, events, retention } = kit;

  const producer = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  producer.on('error', (error) => logger.error({ err: error }, 'redis producer connection error'));
  let consumer: Redis | undefined;

  const queues = new Map<string, Queue>();
  for (const def of byName.values()) {
    const { attempts, backoff } = kit.settingsOf(def);
    const queue = new Queue(def.name, {
      connection: producer,
      prefix,
      defaultJobOptions: {
        attempts,
        backoff: { type: backoff.type, delay: backoff.delayMs },
        removeOnComplete: { age: retention.completed.ageSeconds, count: retention.completed.count },
        removeOnFail: { age: retention.failed.ageSeconds, count: retention.failed.count },
      },
    });
    queue.on('error', (error) => logger.error({ err: error, job: def.name }, 'job queue error'));
    queues.set(def.name, queue);
  }
  const workers: Worker[] = [];
  let closing: Promise<void> | undefined;

  function queueOf(address: { name: string }): Queue {
    return queues.get(kit.lookup(address).name)!;
  }

  function createWorker(def: AnyJobDefinition, connection: Redis): Worker {
    const queue = queues.get(def.name)!;
    const worker = new Worker(
      def.name,
      async (job: Job) => {
        const jobId = job.id ?? '';
        const attempt = job.attemptsMade + 1;
        const jobLogger = logger.child({ job: def.name, jobId, attempt });
        try {
          return await runProcessor(def, job.data, {
            jobId,
            attempt,
            logger: jobLogger,
            // Worker#rateLimit is deprecated in 6.x in favour of Queue#rateLimit (same Redis key).
            pauseQueue: (ms) => queue.rateLimit(ms),
          });
        } catch (error) {
          if (error instanceof JobRateLimitedError) {
            jobLogger.info({ delayMs: error.delayMs }, 'job rate limited; put back without using an attempt');
            throw Worker.RateLimitError();
          }
          if (isUnrecoverable(error) && !(error instanceof UnrecoverableError)) {
            throw new UnrecoverableError((error as Error).message);
          }
          throw error;
        }
      },
      {
        connection,
        prefix,
        concurrency: kit.settingsOf(def).concurrency,
        limiter: MANUAL_RATE_LIMIT_ONLY,
        autorun: false,
      },
    );
    worker.on('error', (error) => logger.error({ err: error, job: def.name }, 'job worker error'));
    worker.on('completed', (job) => {
      const event: JobCompletedEvent = { name: def.name, id: job.id ?? '', attempt: job.attemptsMade };
      logger.info({ job: event.name, jobId: event.id, attempt: event.attempt }, 'job completed');
      events.emitCompleted(event);
    });
    worker.on('failed', (job, error) => {
      // job is undefined only when a stalled job was dropped by removeOnFail.
      if (!job) return;
      const event: JobFailedEvent = {
        name: def.name,
        id: job.id ?? '',
        attempt: job.attemptsMade,
        error,
        willRetry: job.finishedOn === undefined,
      };
      logger.warn(
        { job: event.name, jobId: event.id, attempt: event.attempt, willRetry: event.willRetry, err: error },
        'job attempt failed',
      );
      events.emitFailed(event);
    });
    return worker;
  }

  return {
    async enqueue(def, payload, opts) {
      const queue = queueOf(def);
      const { data, id } = kit.prepareEnqueue(def, payload);
      const token = randomUUID();
      await queue.add(def.name, data, {
        jobId: id,
        delay: requestedDelay(opts, Date.now()),
        [ENQUEUE_TOKEN]: token,
      } as Parameters<Queue['add']>[2]);
      const stored = await queue.getJob(id);
      // A job that is already gone was removed by its own retention, so it was ours.
      const deduplicated =
        stored !== undefined && (stored.opts as Record<string, unknown>)[ENQUEUE_TOKEN] !== token;
      logger.debug({ job: def.name, jobId: id, deduplicated }, 'job enqueued');
      return { id, deduplicated };
    },

    async schedule(def, schedulerId, repeat, payload, opts) {
      const queue = queueOf(def);
      const data = kit.prepareSchedule(def, schedulerId, repeat, payload);
      await queue.upsertJobScheduler(
        schedulerId,
        { ...repeat, ...(opts?.startDate ? { startDate: opts.startDate } : {}) },
        { name: def.name, data },
      );
      logger.info({ job: def.name, schedulerId }, 'job schedule upserted');
    },

    async promote(def, jobId) {
      const job = await queueOf(def).getJob(jobId);
      if (!job || !(await job.isDelayed())) return false;
      await job.promote();
      return true;
    },

    async removeSchedule(def, schedulerId) {
      await queueOf(def).removeJobScheduler(schedulerId);
      logger.info({ job: def.name, schedulerId }, 'job schedule removed');
    },

    async start(): Promise<void> {
      if (closing) throw new Error('job queue is closed');
      if (consumer) return;
      consumer = new Redis(redisUrl, { maxRetriesPerRequest: null });
      consumer.on('error', (error) => logger.error({ err: error }, 'redis worker connection error'));
      for (const def of byName.values()) {
        const worker = createWorker(def, consumer);
        workers.push(worker);
        // run() resolves only when the worker closes; errors surface through 'error'.
        void worker.run().catch((error) => logger.error({ err: error, job: def.name }, 'job worker stopped'));
      }
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));
      logger.info({ jobs: [...byName.keys()] }, 'job workers started');
    },

    close(): Promise<void> {
      closing ??= (async () => {
        // Workers first: Worker#close stops fetching and waits for active jobs.
        await Promise.all(workers.map((worker) => worker.close()));
        await Promise.all([...queues.values()].map((queue) => queue.close()));
        await Promise.all(
          [producer, consumer].map((connection) => connection?.quit().catch(() => undefined)),
        );
        logger.info('job queue closed');
      })();
      return closing;
    },

    on(event: 'completed' | 'failed', listener: (event: never) => void) {
      events.on(event, listener);
    },
  };
}
