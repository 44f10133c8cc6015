import type { z } from 'zod';
import type { Logger } from '../logger.js';

/** What a processor gets besides its payload. Identical in both drivers. */
export interface JobContext {
  /** The job's id: the definition's deterministic id, or `repeat:<scheduler>:<millis>` for scheduled runs. */
  jobId: string;
  /** 1-based; a rate-limited run that is put back does not use up an attempt. */
  attempt: number;
  /** Child logger already bound to the job's name, id and attempt. */
  logger: Logger;
  /**
   * Put this job back and pause its definition's queue for `ms` without counting an
   * attempt (Slack 429 `Retry-After`). Never resolves: `await ctx.rateLimit(ms)` and let
   * the rejection propagate. Even if the processor swallows it, the driver still honours
   * the request.
   */
  rateLimit(ms: number): Promise<never>;
}

export interface BackoffOptions {
  /** exponential: delayMs * 2^(attempt - 1) after the nth failed attempt (BullMQ's formula); fixed: delayMs. */
  type: 'exponential' | 'fixed';
  delayMs: number;
}

/**
 * A job's address and settings: everything a producer needs to enqueue it, and nothing
 * of what runs it. A catalog of specs can be imported by any code without pulling in
 * processors or their dependencies.
 */
export interface JobSpec<P> {
  /** kebab-case; also the queue name. */
  name: string;
  /** Checked at enqueue (by the producer) and again before processing (by the worker). */
  schema: z.ZodType<P>;
  /** Deterministic, so duplicates collapse. Must not contain ':' or be an integer (BullMQ). */
  jobId(payload: P): string;
  /** Total runs including the first; default {@link DEFAULT_ATTEMPTS}. */
  attempts?: number;
  /** Default {@link DEFAULT_BACKOFF}. */
  backoff?: BackoffOptions;
  /** Jobs of this definition run in parallel per worker process; default 1. */
  concurrency?: number;
}

export type Processor<P> = (payload: P, ctx: JobContext) => Promise<unknown>;

/** A spec bound to the processor that runs it: what a queue is built from. */
export interface JobDefinition<P> extends JobSpec<P> {
  process(payload: P, ctx: JobContext): Promise<unknown>;
}

/** A definition of any payload, as held in a registry. */
export type AnyJobDefinition = JobDefinition<unknown>;

export const DEFAULT_ATTEMPTS = 5;
/** 2 s, 4 s, 8 s, 16 s: about half a minute before the fifth and last attempt. */
export const DEFAULT_BACKOFF: BackoffOptions = { type: 'exponential', delayMs: 2_000 };
export const DEFAULT_CONCURRENCY = 1;

/**
 * How long completed jobs are kept. While a job is kept, enqueueing its id again is a
 * no-op, so this is also the de-duplication window for deterministic ids.
 */
export const COMPLETED_RETENTION = { ageSeconds: 7 * 24 * 60 * 60, count: 1_000 } as const;
/** Failed jobs are kept longer and in larger numbers, for inspection and manual retry. */
export const FAILED_RETENTION = { ageSeconds: 30 * 24 * 60 * 60, count: 10_000 } as const;

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Thrown by a processor (or by the drivers for a payload that fails the schema) when
 * retrying cannot help. Both drivers fail the job at once, whatever attempts remain.
 */
export class UnrecoverableJobError extends Error {
  override name = 'UnrecoverableJobError';
}

/** Enqueue or schedule was called with data the definition's schema rejects. */
export class JobPayloadError extends Error {
  override name = 'JobPayloadError';
}

/** Internal signal from {@link runProcessor} to a driver: requeue without counting an attempt. */
export class JobRateLimitedError extends Error {
  override name = 'JobRateLimitedError';
  constructor(readonly delayMs: number) {
    super(`rate limited for ${delayMs} ms`);
  }
}

/** Declares a job's address and settings; checks the parts that can be checked before any payload exists. */
export function defineJobSpec<P>(spec: JobSpec<P>): JobSpec<P> {
  if (!KEBAB_CASE.test(spec.name)) {
    throw new Error(`job name "${spec.name}" must be kebab-case`);
  }
  if (spec.attempts !== undefined && !(Number.isInteger(spec.attempts) && spec.attempts >= 1)) {
    throw new Error(`job "${spec.name}": attempts must be an integer >= 1`);
  }
  if (spec.concurrency !== undefined && !(Number.isInteger(spec.concurrency) && spec.concurrency >= 1)) {
    throw new Error(`job "${spec.name}": concurrency must be an integer >= 1`);
  }
  if (spec.backoff !== undefined && !(Number.isFinite(spec.backoff.delayMs) && spec.backoff.delayMs >= 0)) {
    throw new Error(`job "${spec.name}": backoff.delayMs must be >= 0`);
  }
  return spec;
}

/** Declares a job with its processor in one go (the spec is checked as {@link defineJobSpec} does). */
export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  defineJobSpec(def);
  return def;
}

/** Binds a processor to a spec; the spec object itself is not changed. */
export function bindJob<P>(spec: JobSpec<P>, process: Processor<P>): JobDefinition<P> {
  return defineJob({ ...spec, process });
}

/** The effective retry settings of a definition. */
export function retryPolicy(def: Pick<JobSpec<unknown>, 'attempts' | 'backoff'>): {
  attempts: number;
  backoff: BackoffOptions;
} {
  return { attempts: def.attempts ?? DEFAULT_ATTEMPTS, backoff: def.backoff ?? DEFAULT_BACKOFF };
}

/** Delay before the next attempt after `attemptsMade` failed attempts; BullMQ's built-in formula. */
export function backoffDelay(backoff: BackoffOptions, attemptsMade: number): number {
  return backoff.type === 'fixed' ? backoff.delayMs : Math.round(2 ** (attemptsMade - 1) * backoff.delayMs);
}

/**
 * Ids end up inside Redis keys: ':' is BullMQ's separator and integer-like ids collide
 * with its auto-generated ones. Checked in both drivers so behaviour does not differ.
 */
export function assertValidJobId(id: string, what = 'job id'): void {
  if (id.length === 0) throw new Error(`${what} must not be empty`);
  if (id.includes(':')) throw new Error(`${what} "${id}" must not contain ':'`);
  if (`${Number.parseInt(id, 10)}` === id) throw new Error(`${what} "${id}" must not be an integer`);
}

/**
 * Validates a payload at the producer and returns it as it will be stored: parsed
 * (unknown keys stripped, defaults applied) and JSON round-tripped, like Redis does.
 * Zod issue messages are kept out of the error on purpose: they can quote values.
 */
export function preparePayload<P>(def: JobSpec<P>, payload: P): { data: P; id: string } {
  const parsed = def.schema.safeParse(payload);
  if (!parsed.success) {
    throw new JobPayloadError(`invalid payload for job "${def.name}": ${describeIssues(parsed.error)}`);
  }
  const data = JSON.parse(JSON.stringify(parsed.data)) as P;
  const id = def.jobId(parsed.data);
  assertValidJobId(id, `job id of "${def.name}"`);
  return { data, id };
}

/** Validates a payload for a scheduler, whose runs get ids from the scheduler, not `jobId`. */
export function prepareScheduledPayload<P>(def: JobSpec<P>, payload: P): P {
  const parsed = def.schema.safeParse(payload);
  if (!parsed.success) {
    throw new JobPayloadError(`invalid payload for job "${def.name}": ${describeIssues(parsed.error)}`);
  }
  return JSON.parse(JSON.stringify(parsed.data)) as P;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`).join('; ');
}

/** What a driver knows about one run. */
export interface RunInfo {
  jobId: string;
  attempt: number;
  logger: Logger;
  /** Pause the definition's queue for `ms` (the driver-specific half of rate limiting). */
  pauseQueue(ms: number): Promise<void>;
}

/**
 * The one place where a stored payload meets a processor, shared by both drivers:
 * validates with the worker's schema (failure is permanent), builds the context, and
 * turns a rate-limit request into {@link JobRateLimitedError} however the processor ends.
 */
export async function runProcessor(def: AnyJobDefinition, data: unknown, run: RunInfo): Promise<unknown> {
  const parsed = def.schema.safeParse(data);
  if (!parsed.success) {
    throw new UnrecoverableJobError(
      `stored payload no longer matches job "${def.name}": ${describeIssues(parsed.error)}`,
    );
  }
  let rateLimitedFor: number | undefined;
  const ctx: JobContext = {
    jobId: run.jobId,
    attempt: run.attempt,
    logger: run.logger,
    async rateLimit(ms) {
      rateLimitedFor = Math.max(0, ms);
      await run.pauseQueue(rateLimitedFor);
      throw new JobRateLimitedError(rateLimitedFor);
    },
  };
  let result: unknown;
  try {
    result = await def.process(parsed.data as never, ctx);
  } catch (error) {
    if (rateLimitedFor !== undefined) throw new JobRateLimitedError(rateLimitedFor);
    throw error;
  }
  if (rateLimitedFor !== undefined) throw new JobRateLimitedError(rateLimitedFor);
  return result;
}

/** Permanent failures: ours, or BullMQ's own class if a processor used it directly. */
export function isUnrecoverable(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'UnrecoverableJobError' || error.name === 'UnrecoverableError')
  );
}
