import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SuppressionReason } from '../../src/scoring/anonymity/types.js';
import {
  GOOD_THINGS,
  getItemBank,
  MEASURES,
  TREND_STATES,
  type TrendDirection,
} from '../../src/scoring/index.js';
import { validateMessage, validateModal } from '../../src/slack/block-kit-limits.js';
import {
  checkinClosedMessage,
  checkinInvitationMessage,
  checkinReminderMessage,
  checkinThankYouMessage,
} from '../../src/views/checkin-dm.js';
import {
  alreadyAnsweredModal,
  checkinClosedModal,
  checkinModal,
  checkinStoredModal,
} from '../../src/views/checkin-modal.js';
import { formatDay } from '../../src/views/format.js';
import { type DimensionLine, type SummaryView, summaryMessage } from '../../src/views/summary-message.js';

/**
 * Adversarial but bounded inputs: very long names made of any unicode (emoji, combining
 * marks, lone surrogates, mrkdwn control characters, newlines), odd numbers, many
 * practices. Whatever comes in, what goes out must be accepted by Slack.
 */
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({
    unit: fc.constantFrom('<', '>', '&', '*', '_', '\n', ' ', '👩‍👩‍👧‍👦', 'é', '\u0301'),
    maxLength: 3000,
  }),
  fc.constant('x'.repeat(10_000)),
);
const date = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const timezone = fc.constantFrom(
  'UTC',
  'Europe/Berlin',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Not/AZone',
  '',
);
const cycleId = fc.uuid();
const anyNumber = fc.oneof(fc.double(), fc.integer({ min: -1e6, max: 1e6 }));
const direction = fc.constantFrom<TrendDirection>('up', 'down', 'flat', 'none');
const measure = fc.constantFrom(...MEASURES);
const line = (m: fc.Arbitrary<DimensionLine['measure']>) =>
  fc.record({ measure: m, mean: anyNumber, ciLow: anyNumber, ciHigh: anyNumber, trend: direction });
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

const summaryView: fc.Arbitrary<SummaryView> = fc.record(
  {
    teamName: nasty,
    cycleNumber: anyNumber,
    closedOn: date,
    timezone,
    status: fc.constantFrom('released', 'suppressed'),
    suppressedReason: fc.constantFrom(...reasons),
    minRespondents: anyNumber,
    respondentBand: fc.constantFrom('5–9', '10–19', '20+'),
    connectionIndex: fc.record({ value: anyNumber, ciLow: anyNumber, ciHigh: anyNumber, trend: direction }),
    goodThings: fc.array(line(fc.constantFrom(...GOOD_THINGS)), { maxLength: 30 }),
    powerOver: fc.option(line(fc.constant('powerOver')), { nil: null }),
    state: fc.record({ measure, state: fc.constantFrom(...TREND_STATES) }),
    practices: fc.array(nasty, { maxLength: 20 }),
  },
  { requiredKeys: ['teamName', 'cycleNumber', 'closedOn', 'timezone', 'status'] },
);

const bankItems = getItemBank(1).items;
/** JSON.stringify writes a lone surrogate as a \udXXX escape; Slack would reject or mangle it. */
const LONE_SURROGATE_JSON = /\\ud[89a-f][0-9a-f]{2}/i;

describe('every builder stays within Slack limits', () => {
  it('builds valid, well-formed check-in DMs for any team name, date, time zone, item count and k', () => {
    fc.assert(
      fc.property(
        cycleId,
        nasty,
        date,
        timezone,
        anyNumber,
        anyNumber,
        (id, teamName, closesAt, tz, itemCount, k) => {
          const input = { cycleId: id, teamName, closesAt, timezone: tz, itemCount, k };
          for (const message of [
            checkinInvitationMessage(input),
            checkinReminderMessage(input),
            checkinThankYouMessage({ teamName, closesAt, timezone: tz, k }),
            checkinClosedMessage({ teamName }),
          ]) {
            expect(validateMessage(message)).toEqual([]);
            expect(JSON.stringify(message)).not.toMatch(LONE_SURROGATE_JSON);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('builds valid check-in modals for any subset of the bank, with or without comments and DM', () => {
    fc.assert(
      fc.property(
        cycleId,
        fc.subarray([...bankItems], { minLength: 1 }),
        fc.boolean(),
        fc.option(
          fc.record({
            channel: fc.stringMatching(/^D[A-Z0-9]{8,12}$/),
            ts: fc.stringMatching(/^\d{10}\.\d{6}$/),
          }),
          {
            nil: undefined,
          },
        ),
        (id, items, commentsEnabled, dm) => {
          const view = checkinModal({ cycleId: id, items, commentsEnabled, ...(dm ? { dm } : {}) });
          expect(validateModal(view)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
    for (const notice of [checkinClosedModal(), alreadyAnsweredModal(), checkinStoredModal()]) {
      expect(validateModal(notice)).toEqual([]);
    }
  });

  it('builds valid, well-formed summary messages for any view, with notification text of at most 3000 characters', () => {
    fc.assert(
      fc.property(summaryView, (view) => {
        const message = summaryMessage(view);
        expect(validateMessage(message)).toEqual([]);
        expect(message.text.length).toBeLessThanOrEqual(3000);
        expect(JSON.stringify(message)).not.toMatch(LONE_SURROGATE_JSON);
      }),
      { numRuns: 300 },
    );
  });

  it('never shows a digit in a suppressed summary outside its close date, whatever the view holds', () => {
    fc.assert(
      fc.property(summaryView, fc.stringMatching(/^[A-Za-z ]{1,60}$/), (view, teamName) => {
        const message = summaryMessage({ ...view, teamName, status: 'suppressed' });
        const closed = formatDay(view.closedOn, view.timezone || 'UTC');
        const serialized = JSON.stringify(message);
        expect(serialized.split(closed).join('')).not.toMatch(/\d/);
      }),
      { numRuns: 300 },
    );
  });
});
