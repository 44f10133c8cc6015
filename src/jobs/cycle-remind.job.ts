import { z } from 'zod';
import { deliveriesToRemind } from '../cycles/reminders.js';
import { createCheckinRemindJob } from './checkin-remind.job.js';
import { defineJob } from './job-definition.js';
import type { JobDeps } from './job-deps.js';

export const CycleRemindPayloadSchema = z.object({ cycleId: z.uuid() });
export type CycleRemindPayload = z.infer<typeof CycleRemindPayloadSchema>;

/** At the reminder time, fans out one reminder job per member who has not answered. */
export function createCycleRemindJob(deps: JobDeps) {
  const remind = createCheckinRemindJob(deps);
  return defineJob<CycleRemindPayload>({
    name: 'cycle-remind',
    schema: CycleRemindPayloadSchema,
    jobId: (p) => `cycle-remind-${p.cycleId}`,
    async process({ cycleId }) {
      const deliveryIds = await deliveriesToRemind(deps, cycleId);
      for (const deliveryId of deliveryIds) await deps.queue().enqueue(remind, { deliveryId });
      return deliveryIds.length;
    },
  });
}
