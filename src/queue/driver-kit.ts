import type { Logger } from '../logger.js';
import {
  type AnyJobDefinition,
  assertValidJobId,
  type BackoffOptions,
  COMPLETED_RETENTION,
  DEFAULT_CONCURRENCY,
  FAILED_RETENTION,
  type JobSpec,
  preparePayload,
  prepareScheduledPayload,
  retryPolicy,
} from './job-definition.js';
import { JobEvents } from './job-events.js';
import { assertValidRepeat, indexDefinitions, type JobAddress, type RepeatOptions } from './job-queue.js';

/** A definition's effective queue settings, defaults applied. */
export interface QueueSettings {
  attempts: number;
  backoff: BackoffOptions;
  concurrency: number;
}

/**
 * What both drivers do the same way around their own storage: look a job up by name,
 * check what is enqueued or scheduled before it is stored, apply the defaults, and tell
 * listeners. Keeping it in one place is what keeps the two drivers' semantics equal.
 */
export interface DriverKit {
  /** the registry: a name is a queue */
  readonly byName: ReadonlyMap<string, AnyJobDefinition>;
  readonly events: JobEvents;
  /** how long finished jobs are kept (and so de-duplicate their ids) */
  readonly retention: { completed: typeof COMPLETED_RETENTION; failed: typeof FAILED_RETENTION };
  /** the registered definition; enqueueing one the queue was not built with is a wiring bug */
  lookup(address: JobAddress): AnyJobDefinition;
  /** the payload as it will be stored, and its deterministic id */
  prepareEnqueue<P>(spec: JobSpec<P>, payload: P): { data: P; id: string };
  /** the payload a scheduler stores, after checking its id and repeat */
  prepareSchedule<P>(spec: JobSpec<P>, schedulerId: string, repeat: RepeatOptions, payload: P): P;
  settingsOf(def: AnyJobDefinition): QueueSettings;
}

export function createDriverKit(definitions: readonly AnyJobDefinition[], logger: Logger): DriverKit {
  const byName = indexDefinitions(definitions);
  return {
    byName,
    events: new JobEvents(logger),
    retention: { completed: COMPLETED_RETENTION, failed: FAILED_RETENTION },
    lookup(address) {
      const registered = byName.get(address.name);
      if (!registered) throw new Error(`job "${address.name}" is not in this queue's registry`);
      return registered;
    },
    prepareEnqueue: preparePayload,
    prepareSchedule(spec, schedulerId, repeat, payload) {
      assertValidJobId(schedulerId, 'scheduler id');
      assertValidRepeat(repeat);
      return prepareScheduledPayload(spec, payload);
    },
    settingsOf(def) {
      return { ...retryPolicy(def), concurrency: def.concurrency ?? DEFAULT_CONCURRENCY };
    },
  };
}
