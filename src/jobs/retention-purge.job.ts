import { z } from 'zod';
import { purgeExpiredAnswers } from '../cycles/cycle-close.js';
import { defineJob } from './job-definition.js';
import type { JobDeps } from './job-deps.js';

export const RETENTION_PURGE_JOB = 'retention-purge';
export const RETENTION_PURGE_SCHEDULE = {
  id: 'retention-purge-daily',
  pattern: '17 3 * * *',
  tz: 'UTC',
} as const;

export const RetentionPurgePayloadSchema = z.object({});
export type RetentionPurgePayload = z.infer<typeof RetentionPurgePayloadSchema>;

/** Privacy invariant 9: raw answers go RETENTION_DAYS after aggregation; aggregates stay. */
export function createRetentionPurgeJob(deps: JobDeps) {
  return defineJob<RetentionPurgePayload>({
    name: RETENTION_PURGE_JOB,
    schema: RetentionPurgePayloadSchema,
    jobId: () => RETENTION_PURGE_JOB,
    attempts: 3,
    async process(_payload, ctx) {
      const purged = await purgeExpiredAnswers(deps.prisma, deps.clock.now(), deps.config.retentionDays);
      ctx.logger.info({ ...purged, retentionDays: deps.config.retentionDays }, 'expired raw answers deleted');
      return purged;
    },
  });
}
