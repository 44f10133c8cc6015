import { findPendingWork } from '../cycles/pending-work.js';
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
  const deliver = createCheckinDeliverJob(deps);
  const remind = createCycleRemindJob(deps);
  const close = createCycleCloseJob(deps);
  const aggregate = createCycleAggregateJob(deps);
  const post = createSummaryPostJob(deps);
  const comments = createCommentsPostJob(deps);
  const definitions = [
    cycleOpen,
    deliver,
    remind,
    createCheckinRemindJob(deps),
    close,
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

  const resumePending: JobRegistry['resumePending'] = async (queue) => {
    const work = await findPendingWork(deps.prisma);
    const until = (at: Date) => ({ delayMs: Math.max(0, at.getTime() - deps.clock.now().getTime()) });
    let added = 0;
    const count = (r: { deduplicated: boolean }) => {
      if (!r.deduplicated) added += 1;
    };
    for (const d of work.deliveries)
      count(await queue.enqueue(deliver, { deliveryId: d.deliveryId }, until(d.sendAt)));
    for (const r of work.reminders)
      count(await queue.enqueue(remind, { cycleId: r.cycleId }, until(r.remindAt)));
    for (const c of work.closes) count(await queue.enqueue(close, { cycleId: c.cycleId }, until(c.closesAt)));
    for (const a of work.aggregations) count(await queue.enqueue(aggregate, { cycleId: a.cycleId }));
    for (const p of work.posts) count(await queue.enqueue(post, { summaryId: p.summaryId }));
    for (const c of work.comments) count(await queue.enqueue(comments, { summaryId: c.summaryId }));
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
