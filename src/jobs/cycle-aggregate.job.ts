import { z } from 'zod';
import { aggregateCycle } from '../cycles/cycle-aggregate.js';
import { defineJob, UnrecoverableJobError } from './job-definition.js';
import type { JobDeps } from './job-deps.js';
import { createSummaryPostJob } from './summary-post.job.js';

export const CycleAggregatePayloadSchema = z.object({ cycleId: z.uuid() });
export type CycleAggregatePayload = z.infer<typeof CycleAggregatePayloadSchema>;

export function createCycleAggregateJob(deps: JobDeps) {
  const post = createSummaryPostJob(deps);
  return defineJob<CycleAggregatePayload>({
    name: 'cycle-aggregate',
    schema: CycleAggregatePayloadSchema,
    jobId: (p) => `cycle-aggregate-${p.cycleId}`,
    async process({ cycleId }) {
      const result = await aggregateCycle(deps, cycleId);
      if (!('summaryId' in result)) {
        if (result.status === 'missing') return result.status;
        throw new UnrecoverableJobError(`cycle ${cycleId} is not closed`);
      }
      await deps.queue().enqueue(post, { summaryId: result.summaryId });
      return result.status;
    },
  });
}
