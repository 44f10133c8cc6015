/**
 * The pulse, top to bottom: every job of the catalog with the one service it calls and
 * what it enqueues next, and when.
 *
 *   team scheduler ─▶ 1 cycle-open ─┬─▶ 2 checkin-deliver   (one per member, at their send time)
 *                                   ├─▶ 3 cycle-remind      (at the reminder time)
 *                                   │     └─▶ checkin-remind (one per member yet to answer)
 *                                   ├─▶ 4 cycle-close       (at closesAt)
 *                                   │     └─▶ 5 cycle-aggregate
 *                                   │           └─▶ 6 summary-post
 *                                   │                 └─▶ 7 comments-post (when released)
 *                                   └─▶ lead-notice         (team too small: one per lead)
 *   daily scheduler ─▶ retention-purge
 *
 * Each step parses its payload (the queue does, with the catalog's schema), calls one
 * service and maps the outcome: what to enqueue next, or a job failure. Steps that talk
 * to Slack run inside {@link withSlackFate}, so a 429 or a pacing wait puts the job back
 * without using an attempt and a permanent Slack error fails it at once.
 */
import type { Clock } from '../clock.js';
import type { OpenCycleResult, OpenedCycle } from '../cycles/cycle-open.js';
import type { PendingWork } from '../cycles/pending-work.js';
import type { AnyJobDefinition, JobSpec } from '../queue/job-definition.js';
import { bindJob, DEFAULT_ATTEMPTS, UnrecoverableJobError } from '../queue/job-definition.js';
import type { EnqueueResult, JobQueue } from '../queue/job-queue.js';
import { JOBS } from './catalog.js';
import { withSlackFate } from './slack-fate.js';

/** The services the pulse calls, one per step, bound to the runtime's dependencies in `registry.ts`. */
export interface PulseServices {
  openCycle(teamId: string): Promise<OpenCycleResult>;
  deliverCheckin(deliveryId: string, attempt: { finalAttempt: boolean }): Promise<unknown>;
  deliveriesToRemind(cycleId: string): Promise<string[]>;
  remindMember(deliveryId: string): Promise<unknown>;
  closeCycle(cycleId: string): Promise<unknown>;
  aggregateCycle(
    cycleId: string,
  ): Promise<{ status: 'released' | 'suppressed'; summaryId: string } | { status: 'not_closed' | 'missing' }>;
  postSummary(
    summaryId: string,
  ): Promise<{ status: 'skipped' | 'no_channel' } | { status: 'posted'; commentsReleased: boolean }>;
  postComments(summaryId: string): Promise<unknown>;
  sendTeamTooSmallNotice(notice: { teamId: string; slackUserId: string; eligible: number }): Promise<unknown>;
  purgeExpiredAnswers(): Promise<Record<string, number>>;
}

export interface PulsePipelineDeps {
  services: PulseServices;
  /** the service clock: delays are measured on it, so simulated and real time schedule alike */
  clock: Clock;
  /** the queue the steps enqueue on; it exists only once the definitions do */
  queue(): Pick<JobQueue, 'enqueue'>;
}

export interface PulsePipeline {
  /** every step, bound to its processor, in pipeline order */
  definitions: AnyJobDefinition[];
  /** an open cycle's follow-ups: each unsent delivery at its send time, the reminder, the close */
  enqueueFollowUps(cycle: OpenedCycle): Promise<EnqueueResult[]>;
  /** what the database says is still to do (after a restart): the step each item resumes at */
  enqueuePending(work: PendingWork): Promise<EnqueueResult[]>;
}

/**
 * Delays measured on the service clock, so simulated time (demo, tests) and real time
 * schedule the same way.
 */
export function delayUntil(clock: Clock, at: Date): { delayMs: number } {
  return { delayMs: Math.max(0, at.getTime() - clock.now().getTime()) };
}

export function pulsePipeline({ services: s, clock, queue }: PulsePipelineDeps): PulsePipeline {
  const enqueue = <P>(spec: JobSpec<P>, payload: P, at?: Date) =>
    queue().enqueue(spec, payload, at ? delayUntil(clock, at) : undefined);

  // Used when a cycle opens and when a worker restarts; enqueueing twice adds nothing.
  async function enqueueFollowUps(cycle: OpenedCycle): Promise<EnqueueResult[]> {
    const results: EnqueueResult[] = [];
    for (const d of cycle.deliveries) {
      results.push(await enqueue(JOBS.checkinDeliver, { deliveryId: d.id }, d.sendAt));
    }
    if (cycle.remindAt) results.push(await enqueue(JOBS.cycleRemind, { cycleId: cycle.id }, cycle.remindAt));
    results.push(await enqueue(JOBS.cycleClose, { cycleId: cycle.id }, cycle.closesAt));
    return results;
  }

  const definitions = [
    // 1. A team's scheduler fires: open this round's cycle (or find the one a retry
    //    opened). Next: the cycle's follow-ups, or for a team too small to report on, a
    //    private notice to each lead. A paused, unsourced or off-week team gets nothing.
    bindJob(JOBS.cycleOpen, async ({ teamId }, ctx) => {
      const result = await s.openCycle(teamId);
      if (result.status === 'too_small') {
        const { eligible, roundKey } = result;
        for (const lead of result.leads) {
          await enqueue(JOBS.leadNotice, {
            teamId,
            slackUserId: lead,
            notice: 'too_small',
            eligible,
            roundKey,
          });
        }
        return result.status;
      }
      if (result.status === 'skipped') {
        ctx.logger.info({ teamId, reason: result.reason }, 'no cycle opened');
        return result.status;
      }
      await enqueueFollowUps(result.cycle);
      return result.status;
    }),

    // 2. At a member's send time: their check-in DM. Enqueues nothing.
    bindJob(JOBS.checkinDeliver, ({ deliveryId }, ctx) =>
      withSlackFate(ctx, () =>
        s.deliverCheckin(deliveryId, {
          finalAttempt: ctx.attempt >= (JOBS.checkinDeliver.attempts ?? DEFAULT_ATTEMPTS),
        }),
      ),
    ),

    // 3. At the reminder time: one reminder job per member who has not answered (known
    //    only in memory, from the live cycle key); each sends the one reminder.
    bindJob(JOBS.cycleRemind, async ({ cycleId }) => {
      const deliveryIds = await s.deliveriesToRemind(cycleId);
      for (const deliveryId of deliveryIds) await enqueue(JOBS.checkinRemind, { deliveryId });
      return deliveryIds.length;
    }),
    bindJob(JOBS.checkinRemind, ({ deliveryId }, ctx) =>
      withSlackFate(ctx, () => s.remindMember(deliveryId)),
    ),

    // 4. At closesAt: unlink answers from people, destroy the cycle key. Next: aggregate
    //    (also after a retry that finds the cycle already closed).
    bindJob(JOBS.cycleClose, async ({ cycleId }) => {
      const result = await s.closeCycle(cycleId);
      if (result === 'missing') return result;
      await enqueue(JOBS.cycleAggregate, { cycleId });
      return result;
    }),

    // 5. The team summary, released or suppressed. Next: post it.
    bindJob(JOBS.cycleAggregate, async ({ cycleId }) => {
      const result = await s.aggregateCycle(cycleId);
      if (!('summaryId' in result)) {
        if (result.status === 'missing') return result.status;
        throw new UnrecoverableJobError(`cycle ${cycleId} is not closed`);
      }
      await enqueue(JOBS.summaryPost, { summaryId: result.summaryId });
      return result.status;
    }),

    // 6. Post the summary to the team's summary channel. Next: its comments, when the
    //    guard released them.
    bindJob(JOBS.summaryPost, async ({ summaryId }, ctx) => {
      const result = await withSlackFate(ctx, () => s.postSummary(summaryId));
      if (result.status === 'posted' && result.commentsReleased)
        await enqueue(JOBS.commentsPost, { summaryId });
      return result.status;
    }),

    // 7. The released comments, in the summary's thread. The end of the pulse.
    bindJob(JOBS.commentsPost, ({ summaryId }, ctx) => withSlackFate(ctx, () => s.postComments(summaryId))),

    // Beside the pulse: the notice to a lead of a team too small to report on (from 1),
    bindJob(JOBS.leadNotice, (notice, ctx) => withSlackFate(ctx, () => s.sendTeamTooSmallNotice(notice))),

    // and the daily purge of raw answers past the retention period.
    bindJob(JOBS.retentionPurge, async (_payload, ctx) => {
      const purged = await s.purgeExpiredAnswers();
      ctx.logger.info(purged, 'expired raw answers deleted');
      return purged;
    }),
  ] as AnyJobDefinition[];

  return {
    definitions,
    enqueueFollowUps,
    async enqueuePending(work) {
      const results: EnqueueResult[] = [];
      for (const cycle of work.open) results.push(...(await enqueueFollowUps(cycle)));
      for (const a of work.aggregations)
        results.push(await enqueue(JOBS.cycleAggregate, { cycleId: a.cycleId }));
      for (const p of work.posts) results.push(await enqueue(JOBS.summaryPost, { summaryId: p.summaryId }));
      for (const c of work.comments)
        results.push(await enqueue(JOBS.commentsPost, { summaryId: c.summaryId }));
      return results;
    },
  };
}
