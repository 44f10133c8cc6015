/**
 * The check-in modal and the small notice modals around it. The modal's private_metadata
 * holds the cycle id and where the DM is (to turn it into a thank-you); never a user id,
 * which Slack sends with every submission anyway.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { type Item, itemText, pulseFrame, SCALE_LABELS } from '../scoring/index.js';
import { COPY } from './copy.js';
import { truncate } from './format.js';

export const CHECKIN_SUBMIT_CALLBACK = 'checkin_submit';
export const CHECKIN_START_ACTION = 'checkin_start';
export const ANSWER_ACTION = 'answer';
export const COMMENT_BLOCK = 'comment';
/** Same as the block id: the handler reads `state.values.comment.comment`. */
export const COMMENT_ACTION = 'comment';
export const COMMENT_MAX_LENGTH = 2000;

/** More items than this would not fit a modal (100 blocks); a pulse asks at most 7. */
export const MODAL_MAX_ITEMS = 90;

const INPUT_LABEL_MAX = 2000;

/**
 * What the modal carries through Slack and back. Strict: any other key (a user id, an
 * answer) makes the submission invalid rather than being carried along silently.
 */
export const CheckinMetadataSchema = z.strictObject({
  cycleId: z.string().min(1).max(255),
  channel: z.string().min(1).max(255).optional(),
  ts: z.string().min(1).max(64).optional(),
});
export type CheckinMetadata = z.infer<typeof CheckinMetadataSchema>;

export interface CheckinModalInput {
  cycleId: string;
  items: readonly Item[];
  commentsEnabled: boolean;
  /** The DM the "Start check-in" button was in, so submission can update it. */
  dm?: { channel: string; ts: string };
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text };
}

function answerOptions(): types.PlainTextOption[] {
  return SCALE_LABELS.map(({ value, label }) => ({ text: plain(truncate(label, 75)), value: String(value) }));
}

/** The check-in form: the pulse frame, one required radio question per item, an optional comment. */
export function checkinModal(input: CheckinModalInput): types.ModalView {
  const ids = input.items.map((item) => item.id);
  if (ids.length === 0 || ids.length > MODAL_MAX_ITEMS) {
    throw new RangeError(`a check-in needs 1–${MODAL_MAX_ITEMS} items, got ${ids.length}`);
  }
  if (new Set(ids).size !== ids.length || ids.includes(COMMENT_BLOCK)) {
    throw new RangeError('check-in item ids must be unique and must not be "comment"');
  }
  const metadata: CheckinMetadata = CheckinMetadataSchema.parse({
    cycleId: input.cycleId,
    ...(input.dm ? { channel: input.dm.channel, ts: input.dm.ts } : {}),
  });
  const blocks: types.KnownBlock[] = [
    {
      type: 'context',
      block_id: 'checkin_frame',
      elements: [{ type: 'mrkdwn', text: `*${pulseFrame()}*` }],
    },
    ...input.items.map(
      (item): types.InputBlock => ({
        type: 'input',
        block_id: item.id,
        label: plain(truncate(itemText(item.id), INPUT_LABEL_MAX)),
        element: { type: 'radio_buttons', action_id: ANSWER_ACTION, options: answerOptions() },
      }),
    ),
  ];
  if (input.commentsEnabled) {
    blocks.push({
      type: 'input',
      block_id: COMMENT_BLOCK,
      optional: true,
      label: plain(COPY.modal.commentLabel),
      hint: plain(COPY.modal.commentHint),
      element: {
        type: 'plain_text_input',
        action_id: COMMENT_ACTION,
        multiline: true,
        max_length: COMMENT_MAX_LENGTH,
        placeholder: plain(truncate(COPY.modal.commentPlaceholder, 150)),
      },
    });
  }
  blocks.push({
    type: 'context',
    block_id: 'checkin_anonymity',
    elements: [{ type: 'mrkdwn', text: `:lock: ${COPY.modal.anonymityNote}` }],
  });
  return {
    type: 'modal',
    callback_id: CHECKIN_SUBMIT_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: plain(truncate(COPY.modal.title, 24)),
    submit: plain(truncate(COPY.modal.submit, 24)),
    close: plain(truncate(COPY.modal.cancel, 24)),
    blocks,
  };
}

function noticeModal(title: string, body: string, blockId: string): types.ModalView {
  return {
    type: 'modal',
    title: plain(truncate(title, 24)),
    close: plain(truncate(COPY.modal.close, 24)),
    blocks: [{ type: 'section', block_id: blockId, text: plain(body) }],
  };
}

/** Shown instead of the form (or after submit) when the cycle is no longer open. */
export function checkinClosedModal(): types.ModalView {
  return noticeModal(COPY.modal.closedTitle, COPY.modal.closedBody, 'checkin_closed');
}

/** Shown when this person's answer for the cycle is already stored. */
export function alreadyAnsweredModal(): types.ModalView {
  return noticeModal(COPY.modal.alreadyTitle, COPY.modal.alreadyBody, 'checkin_already_answered');
}

/** Confirms a stored answer. */
export function checkinStoredModal(): types.ModalView {
  return noticeModal(COPY.modal.storedTitle, COPY.modal.storedBody, 'checkin_stored');
}
