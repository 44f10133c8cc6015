import type { Logger } from '../logger.js';
import type { JobCompletedEvent, JobFailedEvent } from './job-queue.js';

type Listener<E> = (event: E) => void;

/** Listener lists for a driver's 'completed' / 'failed' events; a throwing listener is logged, not rethrown. */
export class JobEvents {
  private readonly completed: Listener<JobCompletedEvent>[] = [];
  private readonly failed: Listener<JobFailedEvent>[] = [];

  constructor(private readonly logger: Logger) {}

  on(event: 'completed' | 'failed', listener: Listener<never>): void {
    if (event === 'completed') this.completed.push(listener as Listener<JobCompletedEvent>);
    else this.failed.push(listener as Listener<JobFailedEvent>);
  }

  emitCompleted(event: JobCompletedEvent): void {
    for (const listener of this.completed) this.safely(event, () => listener(event));
  }

  emitFailed(event: JobFailedEvent): void {
    for (const listener of this.failed) this.safely(event, () => listener(event));
  }

  /** A listener is an observer: its bug must not change what happens to the job. */
  private safely(event: JobCompletedEvent, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.logger.error({ err: error, job: event.name, jobId: event.id }, 'job event listener threw');
    }
  }
}
