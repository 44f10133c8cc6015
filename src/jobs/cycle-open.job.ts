import { z } from 'zod';
import { openCycle } from '../cycles/cycle-open.js';
import { createCheckinDeliverJob } from './checkin-deliver.job.js';
import { createCycleCloseJob } from './cycle-close.job.js';
import { createCycleRemindJob } from './cycle-remind.job.js';
import { defineJob } from './job-definition.js';
import type { JobDeps } from './job-deps.js';
import { createLeadNoticeJob } from './lead-notice.job.js';

export const CycleOpenPayloadSchema = z.object({ teamId: z.uuid() });
export type CycleOpenPayload = z.infer<typeof CycleOpenPayloadSchema>;

/**
 * Fired by each team's scheduler. Opens (or finds) this week's cycle, then enqueues its
 * follow-up jobs under deterministic ids, so a retry re-enqueues nothing twice.
 */
export function createCycleOpenJob(deps: JobDeps) {
  const deliver = createCheckinDeliverJob(deps);
  const remind = createCycleRemindJob(deps);
  const close = createCycleCloseJob(deps);
  const notice = createLeadNoticeJob(deps);
  return defineJob<CycleOpenPayload>({
    name: 'cycle-open',
    schema: CycleOpenPayloadSchema,
    jobId: (p) => `cycle-open-${p.teamId}`,
    async process({ teamId }, ctx) {
      const result = await openCycle(deps, teamId);
      const queue = deps.queue();
      if (result.status === 'too_small') {
        for (const lead of result.leads) {
          await queue.enqueue(notice, {
            teamId,
            slackUserId: lead,
            notice: 'too_small',
            eligible: result.eligible,
            roundKey: result.roundKey,
          });
        }
        return result.status;
      }
      if (result.status === 'skipped') {
        ctx.logger.info({ teamId, reason: result.reason }, 'no cycle opened');
        return result.status;
      }
      const { cycle } = result;
      // Delays are measured on the service clock, so simulated time (demo, tests) and
      // real time schedule the same way.
      const until = (at: Date) => ({ delayMs: Math.max(0, at.getTime() - deps.clock.now().getTime()) });
      for (const delivery of cycle.deliveries) {
        await queue.enqueue(deliver, { deliveryId: delivery.id }, until(delivery.sendAt));
      }
      if (cycle.remindAt) await queue.enqueue(remind, { cycleId: cycle.id }, until(cycle.remindAt));
      await queue.enqueue(close, { cycleId: cycle.id }, until(cycle.closesAt));
      return result.status;
    },
  });
}
