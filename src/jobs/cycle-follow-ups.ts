import type { Clock } from '../clock.js';
import type { OpenedCycle } from '../cycles/cycle-open.js';
import { createCheckinDeliverJob } from './checkin-deliver.job.js';
import { createCycleCloseJob } from './cycle-close.job.js';
import { createCycleRemindJob } from './cycle-remind.job.js';
import type { JobDeps } from './job-deps.js';
import type { EnqueueResult, JobQueue } from './job-queue.js';

/**
 * Delays measured on the service clock, so simulated time (demo, tests) and real time
 * schedule the same way.
 */
export function delayUntil(clock: Clock, at: Date): { delayMs: number } {
  return { delayMs: Math.max(0, at.getTime() - clock.now().getTime()) };
}

/**
 * Enqueues an open cycle's follow-ups under their deterministic ids: each unsent
 * delivery at its send time, the reminder, the close. Used when a cycle opens and when a
 * worker restarts; enqueueing twice adds nothing.
 */
export function createFollowUpEnqueuer(deps: JobDeps) {
  const deliver = createCheckinDeliverJob(deps);
  const remind = createCycleRemindJob(deps);
  const close = createCycleCloseJob(deps);
  return async (queue: JobQueue, cycle: OpenedCycle): Promise<EnqueueResult[]> => {
    const results: EnqueueResult[] = [];
    for (const d of cycle.deliveries) {
      results.push(await queue.enqueue(deliver, { deliveryId: d.id }, delayUntil(deps.clock, d.sendAt)));
    }
    if (cycle.remindAt)
      results.push(
        await queue.enqueue(remind, { cycleId: cycle.id }, delayUntil(deps.clock, cycle.remindAt)),
      );
    results.push(await queue.enqueue(close, { cycleId: cycle.id }, delayUntil(deps.clock, cycle.closesAt)));
    return results;
  };
}
