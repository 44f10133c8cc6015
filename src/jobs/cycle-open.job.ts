import { z } from 'zod';
import { openCycle } from '../cycles/cycle-open.js';
import { createFollowUpEnqueuer } from './cycle-follow-ups.js';
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
  const enqueueFollowUps = createFollowUpEnqueuer(deps);
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
      await enqueueFollowUps(queue, result.cycle);
      return result.status;
    },
  });
}
