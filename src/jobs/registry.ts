import { findPendingWork } from '../cycles/pending-work.js';
import { type TeamScheduleSettings, teamCronPattern, teamSchedulerId } from '../cycles/team-schedule.js';
import { createCheckinDeliverJob } from './checkin-deliver.job.js';
import { createCheckinRemindJob } from './checkin-remind.job.js';
import { createCommentsPostJob } from './comments-post.job.js';
import { createCycleAggregateJob } from './cycle-aggregate.job.js';
import { createCycleCloseJob } from './cycle-close.job.js';
import { createFollowUpEnqueuer } from './cycle-follow-ups.js';
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
  /** re-enqueues what the database says is still to do (after a restart); idempotent */
  resumePending(queue: JobQueue): Promise<number>;
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
  const aggregate = createCycleAggregateJob(deps);
  const post = createSummaryPostJob(deps);
  const comments = createCommentsPostJob(deps);
  const definitions = [
    cycleOpen,
    createCheckinDeliverJob(deps),
    createCycleRemindJob(deps),
    createCheckinRemindJob(deps),
    createCycleCloseJob(deps),
    aggregate,
    post,
    comments,
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

  const enqueueFollowUps = createFollowUpEnqueuer(deps);
  const resumePending: JobRegistry['resumePending'] = async (queue) => {
    const work = await findPendingWork(deps.prisma);
    const results = [];
    for (const cycle of work.open) results.push(...(await enqueueFollowUps(queue, cycle)));
    for (const a of work.aggregations) results.push(await queue.enqueue(aggregate, { cycleId: a.cycleId }));
    for (const p of work.posts) results.push(await queue.enqueue(post, { summaryId: p.summaryId }));
    for (const c of work.comments) results.push(await queue.enqueue(comments, { summaryId: c.summaryId }));
    const added = results.filter((r) => !r.deduplicated).length;
    if (added > 0) deps.logger.info({ added }, 'pending pulse work re-enqueued');
    return added;
  };

  return {
    definitions,
    resumePending,
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
