import { deliverCheckin, remindMember } from '../cycles/checkin-delivery.js';
import { aggregateCycle } from '../cycles/cycle-aggregate.js';
import { closeCycleWhenDue, purgeExpiredAnswers } from '../cycles/cycle-close.js';
import { openCycle } from '../cycles/cycle-open.js';
import { findPendingWork } from '../cycles/pending-work.js';
import { deliveriesToRemind } from '../cycles/reminders.js';
import { type TeamScheduleSettings, teamCronPattern, teamSchedulerId } from '../cycles/team-schedule.js';
import type { AnyJobDefinition } from '../queue/job-definition.js';
import type { JobQueue } from '../queue/job-queue.js';
import { pacedSlackCall } from '../slack/paced-call.js';
import { postComments } from '../summaries/post-comments.js';
import { postSummary } from '../summaries/post-summary.js';
import { sendTeamTooSmallNotice } from '../teams/lead-notices.js';
import { JOBS, RETENTION_PURGE_SCHEDULE } from './catalog.js';
import type { JobDeps } from './job-deps.js';
import { type PulseServices, pulsePipeline } from './pulse-pipeline.js';

export interface JobRegistry {
  /** every job this process may enqueue or run, each bound to its processor once */
  definitions: AnyJobDefinition[];
  /** upserts the service-wide schedulers and every active team's pulse; idempotent */
  scheduleRecurring(queue: JobQueue): Promise<void>;
  /** re-enqueues what the database says is still to do (after a restart); idempotent */
  resumePending(): Promise<number>;
  /** creates or replaces one team's pulse scheduler (after set-up or a settings change) */
  scheduleTeam(queue: JobQueue, team: TeamScheduleSettings & { paused: boolean }): Promise<void>;
}

/**
 * Binds the pulse's steps to the services, once, with the runtime's dependencies: the
 * BullMQ driver makes one queue and worker per definition, the in-process runner one
 * lane per definition. Also the schedules that start the pulse.
 */
export function buildJobRegistry(deps: JobDeps): JobRegistry {
  const serviceDeps = { ...deps, slackCall: pacedSlackCall(deps.rateLimiter) };
  const services: PulseServices = {
    openCycle: (teamId) => openCycle(serviceDeps, teamId),
    deliverCheckin: (deliveryId, attempt) => deliverCheckin(serviceDeps, deliveryId, attempt),
    deliveriesToRemind: (cycleId) => deliveriesToRemind(serviceDeps, cycleId),
    remindMember: (deliveryId) => remindMember(serviceDeps, deliveryId),
    closeCycle: (cycleId) => closeCycleWhenDue(serviceDeps, cycleId),
    aggregateCycle: (cycleId) => aggregateCycle(serviceDeps, cycleId),
    postSummary: (summaryId) => postSummary(serviceDeps, summaryId),
    postComments: (summaryId) => postComments(serviceDeps, summaryId),
    sendTeamTooSmallNotice: (notice) => sendTeamTooSmallNotice(serviceDeps, notice),
    purgeExpiredAnswers: async () => {
      const { retentionDays } = deps.config;
      return { ...(await purgeExpiredAnswers(deps.prisma, deps.clock.now(), retentionDays)), retentionDays };
    },
  };
  const pipeline = pulsePipeline({ services, clock: deps.clock, queue: deps.queue });

  const scheduleTeam: JobRegistry['scheduleTeam'] = async (queue, team) => {
    if (team.paused) {
      await queue.removeSchedule(JOBS.cycleOpen, teamSchedulerId(team.id));
      return;
    }
    await queue.schedule(JOBS.cycleOpen, teamSchedulerId(team.id), teamCronPattern(team), {
      teamId: team.id,
    });
  };

  return {
    definitions: pipeline.definitions,
    scheduleTeam,
    async resumePending() {
      const results = await pipeline.enqueuePending(await findPendingWork(deps.prisma));
      const added = results.filter((r) => !r.deduplicated).length;
      if (added > 0) deps.logger.info({ added }, 'pending pulse work re-enqueued');
      return added;
    },
    async scheduleRecurring(queue) {
      const { id, pattern, tz } = RETENTION_PURGE_SCHEDULE;
      await queue.schedule(JOBS.retentionPurge, id, { pattern, tz }, {});
      const teams = await deps.prisma.team.findMany({
        where: { kind: 'team', sourceId: { not: null } },
        select: { id: true, cadence: true, weekday: true, hour: true, timezone: true, paused: true },
      });
      for (const team of teams) await scheduleTeam(queue, team);
    },
  };
}
