import { type TeamScheduleSettings, teamCronPattern, teamSchedulerId } from '../cycles/team-schedule.js';
import { createCheckinDeliverJob } from './checkin-deliver.job.js';
import { createCheckinRemindJob } from './checkin-remind.job.js';
import { createCommentsPostJob } from './comments-post.job.js';
import { createCycleAggregateJob } from './cycle-aggregate.job.js';
import { createCycleCloseJob } from './cycle-close.job.js';
import { createCycleOpenJob } from './cycle-open.job.js';
import { createCycleRemindJob } from './cycle-remind.job.js';
import type { AnyJobDefinition } from './job-definition.js';
import type { JobDeps } from './job-deps.js';
import type { JobQueue } from './job-queue.js';
import { createLeadNoticeJob } from './lead-notice.job.js';
import { createRetentionPurgeJob, RETENTION_PURGE_SCHEDULE } from './retention-purge.job.js';
import { createSummaryPostJob } from './summary-post.job.js';

export interface JobRegistry {
  definitions: AnyJobDefinition[];
  /** upserts the service-wide schedulers and every active team's pulse; idempotent */
  scheduleRecurring(queue: JobQueue): Promise<void>;
  /** creates or replaces one team's pulse scheduler (after set-up or a settings change) */
  scheduleTeam(queue: JobQueue, team: TeamScheduleSettings & { paused: boolean }): Promise<void>;
}

/**
 * Every job this service runs, in one list: the BullMQ driver makes one queue and
 * worker per entry, the in-process runner one lane per entry.
 */
export function buildJobRegistry(deps: JobDeps): JobRegistry {
  const retentionPurge = createRetentionPurgeJob(deps);
  const cycleOpen = createCycleOpenJob(deps);
  const definitions = [
    cycleOpen,
    createCheckinDeliverJob(deps),
    createCycleRemindJob(deps),
    createCheckinRemindJob(deps),
    createCycleCloseJob(deps),
    createCycleAggregateJob(deps),
    createSummaryPostJob(deps),
    createCommentsPostJob(deps),
    createLeadNoticeJob(deps),
    retentionPurge,
  ] as AnyJobDefinition[];

  const scheduleTeam: JobRegistry['scheduleTeam'] = async (queue, team) => {
    if (team.paused) {
      await queue.removeSchedule(cycleOpen as AnyJobDefinition, teamSchedulerId(team.id));
      return;
    }
    await queue.schedule(cycleOpen, teamSchedulerId(team.id), teamCronPattern(team), { teamId: team.id });
  };

  return {
    definitions,
    scheduleTeam,
    async scheduleRecurring(queue) {
      const { id, pattern, tz } = RETENTION_PURGE_SCHEDULE;
      await queue.schedule(retentionPurge, id, { pattern, tz }, {});
      const teams = await deps.prisma.team.findMany({
        where: { kind: 'team', sourceId: { not: null } },
        select: { id: true, cadence: true, weekday: true, hour: true, timezone: true, paused: true },
      });
      for (const team of teams) await scheduleTeam(queue, team);
    },
  };
}
