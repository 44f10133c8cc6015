import type { AnyJobDefinition, JobSpec } from './job-definition.js';

export interface EnqueueOptions {
  /** Run no earlier than this many ms from now. */
  delayMs?: number;
  /** Run no earlier than this time (wins over `delayMs`). */
  runAt?: Date;
}

export interface EnqueueResult {
  id: string;
  /** A job with this id already existed (waiting, delayed, active, or kept after finishing): nothing was added. */
  deduplicated: boolean;
}

/** Every `every` ms (first run at once, or at `startDate`), or on a cron pattern (seconds field allowed). */
export type RepeatOptions = { every: number } | { pattern: string; tz?: string };

export interface ScheduleOptions {
  startDate?: Date;
}

export interface JobCompletedEvent {
  name: string;
  id: string;
  attempt: number;
}

export interface JobFailedEvent extends JobCompletedEvent {
  error: Error;
  /** False when this was the last attempt or the failure was permanent. */
  willRetry: boolean;
}

/** Where a job lives: its name is its queue. */
export interface JobAddress {
  name: string;
}

/**
 * The driver-agnostic job queue. One instance serves a registry of definitions; the
 * BullMQ driver and the in-process driver both pass `tests/queue/contract.test.ts`.
 */
export interface JobQueue {
  /**
   * Validates the payload, then adds the job under `spec.jobId(payload)` unless that id
   * already exists. A job is addressed by its spec (name, schema, id): the processor
   * that runs it was bound once, when the queue was built.
   */
  enqueue<P>(spec: JobSpec<P>, payload: P, opts?: EnqueueOptions): Promise<EnqueueResult>;
  /** Creates or replaces (upsert) the scheduler `schedulerId` of `spec`. */
  schedule<P>(
    spec: JobSpec<P>,
    schedulerId: string,
    repeat: RepeatOptions,
    payload: P,
    opts?: ScheduleOptions,
  ): Promise<void>;
  /**
   * Runs a delayed job now instead of at its due time (an admin's "close this cycle
   * now", or a test stepping through a cycle). False when no such job is waiting for
   * its time: unknown, already running, or finished.
   */
  promote(spec: JobAddress, jobId: string): Promise<boolean>;
  /** Removes the scheduler and its pending run; a run already in progress finishes. */
  removeSchedule(spec: JobAddress, schedulerId: string): Promise<void>;
  /** Starts consuming. Producer-only processes (web) never call it. */
  start(): Promise<void>;
  /** Stops taking new jobs, waits for active ones, cancels timers and releases connections. */
  close(): Promise<void>;
  /** 'failed' fires for every failed attempt; a rate-limited run is neither completed nor failed. */
  on(event: 'completed', listener: (event: JobCompletedEvent) => void): void;
  on(event: 'failed', listener: (event: JobFailedEvent) => void): void;
}

/** Names must be unique: a name is a queue. */
export function indexDefinitions(definitions: readonly AnyJobDefinition[]): Map<string, AnyJobDefinition> {
  const byName = new Map<string, AnyJobDefinition>();
  for (const def of definitions) {
    if (byName.has(def.name)) throw new Error(`job "${def.name}" is registered twice`);
    byName.set(def.name, def);
  }
  return byName;
}

/** The delay an enqueue asks for, in ms from `now`. */
export function requestedDelay(opts: EnqueueOptions | undefined, now: number): number {
  if (opts?.runAt) return Math.max(0, opts.runAt.getTime() - now);
  return Math.max(0, opts?.delayMs ?? 0);
}

export function assertValidRepeat(repeat: RepeatOptions): void {
  if ('every' in repeat && !(Number.isFinite(repeat.every) && repeat.every > 0)) {
    throw new Error('repeat.every must be a positive number of ms');
  }
}
