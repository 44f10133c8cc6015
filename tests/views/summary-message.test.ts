import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { SuppressionReason } from '../../src/scoring/anonymity/types.js';
import { GOOD_THINGS, measureLabel, practicesFor, stateReading } from '../../src/scoring/index.js';
import { validateMessage } from '../../src/slack/block-kit-limits.js';
import { formatDay } from '../../src/views/format.js';
import {
  type DimensionLine,
  powerOverLevel,
  renderMessageAsText,
  respondentBand,
  type SummaryView,
  summaryMessage,
  summaryText,
  trendArrow,
} from '../../src/views/summary-message.js';

const closedOn = new Date('2026-11-27T16:00:00Z');
const goodThings: DimensionLine[] = GOOD_THINGS.map((measure, i) => ({
  measure,
  mean: 1 + i, // 1, 2, 3, 4, 5
  ciLow: Math.max(1, i + 0.6),
  ciHigh: Math.min(5, i + 1.4),
  trend: (['up', 'down', 'flat', 'none', 'up'] as const)[i]!,
}));
const released: SummaryView = {
  teamName: 'Platform',
  cycleNumber: 12,
  closedOn,
  timezone: 'Europe/Berlin',
  status: 'released',
  respondentBand: '10–19',
  connectionIndex: { value: 68, ciLow: 61, ciHigh: 74, trend: 'up' },
  goodThings,
  powerOver: { measure: 'powerOver', mean: 3.6, ciLow: 3.1, ciHigh: 4.1, trend: 'down' },
  state: { measure: 'connectionIndex', state: 'acute' },
  practices: [...practicesFor('connectionIndex', 'acute')],
};
const suppressed: SummaryView = {
  teamName: 'Platform',
  cycleNumber: 12,
  closedOn,
  timezone: 'Europe/Berlin',
  status: 'suppressed',
  suppressedReason: 'below_k',
};

function block<T extends types.KnownBlock>(message: { blocks: types.KnownBlock[] }, id: string): T {
  const found = message.blocks.find((b) => b.block_id === id);
  if (!found) throw new Error(`no block ${id}`);
  return found as T;
}
const filled = (text: string) => [...text].filter((c) => c === '▰').length;
const cells = (text: string) => [...text].filter((c) => c === '▰' || c === '▱').length;

describe('released summary', () => {
  const message = summaryMessage(released);

  it('opens with a header naming the team, and a context line with cycle, close date and response band', () => {
    expect(block<types.HeaderBlock>(message, 'summary_header').text.text).toBe(
      'Relational climate — Platform',
    );
    const context = JSON.stringify(block(message, 'summary_cycle'));
    expect(context).toContain('Check-in 12');
    expect(context).toContain('27 November 2026');
    expect(context).toContain('10–19 responses');
  });

  it('shows the connection index with a ten-cell bar, its arrow and its interval', () => {
    const text = (block<types.SectionBlock>(message, 'summary_connection_index').text as types.MrkdwnElement)
      .text;
    expect(cells(text)).toBe(10);
    expect(filled(text)).toBe(7);
    expect(text).toContain('*68* of 100 ↑');
    expect(text).toContain('between 61 and 74');
  });

  it('gives each good thing a field with its label, a bar filled in proportion to the mean, the arrow and one decimal', () => {
    const fields = block<types.SectionBlock>(message, 'summary_good_things').fields!;
    expect(fields).toHaveLength(5);
    const expectedFilled = [0, 3, 5, 8, 10]; // (mean − 1) / 4 × 10, rounded
    const arrows = ['↑', '↓', '→', '', '↑'];
    for (const [i, field] of fields.entries()) {
      expect(field.text).toContain(`*${measureLabel(goodThings[i]!.measure)}*`);
      expect(cells(field.text)).toBe(10);
      expect(filled(field.text)).toBe(expectedFilled[i]);
      expect(field.text).toContain(`${(i + 1).toFixed(1)} of 5`);
      if (arrows[i]) expect(field.text).toContain(arrows[i]);
      else expect(field.text).not.toMatch(/[↑↓→]/);
    }
  });

  it('frames power-over as signals about team practices, higher meaning more, never about people', () => {
    const text = JSON.stringify(block(message, 'summary_power_over'));
    expect(text).toContain('Signals of power-over practices');
    expect(text).toContain('notable');
    expect(text).toMatch(/never about any one person/);
    expect(text).toMatch(/Higher means more power-over/);
  });

  it.each([
    [1.0, 'low'],
    [2.49, 'low'],
    [2.5, 'some'],
    [3.49, 'some'],
    [3.5, 'notable'],
    [5, 'notable'],
  ] as const)('calls a power-over mean of %d "%s"', (mean, level) => {
    expect(powerOverLevel(mean)).toBe(level);
  });

  it('omits the power-over line when power-over was not asked this cycle', () => {
    const without = summaryMessage({ ...released, powerOver: null });
    expect(without.blocks.some((b) => b.block_id === 'summary_power_over')).toBe(false);
  });

  it('reads the trend state from the scoring words and offers the practices as invitations', () => {
    const state = JSON.stringify(block(message, 'summary_state'));
    expect(state).toContain(JSON.stringify(stateReading('connectionIndex', 'acute')).slice(1, -1));
    const practices = (block<types.SectionBlock>(message, 'summary_practices').text as types.MrkdwnElement)
      .text;
    for (const p of practicesFor('connectionIndex', 'acute')) expect(practices).toContain(`• ${p}`);
    expect(practices).toMatch(/Invitations for the whole team/);
  });

  it('shows at most two practices', () => {
    const many = summaryMessage({ ...released, practices: ['One.', 'Two.', 'Three.'] });
    const text = JSON.stringify(block(many, 'summary_practices'));
    expect(text).toContain('Two.');
    expect(text).not.toContain('Three.');
  });

  it('never ranks or compares with other teams', () => {
    const text = renderMessageAsText(message);
    expect(text).not.toMatch(/\b(rank|ranking|leaderboard|other teams|percentile|best|worst|top|bottom)\b/i);
    expect(text).toMatch(/only with its own past/);
  });

  it('stays within Slack message limits', () => {
    expect(validateMessage(message)).toEqual([]);
  });

  it('uses a readable plain-text rendering as its notification text', () => {
    expect(message.text).toBe(summaryText(released));
    expect(message.text).toContain('Relational climate — Platform');
    expect(message.text).toContain('Connection index');
    expect(message.text).not.toMatch(/\*[A-Z]/);
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('suppressed summary', () => {
  const reasons: SuppressionReason[] = [
    'below_k',
    'too_small_rolled_up',
    'complementary',
    'differencing_nested',
    'differencing_overlap',
    'ledger_mismatch',
    'counts_conflict',
    'membership_change',
  ];
  const date = formatDay(closedOn, 'Europe/Berlin');

  it.each(reasons)('contains no digit except in the close date (%s)', (reason) => {
    // Numbers passed by mistake must not leak into a suppressed post either.
    const message = summaryMessage({
      ...released,
      status: 'suppressed',
      suppressedReason: reason,
      minRespondents: 7,
    });
    const serialized = JSON.stringify(message);
    expect(serialized).toContain(date);
    expect(serialized.split(date).join('')).not.toMatch(/\d/);
    expect(serialized).not.toMatch(/[▰▱↑↓→]/);
  });

  it('says at least k people must answer, in words', () => {
    expect(renderMessageAsText(summaryMessage(suppressed))).toMatch(
      /Not enough responses this cycle to share results\. At least five people need to answer before anything is shown\./,
    );
    const eight = summaryMessage({ ...suppressed, minRespondents: 8 });
    expect(renderMessageAsText(eight)).toMatch(/At least eight people/);
    const big = JSON.stringify(summaryMessage({ ...suppressed, minRespondents: 40 }));
    expect(big.split(date).join('')).not.toMatch(/\d/);
  });

  it.each(reasons.filter((r) => r !== 'below_k'))(
    'explains the %s reason in its own plain sentence',
    (reason) => {
      const text = renderMessageAsText(summaryMessage({ ...suppressed, suppressedReason: reason }));
      expect(text).not.toMatch(/Not enough responses/);
      expect(text).toMatch(reason === 'too_small_rolled_up' ? /too small/ : /held back/);
    },
  );

  it('keeps the header and says nothing about who answered', () => {
    const message = summaryMessage(suppressed);
    expect(block<types.HeaderBlock>(message, 'summary_header').text.text).toBe(
      'Relational climate — Platform',
    );
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'context', 'section', 'context']);
    expect(validateMessage(message)).toEqual([]);
  });
});

describe('respondent bands and arrows', () => {
  it.each([
    [5, '5–9'],
    [9, '5–9'],
    [10, '10–19'],
    [19, '10–19'],
    [20, '20+'],
    [500, '20+'],
  ] as const)('puts %d respondents in the %s band', (n, band) => {
    expect(respondentBand(n)).toBe(band);
  });

  it.each([4, 0, -1, Number.NaN])('refuses to band %d respondents: nothing is released below five', (n) => {
    expect(() => respondentBand(n)).toThrow(RangeError);
  });

  it.each([
    ['up', '↑'],
    ['down', '↓'],
    ['flat', '→'],
    ['none', ''],
  ] as const)('draws a %s trend as "%s"', (direction, arrow) => {
    expect(trendArrow(direction)).toBe(arrow);
  });
});

describe('renderMessageAsText', () => {
  it('renders headers, sections, fields, context and buttons as readable text', () => {
    const text = renderMessageAsText({
      text: 'fallback',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Title' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*Bold* and _italic_ &amp; &lt;x&gt;' } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: 'A' },
            { type: 'mrkdwn', text: 'B' },
          ],
        },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: 'one' },
            { type: 'plain_text', text: 'two' },
          ],
        },
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Go' } }],
        },
      ],
    });
    expect(text).toBe('Title\n=====\n\nBold and italic & <x>\n\nA\n\nB\n\none · two\n\n[ Go ]');
  });

  it('falls back to the text when there are no blocks', () => {
    expect(renderMessageAsText({ text: 'Just *text*' })).toBe('Just text');
  });
});
