/**
 * Every job of the service by name: its payload schema, its deterministic id and its
 * retry settings. This is a job's address, and all any code needs to enqueue one
 * (`queue.enqueue(JOBS.summaryPost, { summaryId })`); what runs it is bound once, in
 * `registry.ts`, and what each step enqueues next is told in `pulse-pipeline.ts`.
 *
 * Depends on nothing of the app, so handlers, services and processors can all import
 * it. Ids are built from the payload alone: enqueueing the same work twice adds nothing
 * while the first job is kept (see COMPLETED_RETENTION). They never contain ':' (BullMQ's
 * key separator).
 */
import { z } from 'zod';
import { defineJobSpec } from '../queue/job-definition.js';

const CycleRef = z.object({ cycleId: z.uuid() });
const DeliveryRef = z.object({ deliveryId: z.uuid() });
const SummaryRef = z.object({ summaryId: z.uuid() });

export const CycleOpenPayloadSchema = z.object({ teamId: z.uuid() });
export type CycleOpenPayload = z.infer<typeof CycleOpenPayloadSchema>;

export const LeadNoticePayloadSchema = z.object({
  teamId: z.uuid(),
  slackUserId: z.string().min(1),
  notice: z.literal('too_small'),
  /** one notice per lead per round: the week's key, e.g. 2026-W48 */
  roundKey: z.string().regex(/^\d{4}-W\d{2}$/),
  eligible: z.number().int().min(0),
});
export type LeadNoticePayload = z.infer<typeof LeadNoticePayloadSchema>;

export const RetentionPurgePayloadSchema = z.object({});

export const JOBS = {
  /** Fired by each team's scheduler: opens (or finds) this round's cycle. */
  cycleOpen: defineJobSpec({
    name: 'cycle-open',
    schema: CycleOpenPayloadSchema,
    jobId: (p) => `cycle-open-${p.teamId}`,
  }),
  /** One member's check-in DM, at their send time. */
  checkinDeliver: defineJobSpec({
    name: 'checkin-deliver',
    schema: DeliveryRef,
    jobId: (p) => `checkin-deliver-${p.deliveryId}`,
    attempts: 6,
    concurrency: 4,
  }),
  /** At the reminder time: fans out one reminder per member who has not answered. */
  cycleRemind: defineJobSpec({
    name: 'cycle-remind',
    schema: CycleRef,
    jobId: (p) => `cycle-remind-${p.cycleId}`,
  }),
  /** The one reminder a member may get. */
  checkinRemind: defineJobSpec({
    name: 'checkin-remind',
    schema: DeliveryRef,
    jobId: (p) => `checkin-remind-${p.deliveryId}`,
    attempts: 4,
  }),
  /** At closesAt: unlinks answers from people and destroys the cycle key. */
  cycleClose: defineJobSpec({
    name: 'cycle-close',
    schema: CycleRef,
    jobId: (p) => `cycle-close-${p.cycleId}`,
  }),
  /** Turns a closed cycle into its team summary, released or suppressed. */
  cycleAggregate: defineJobSpec({
    name: 'cycle-aggregate',
    schema: CycleRef,
    jobId: (p) => `cycle-aggregate-${p.cycleId}`,
  }),
  /** Posts a team summary to the team's summary channel, once. */
  summaryPost: defineJobSpec({
    name: 'summary-post',
    schema: SummaryRef,
    jobId: (p) => `summary-post-${p.summaryId}`,
  }),
  /** Posts a summary's released comments in its thread, once. */
  commentsPost: defineJobSpec({
    name: 'comments-post',
    schema: SummaryRef,
    jobId: (p) => `comments-post-${p.summaryId}`,
  }),
  /** Tells a team lead, privately, why no check-in went out this round. */
  leadNotice: defineJobSpec({
    name: 'lead-notice',
    schema: LeadNoticePayloadSchema,
    jobId: (p) => `lead-notice-${p.teamId}-${p.slackUserId}-${p.notice}-${p.roundKey}`,
  }),
  /** Daily: raw answers go RETENTION_DAYS after aggregation; aggregates stay. */
  retentionPurge: defineJobSpec({
    name: 'retention-purge',
    schema: RetentionPurgePayloadSchema,
    jobId: () => 'retention-purge',
    attempts: 3,
  }),
} as const;

/** The retention purge's scheduler: daily at 03:17 UTC. */
export const RETENTION_PURGE_SCHEDULE = {
  id: 'retention-purge-daily',
  pattern: '17 3 * * *',
  tz: 'UTC',
} as const;
