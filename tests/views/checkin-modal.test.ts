import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { composePulse, getItemBank, itemText, SCALE_LABELS } from '../../src/scoring/index.js';
import { validateModal } from '../../src/slack/block-kit-limits.js';
import {
  ANSWER_ACTION,
  alreadyAnsweredModal,
  CHECKIN_SUBMIT_CALLBACK,
  CheckinMetadataSchema,
  COMMENT_BLOCK,
  checkinClosedModal,
  checkinModal,
  checkinStoredModal,
} from '../../src/views/checkin-modal.js';

const cycleId = '6f1c2a52-6a34-4d7e-9e0f-0b8f6d1f4a10';
const items = composePulse(1, 1);

function inputs(view: types.ModalView): types.InputBlock[] {
  return view.blocks.filter((b): b is types.InputBlock => b.type === 'input');
}

describe('check-in modal', () => {
  const view = checkinModal({ cycleId, items, commentsEnabled: false });

  it('submits to the checkin_submit callback with Submit and Cancel', () => {
    expect(view.callback_id).toBe(CHECKIN_SUBMIT_CALLBACK);
    expect(CHECKIN_SUBMIT_CALLBACK).toBe('checkin_submit');
    expect(view.submit?.text).toBe('Submit');
    expect(view.close?.text).toBe('Cancel');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
  });

  it('frames the items as the past two weeks in this team', () => {
    const context = view.blocks[0] as types.ContextBlock;
    expect(context.type).toBe('context');
    expect(JSON.stringify(context)).toMatch(/past two weeks, in this team/i);
  });

  it('asks each item once, as radio buttons keyed by the item id, with the five labelled answers 1 to 5', () => {
    const blocks = inputs(view);
    expect(blocks.map((b) => b.block_id)).toEqual(items.map((i) => i.id));
    for (const [i, block] of blocks.entries()) {
      expect(block.label.text).toBe(itemText(items[i]!.id));
      expect(block.optional).toBeUndefined();
      const element = block.element as types.RadioButtons;
      expect(element.type).toBe('radio_buttons');
      expect(element.action_id).toBe(ANSWER_ACTION);
      expect(element.options.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
      expect(element.options.map((o) => o.text.text)).toEqual(SCALE_LABELS.map((l) => l.label));
    }
  });

  it('has no comment box unless comments are enabled', () => {
    expect(inputs(view).some((b) => b.block_id === COMMENT_BLOCK)).toBe(false);
  });

  it('offers an optional multiline comment that warns wording can identify the writer', () => {
    const withComment = checkinModal({ cycleId, items, commentsEnabled: true });
    const comment = inputs(withComment).find((b) => b.block_id === COMMENT_BLOCK)!;
    expect(comment.optional).toBe(true);
    expect(comment.element).toMatchObject({
      type: 'plain_text_input',
      action_id: 'comment',
      multiline: true,
      max_length: 2000,
    });
    expect(comment.hint?.text).toMatch(/wording can .*identify you/i);
  });

  it('carries only the cycle id and the DM location in private_metadata, never a user id', () => {
    const withDm = checkinModal({
      cycleId,
      items,
      commentsEnabled: false,
      dm: { channel: 'D0123', ts: '1700.01' },
    });
    const metadata = JSON.parse(withDm.private_metadata!);
    expect(metadata).toEqual({ cycleId, channel: 'D0123', ts: '1700.01' });
    expect(CheckinMetadataSchema.parse(metadata)).toEqual(metadata);
    expect(JSON.parse(view.private_metadata!)).toEqual({ cycleId });
  });

  it('rejects metadata carrying anything else, such as a user id', () => {
    expect(CheckinMetadataSchema.safeParse({ cycleId, userId: 'U123' }).success).toBe(false);
    expect(CheckinMetadataSchema.safeParse({}).success).toBe(false);
  });

  it('puts no Slack user id anywhere in the modal', () => {
    const serialized = JSON.stringify(
      checkinModal({ cycleId, items, commentsEnabled: true, dm: { channel: 'D1', ts: '1.1' } }),
    );
    expect(serialized).not.toMatch(/"U[A-Z0-9]{6,}"|user/i);
  });

  it('fits every item of the bank, with the comment box, within Slack modal limits', () => {
    const longest = getItemBank(1).items;
    const all = checkinModal({ cycleId, items: longest, commentsEnabled: true });
    expect(validateModal(all)).toEqual([]);
  });

  it('refuses duplicate item ids, which would collide as block ids', () => {
    expect(() => checkinModal({ cycleId, items: [items[0]!, items[0]!], commentsEnabled: false })).toThrow(
      RangeError,
    );
    expect(() => checkinModal({ cycleId, items: [], commentsEnabled: false })).toThrow(RangeError);
  });

  it.each([
    ['closed', checkinClosedModal(), /closed/i],
    ['already answered', alreadyAnsweredModal(), /already answered/i],
    ['stored', checkinStoredModal(), /stored without your name/i],
  ])('shows a %s notice with only a close button', (_name, notice, wording) => {
    expect(notice.submit).toBeUndefined();
    expect(notice.close?.text).toBe('Close');
    expect(inputs(notice)).toEqual([]);
    expect(JSON.stringify(notice.blocks)).toMatch(wording);
    expect(validateModal(notice)).toEqual([]);
  });
});
