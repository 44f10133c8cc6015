import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { checkinForm } from '../../cycles/checkin-service.js';
import { assertValidModal } from '../../slack/block-kit-limits.js';
import { checkinClosedModal, checkinModal } from '../../views/checkin-modal.js';
import type { HandlerDeps } from '../handler-deps.js';

const CheckinStartSchema = z.object({
  trigger_id: z.string().min(1),
  user: z.object({ id: z.string().min(1) }),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({ value: z.uuid() })).min(1),
});

/**
 * "Start check-in" in the DM: acknowledge, then open the modal with the cycle's items.
 * The trigger id is only good for three seconds, so this reads one cycle and calls
 * views.open; nothing else happens before it.
 */
export function checkinStart(deps: HandlerDeps) {
  return async ({
    ack,
    body,
    client,
    logger,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const parsed = CheckinStartSchema.safeParse(body);
    if (!parsed.success) {
      logger.warn('checkin_start payload did not validate');
      return;
    }
    const { trigger_id, actions, container } = parsed.data;
    const form = await checkinForm(deps, actions[0]!.value);
    const view =
      form.status === 'open'
        ? checkinModal({
            cycleId: form.cycleId,
            items: form.items,
            commentsEnabled: form.commentsEnabled,
            ...(container?.channel_id && container.message_ts
              ? { dm: { channel: container.channel_id, ts: container.message_ts } }
              : {}),
          })
        : checkinClosedModal();
    assertValidModal(view);
    await client.views.open({ trigger_id, view });
  };
}
