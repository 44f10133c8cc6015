import { z } from 'zod';
import { assertValidMessage } from '../slack/block-kit-limits.js';
import { checkinInvitationMessage } from '../views/checkin-dm.js';
import { checkinMessageInput, loadDelivery } from './delivery-context.js';
import { defineJob, JobRateLimitedError, UnrecoverableJobError } from './job-definition.js';
import type { JobDeps } from './job-deps.js';
import { slackCall } from './slack-call.js';

export const DELIVER_ATTEMPTS = 6;

export const CheckinDeliverPayloadSchema = z.object({ deliveryId: z.uuid() });
export type CheckinDeliverPayload = z.infer<typeof CheckinDeliverPayloadSchema>;

/**
 * Sends one member their check-in DM. The delivery row is the idempotency record: once
 * it says `sent`, a retried or duplicated job sends nothing. (The one window left is a
 * crash between Slack accepting the message and the row being updated.)
 */
export function createCheckinDeliverJob(deps: JobDeps) {
  return defineJob<CheckinDeliverPayload>({
    name: 'checkin-deliver',
    schema: CheckinDeliverPayloadSchema,
    jobId: (p) => `checkin-deliver-${p.deliveryId}`,
    attempts: DELIVER_ATTEMPTS,
    concurrency: 4,
    async process({ deliveryId }, ctx) {
      const delivery = await loadDelivery(deps, deliveryId);
      if (!delivery) return 'gone';
      if (delivery.status === 'sent') return 'already_sent';
      const { cycle } = delivery;
      if (cycle.status !== 'open' || cycle.closesAt <= deps.clock.now()) return 'cycle_closed';

      const slackTeamId = cycle.team.workspace.slackTeamId;
      const client = await deps.slack.forWorkspace(slackTeamId);
      const message = checkinInvitationMessage(checkinMessageInput(delivery));
      assertValidMessage(message);
      try {
        const posted = await slackCall(deps, ctx, slackTeamId, 'chat.postMessage', () =>
          client.chat.postMessage({ channel: delivery.slackUserId, ...message }),
        );
        await deps.prisma.delivery.update({
          where: { id: deliveryId },
          data: {
            status: 'sent',
            sentAt: deps.clock.now(),
            dmChannelId: posted.channel ?? null,
            messageTs: posted.ts ?? null,
            lastError: null,
          },
        });
      } catch (error) {
        if (error instanceof JobRateLimitedError) throw error;
        // A permanent Slack error, or the last attempt, ends in a visible failed delivery;
        // what is recorded is the error's kind, never the message.
        const giveUp = error instanceof UnrecoverableJobError || ctx.attempt >= DELIVER_ATTEMPTS;
        const code = error instanceof Error ? error.message.slice(0, 200) : 'error';
        await deps.prisma.delivery.update({
          where: { id: deliveryId },
          data: { lastError: code, ...(giveUp ? { status: 'failed' as const } : {}) },
        });
        if (giveUp) ctx.logger.warn({ deliveryId, cycleId: cycle.id }, 'check-in delivery failed for good');
        throw error;
      }
      return 'sent';
    },
  });
}
