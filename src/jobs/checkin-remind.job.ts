import { z } from 'zod';
import { markReminded, mayRemind } from '../cycles/reminders.js';
import { assertValidMessage } from '../slack/block-kit-limits.js';
import { checkinReminderMessage } from '../views/checkin-dm.js';
import { checkinMessageInput, loadDelivery } from './delivery-context.js';
import { defineJob } from './job-definition.js';
import type { JobDeps } from './job-deps.js';
import { slackCall } from './slack-call.js';

export const CheckinRemindPayloadSchema = z.object({ deliveryId: z.uuid() });
export type CheckinRemindPayload = z.infer<typeof CheckinRemindPayloadSchema>;

/** The one reminder a member may get; checks again that they have not answered meanwhile. */
export function createCheckinRemindJob(deps: JobDeps) {
  return defineJob<CheckinRemindPayload>({
    name: 'checkin-remind',
    schema: CheckinRemindPayloadSchema,
    jobId: (p) => `checkin-remind-${p.deliveryId}`,
    attempts: 4,
    async process({ deliveryId }, ctx) {
      const delivery = await loadDelivery(deps, deliveryId);
      if (!delivery || (await mayRemind(deps, delivery)) !== true) return 'skipped';
      const { cycle } = delivery;
      const slackTeamId = cycle.team.workspace.slackTeamId;
      const client = await deps.slack.forWorkspace(slackTeamId);
      const message = checkinReminderMessage(checkinMessageInput(delivery));
      assertValidMessage(message);
      await slackCall(deps, ctx, slackTeamId, 'chat.postMessage', () =>
        client.chat.postMessage({ channel: delivery.slackUserId, ...message }),
      );
      await markReminded(deps, delivery);
      return 'sent';
    },
  });
}
