import { describe, expect, it } from 'vitest';
import {
  checkinClosedMessage,
  checkinInvitationMessage,
  checkinReminderMessage,
  checkinThankYouMessage,
} from '../../src/views/checkin-dm.js';
import { CHECKIN_START_ACTION } from '../../src/views/checkin-modal.js';
import { renderMessageAsText } from '../../src/views/summary-message.js';

const cycleId = '6f1c2a52-6a34-4d7e-9e0f-0b8f6d1f4a10';
const closesAt = new Date('2026-11-27T16:00:00Z');
const base = { cycleId, teamName: 'Platform', closesAt, timezone: 'Europe/Berlin', itemCount: 6 };

function buttons(message: { blocks: unknown[] }) {
  return message.blocks.flatMap((block) => {
    const b = block as { type: string; elements?: { type: string; action_id?: string; value?: string }[] };
    return b.type === 'actions' ? (b.elements ?? []).filter((e) => e.type === 'button') : [];
  });
}

describe('check-in DM', () => {
  it('invites with one "Start check-in" button whose value is only the cycle id', () => {
    const message = checkinInvitationMessage(base);
    const [button, ...rest] = buttons(message);
    expect(rest).toEqual([]);
    expect(button).toMatchObject({ action_id: CHECKIN_START_ACTION, value: cycleId });
    expect(CHECKIN_START_ACTION).toBe('checkin_start');
    expect(JSON.stringify(button)).toContain('Start check-in');
  });

  it('says it is anonymous, takes under a minute and shows results only for groups of five or more after close', () => {
    const text = renderMessageAsText(checkinInvitationMessage(base));
    expect(text).toMatch(/anonymous/i);
    expect(text).toMatch(/under a minute/i);
    expect(text).toMatch(/after the check-in closes/i);
    expect(text).toMatch(/at least five people/i);
    expect(text).toContain('6 short statements');
  });

  it('formats the closing time in the given time zone', () => {
    expect(renderMessageAsText(checkinInvitationMessage(base))).toContain('Friday 27 November, 17:00');
    const ny = checkinInvitationMessage({ ...base, timezone: 'America/New_York' });
    expect(renderMessageAsText(ny)).toContain('Friday 27 November, 11:00');
  });

  it('falls back to UTC rather than failing on an unknown time zone', () => {
    const message = checkinInvitationMessage({ ...base, timezone: 'Not/AZone' });
    expect(renderMessageAsText(message)).toContain('16:00 UTC');
  });

  it('states a larger k from the cycle, and never less than five', () => {
    expect(renderMessageAsText(checkinInvitationMessage({ ...base, k: 8 }))).toMatch(/at least eight people/);
    expect(renderMessageAsText(checkinInvitationMessage({ ...base, k: 2 }))).toMatch(/at least five people/);
  });

  it('escapes a team name so it cannot mention a channel or inject links', () => {
    const message = checkinInvitationMessage({ ...base, teamName: '<!channel> & <https://evil|x>' });
    const serialized = JSON.stringify(message);
    expect(serialized).not.toContain('<!channel>');
    expect(serialized).toContain('&lt;!channel&gt; &amp; &lt;https://evil|x&gt;');
  });

  it('reminds with the same button but never says how many have answered', () => {
    const message = checkinReminderMessage(base);
    expect(buttons(message)).toEqual([
      expect.objectContaining({ action_id: CHECKIN_START_ACTION, value: cycleId }),
    ]);
    const text = renderMessageAsText(message);
    expect(text).toMatch(/reminder/i);
    expect(text).not.toMatch(/\b(have|has) (already )?answered\b|colleagues|others|so far|\d+ (people|of)/i);
  });

  it('refuses a cycle id that could not be a button value', () => {
    expect(() => checkinInvitationMessage({ ...base, cycleId: '' })).toThrow(RangeError);
    expect(() => checkinInvitationMessage({ ...base, cycleId: 'x'.repeat(256) })).toThrow(RangeError);
  });

  it('thanks and explains what happens to the answer: no name or time, k, team summary after close, deletion', () => {
    const message = checkinThankYouMessage({
      teamName: 'Platform',
      closesAt,
      timezone: 'Europe/Berlin',
      k: 5,
    });
    expect(buttons(message)).toEqual([]);
    const text = renderMessageAsText(message);
    expect(text).toMatch(/without your name/);
    expect(text).toMatch(/time you answered/);
    expect(text).toMatch(/at least five people/);
    expect(text).toMatch(/team summary, after the check-in closes \(Friday 27 November, 17:00/);
    expect(text).toMatch(/deleted after the retention period/);
  });

  it('replaces the invitation with a closed notice that has no button', () => {
    const message = checkinClosedMessage({ teamName: 'Platform' });
    expect(buttons(message)).toEqual([]);
    expect(message.text).toMatch(/Platform check-in has closed/);
  });
});
