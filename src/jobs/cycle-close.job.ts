import { z } from 'zod';
import { closeCycle } from '../cycles/cycle-close.js';
import { createCycleAggregateJob } from './cycle-aggregate.job.js';
import { defineJob } from './job-definition.js';
import type { JobDeps } from './job-deps.js';

export const CycleClosePayloadSchema = z.object({ cycleId: z.uuid() });
export type CycleClosePayload = z.infer<typeof CycleClosePayloadSchema>;

/** At closesAt: destroy the cycle key and delivery rows, shuffle answers, then aggregate. */
export function createCycleCloseJob(deps: JobDeps) {
  const aggregate = createCycleAggregateJob(deps);
  return defineJob<CycleClosePayload>({
    name: 'cycle-close',
    schema: CycleClosePayloadSchema,
    jobId: (p) => `cycle-close-${p.cycleId}`,
    async process({ cycleId }) {
      const cycle = await deps.prisma.cycle.findUnique({
        where: { id: cycleId },
        select: { closesAt: true },
      });
      if (!cycle) return 'missing';
      const result = await closeCycle(deps, cycleId, cycle.closesAt);
      await deps.queue().enqueue(aggregate, { cycleId });
      return result;
    },
  });
}
