import type { Clock } from '../clock.js';
import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';
import { assertValidMessage } from '../slack/block-kit-limits.js';
import type { SlackCall } from '../slack/paced-call.js';
import { SlackPermanentError, SlackRateLimitedError } from '../slack/slack-errors.js';
import type { SlackClients } from '../slack/web-client.js';
import { checkinInvitationMessage, checkinReminderMessage } from '../views/checkin-dm.js';
import { markReminded, mayRemind } from './reminders.js';

/** What sending check-in DMs needs: the database, Slack (paced), the clock and the cycle keys. */
export interface CheckinDmDeps {
  prisma: PrismaClient;
  logger: Logger;
  clock: Clock;
  encryptionKey: Buffer;
  slack: SlackClients;
  slackCall: SlackCall;
}

/** A delivery with what a DM about it needs: its cycle, team and workspace. */
export function loadDelivery(deps: Pick<CheckinDmDeps, 'prisma'>, deliveryId: string) {
  return deps.prisma.delivery.findUnique({
    where: { id: deliveryId },
    include: { cycle: { include: { team: { include: { workspace: true } } } } },
  });
}

export type LoadedDelivery = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

/** The input of the invitation and reminder DMs, in the member's own time zone. */
export function checkinMessageInput(delivery: LoadedDelivery) {
  const { cycle } = delivery;
  return {
    cycleId: cycle.id,
    teamName: cycle.team.name,
    closesAt: cycle.closesAt,
    timezone: delivery.timezone ?? cycle.team.timezone,
    itemCount: cycle.itemIds.length,
    k: cycle.minRespondents,
  };
}

export type DeliverOutcome = 'sent' | 'already_sent' | 'cycle_closed' | 'gone';

/**
 * Sends one member their check-in DM. The delivery row is the idempotency record: once
 * it says `sent`, a retried or duplicated job sends nothing. (The one window left is a
 * crash between Slack accepting the message and the row being updated.) A permanent
 * Slack error, or a failure on the `finalAttempt`, ends in a visible failed delivery;
 * what is recorded is the error's kind, never the message. Slack's errors are thrown on
 * for the caller to map.
 */
export async function deliverCheckin(
  deps: CheckinDmDeps,
  deliveryId: string,
  { finalAttempt }: { finalAttempt: boolean },
): Promise<DeliverOutcome> {
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
    const posted = await deps.slackCall(slackTeamId, 'chat.postMessage', () =>
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
    // Put back for a while: not a failure of this delivery.
    if (error instanceof SlackRateLimitedError) throw error;
    const giveUp = error instanceof SlackPermanentError || finalAttempt;
    const code = error instanceof Error ? error.message.slice(0, 200) : 'error';
    await deps.prisma.delivery.update({
      where: { id: deliveryId },
      data: { lastError: code, ...(giveUp ? { status: 'failed' as const } : {}) },
    });
    if (giveUp) deps.logger.warn({ deliveryId, cycleId: cycle.id }, 'check-in delivery failed for good');
    throw error;
  }
  return 'sent';
}

/** The one reminder a member may get; checks again that they have not answered meanwhile. */
export async function remindMember(deps: CheckinDmDeps, deliveryId: string): Promise<'sent' | 'skipped'> {
  const delivery = await loadDelivery(deps, deliveryId);
  if (!delivery || (await mayRemind(deps, delivery)) !== true) return 'skipped';
  const slackTeamId = delivery.cycle.team.workspace.slackTeamId;
  const client = await deps.slack.forWorkspace(slackTeamId);
  const message = checkinReminderMessage(checkinMessageInput(delivery));
  assertValidMessage(message);
  await deps.slackCall(slackTeamId, 'chat.postMessage', () =>
    client.chat.postMessage({ channel: delivery.slackUserId, ...message }),
  );
  await markReminded(deps, delivery);
  return 'sent';
}
