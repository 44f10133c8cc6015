import type { Logger } from '../logger.js';
import { createBullmqJobQueue } from './bullmq-driver.js';
import { createInProcessJobQueue, type TimerClock } from './in-process-driver.js';
import type { AnyJobDefinition } from './job-definition.js';
import type { JobQueue } from './job-queue.js';

export type { BullmqJobQueueOptions } from './bullmq-driver.js';
export { createBullmqJobQueue } from './bullmq-driver.js';
export type { InProcessJobQueueOptions, TimerClock } from './in-process-driver.js';
export { createInProcessJobQueue, realTimerClock } from './in-process-driver.js';
export type {
  AnyJobDefinition,
  BackoffOptions,
  JobContext,
  JobDefinition,
  JobSpec,
  Processor,
} from './job-definition.js';
export {
  bindJob,
  defineJob,
  defineJobSpec,
  JobPayloadError,
  UnrecoverableJobError,
} from './job-definition.js';
export type {
  EnqueueOptions,
  EnqueueResult,
  JobAddress,
  JobCompletedEvent,
  JobFailedEvent,
  JobQueue,
  RepeatOptions,
  ScheduleOptions,
} from './job-queue.js';

export interface CreateJobQueueOptions {
  /** The registry: every job this process may enqueue or run. */
  definitions: readonly AnyJobDefinition[];
  /** Set: BullMQ on this Redis. Unset: the in-process runner. */
  redisUrl?: string;
  /** BullMQ key prefix (ignored in-process). */
  prefix?: string;
  logger: Logger;
  /** In-process only: a clock for simulated time. */
  clock?: TimerClock;
}

/** Picks the driver: BullMQ when `redisUrl` is set, the in-process runner otherwise. */
export function createJobQueue(options: CreateJobQueueOptions): JobQueue {
  const { definitions, redisUrl, prefix, logger, clock } = options;
  if (redisUrl) return createBullmqJobQueue({ definitions, redisUrl, prefix, logger });
  return createInProcessJobQueue({ definitions, logger, clock });
}
