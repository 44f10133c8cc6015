import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { submitAnswer } from '../../cycles/answer-submission.js';
import { thankYouContext } from '../../cycles/checkin-service.js';
import { checkinThankYouMessage } from '../../views/checkin-dm.js';
import {
  ANSWER_ACTION,
  alreadyAnsweredModal,
  CheckinMetadataSchema,
  COMMENT_BLOCK,
  checkinClosedModal,
} from '../../views/checkin-modal.js';
import type { HandlerDeps } from '../handler-deps.js';

const StateValueSchema = z.object({
  selected_option: z.object({ value: z.string() }).nullish(),
  value: z.string().nullish(),
});

const CheckinSubmissionSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  team: z.object({ id: z.string().min(1) }).nullable(),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), StateValueSchema)) }),
  }),
});

export const MISSING_ANSWER = 'Please choose one answer.';
export const SAVE_FAILED = 'Your answers could not be saved just now. Please try again in a moment.';

/**
 * The check-in modal's submission. Validation errors go back inline within Slack's
 * three seconds; a valid answer is stored through the privacy layer before the modal
 * closes, so a database failure can still be shown as "please try again" and nothing
 * half-written remains (the store is one transaction). Logs carry ids and outcomes,
 * never the answers.
 */
export function checkinSubmit(deps: HandlerDeps) {
  return async ({
    ack,
    body,
    client,
    logger,
  }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const parsed = CheckinSubmissionSchema.safeParse(body);
    const metadata = parsed.success
      ? CheckinMetadataSchema.safeParse(JSON.parse(parsed.data.view.private_metadata || '{}'))
      : undefined;
    if (!parsed.success || !metadata?.success || !parsed.data.team) {
      await ack({ response_action: 'update', view: checkinClosedModal() });
      logger.warn('checkin_submit payload did not validate');
      return;
    }
    const { values: state } = parsed.data.view.state;
    const values: Record<string, number> = {};
    const errors: Record<string, string> = {};
    for (const [blockId, actions] of Object.entries(state)) {
      if (blockId === COMMENT_BLOCK) continue;
      const selected = actions[ANSWER_ACTION]?.selected_option?.value;
      const value = Number(selected);
      if (!selected || !Number.isInteger(value) || value < 1 || value > 5) errors[blockId] = MISSING_ANSWER;
      else values[blockId] = value;
    }
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const comment = state[COMMENT_BLOCK]?.[COMMENT_BLOCK]?.value ?? undefined;
    const firstBlock = Object.keys(state).find((id) => id !== COMMENT_BLOCK) ?? COMMENT_BLOCK;

    let result: Awaited<ReturnType<typeof submitAnswer>>;
    try {
      result = await submitAnswer(deps, {
        cycleId: metadata.data.cycleId,
        slackTeamId: parsed.data.team.id,
        slackUserId: parsed.data.user.id,
        values,
        ...(comment ? { comment } : {}),
      });
    } catch (error) {
      deps.logger.error({ err: error, cycleId: metadata.data.cycleId }, 'check-in could not be stored');
      await ack({ response_action: 'errors', errors: { [firstBlock]: SAVE_FAILED } });
      return;
    }

    switch (result.status) {
      case 'stored':
        await ack();
        break;
      case 'already_answered':
        await ack({ response_action: 'update', view: alreadyAnsweredModal() });
        return;
      case 'invalid':
        await ack({ response_action: 'errors', errors: { [firstBlock]: result.problems.join(' ') } });
        return;
      default:
        await ack({ response_action: 'update', view: checkinClosedModal() });
        return;
    }
    deps.logger.info({ cycleId: metadata.data.cycleId }, 'check-in stored');

    const { channel, ts } = metadata.data;
    if (channel && ts) {
      const context = await thankYouContext(deps, metadata.data.cycleId);
      if (context) {
        const message = checkinThankYouMessage(context);
        await client.chat.update({ channel, ts, ...message });
      }
    }
  };
}
