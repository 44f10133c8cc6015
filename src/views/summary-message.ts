/**
 * The team summary posted to the summary channel after a cycle closes. A released summary
 * shows bands, bars, arrows and intervals for the team compared with its own past; a
 * suppressed one shows why nothing is shown and no numbers at all (only the close date).
 * Never a ranking or a comparison with other teams.
 */
import type { types } from '@slack/bolt';
import type { SuppressionReason } from '../scoring/anonymity/types.js';
import {
  type Measure,
  measureLabel,
  stateReading,
  type TrendDirection,
  type TrendState,
} from '../scoring/index.js';
import { COPY } from './copy.js';
import {
  escapeMrkdwn,
  formatDay,
  indexBar,
  meanBar,
  oneDecimal,
  trendArrow,
  truncate,
  unescapeMrkdwn,
  wholeNumber,
} from './format.js';
import { kWords, plainTeamName } from './names.js';

export { trendArrow } from './format.js';

export interface DimensionLine {
  measure: Measure;
  /** 1..5 */
  mean: number;
  ciLow: number;
  ciHigh: number;
  trend: TrendDirection;
}

export type RespondentBand = '5–9' | '10–19' | '20+';

export interface SummaryView {
  teamName: string;
  cycleNumber: number;
  closedOn: Date;
  timezone: string;
  status: 'released' | 'suppressed';
  /** Suppressed only. */
  suppressedReason?: SuppressionReason;
  /** Suppressed only, optional: the cycle's k, shown in words ("five"), never as digits. */
  minRespondents?: number;
  /** Released only: a band, never an exact count. */
  respondentBand?: RespondentBand;
  /** 0..100 */
  connectionIndex?: { value: number; ciLow: number; ciHigh: number; trend: TrendDirection };
  /** The five good things asked this cycle. */
  goodThings?: DimensionLine[];
  /** When asked this cycle (higher = more power-over). */
  powerOver?: DimensionLine | null;
  /** The connection index's trend state. */
  state?: { measure: Measure; state: TrendState };
  /** 1–2 suggestions, already chosen by the caller. */
  practices?: string[];
}

export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** At most this many practices are shown; the design asks for one or two. */
export const MAX_PRACTICES = 2;
const PRACTICE_MAX = 500;
const HEADER_MAX = 150;
const SUMMARY_TEXT_MAX = 3000;
const FIELDS_PER_SECTION = 10;
/** Good-thing lines beyond this are dropped (there are five good things). */
const MAX_DIMENSION_LINES = 20;

/** The respondent band for a released count; below 5 nothing may be released at all. */
export function respondentBand(n: number): RespondentBand {
  if (!Number.isFinite(n) || n < 5) throw new RangeError('no respondent band below 5: nothing is released');
  if (n < 10) return '5–9';
  if (n < 20) return '10–19';
  return '20+';
}

export type PowerOverLevel = keyof typeof COPY.summary.powerOverLevels;

/** Power-over mean (1..5, higher = more) as a word: below 2.5 low, below 3.5 some, else notable. */
export function powerOverLevel(mean: number): PowerOverLevel {
  if (!Number.isFinite(mean) || mean < 2.5) return 'low';
  if (mean < 3.5) return 'some';
  return 'notable';
}

function withArrow(text: string, trend: TrendDirection): string {
  const arrow = trendArrow(trend);
  return arrow ? `${text} ${arrow}` : text;
}

function meanText(line: DimensionLine): string {
  return `${oneDecimal(line.mean, 1, 5)} ${COPY.summary.outOf5}`;
}

function dimensionField(line: DimensionLine): string {
  const interval = COPY.summary.interval(oneDecimal(line.ciLow, 1, 5), oneDecimal(line.ciHigh, 1, 5));
  return `*${measureLabel(line.measure)}*\n${withArrow(`${meanBar(line.mean)}  ${meanText(line)}`, line.trend)}\n_${interval}_`;
}

function header(teamName: string): string {
  return truncate(COPY.summary.header(plainTeamName(teamName)), HEADER_MAX);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function suppressedSentence(view: SummaryView): string {
  const reason = view.suppressedReason ?? 'below_k';
  if (reason !== 'below_k') return COPY.summary.reasons[reason];
  const k = kWords(view.minRespondents);
  // A k beyond the number words would print digits; the suppressed post shows none.
  return /\d/.test(k) ? COPY.summary.notEnough : COPY.summary.notEnoughWithK(k);
}

function suppressedBlocks(view: SummaryView): types.KnownBlock[] {
  const closed = escapeMrkdwn(formatDay(view.closedOn, view.timezone));
  return [
    { type: 'header', block_id: 'summary_header', text: { type: 'plain_text', text: header(view.teamName) } },
    {
      type: 'context',
      block_id: 'summary_cycle',
      elements: [{ type: 'mrkdwn', text: COPY.summary.closedLine(closed) }],
    },
    {
      type: 'section',
      block_id: 'summary_suppressed',
      text: { type: 'mrkdwn', text: suppressedSentence(view) },
    },
    {
      type: 'context',
      block_id: 'summary_privacy',
      elements: [{ type: 'mrkdwn', text: `:lock: ${COPY.summary.suppressedNote}` }],
    },
  ];
}

function cycleLabel(n: number): string {
  return Number.isInteger(n) && n > 0 && n < 1e9 ? String(n) : '';
}

function releasedBlocks(view: SummaryView): types.KnownBlock[] {
  const s = COPY.summary;
  const closed = escapeMrkdwn(formatDay(view.closedOn, view.timezone));
  const blocks: types.KnownBlock[] = [
    { type: 'header', block_id: 'summary_header', text: { type: 'plain_text', text: header(view.teamName) } },
    {
      type: 'context',
      block_id: 'summary_cycle',
      elements: [
        {
          type: 'mrkdwn',
          text: s.cycleLine(cycleLabel(view.cycleNumber), closed, view.respondentBand),
        },
      ],
    },
  ];
  const ci = view.connectionIndex;
  if (ci) {
    const value = wholeNumber(ci.value, 0, 100);
    const interval = s.interval(wholeNumber(ci.ciLow, 0, 100), wholeNumber(ci.ciHigh, 0, 100));
    blocks.push({
      type: 'section',
      block_id: 'summary_connection_index',
      text: {
        type: 'mrkdwn',
        text: `*${s.connectionIndex}*\n${withArrow(`${indexBar(ci.value)}  *${value}* ${s.outOf100}`, ci.trend)}\n_${interval}_`,
      },
    });
  }
  const lines = (view.goodThings ?? []).slice(0, MAX_DIMENSION_LINES);
  if (lines.length > 0) {
    blocks.push({ type: 'divider', block_id: 'summary_divider_good_things' });
    blocks.push({
      type: 'section',
      block_id: 'summary_good_things_heading',
      text: { type: 'mrkdwn', text: s.goodThingsHeading },
    });
    chunks(lines, FIELDS_PER_SECTION).forEach((chunk, i) => {
      blocks.push({
        type: 'section',
        block_id: i === 0 ? 'summary_good_things' : `summary_good_things_${i}`,
        fields: chunk.map((line) => ({ type: 'mrkdwn', text: dimensionField(line) })),
      });
    });
  }
  const power = view.powerOver;
  if (power) {
    const level = s.powerOverLevels[powerOverLevel(power.mean)];
    blocks.push({
      type: 'section',
      block_id: 'summary_power_over',
      text: {
        type: 'mrkdwn',
        text: `*${s.powerOverHeading}:* ${withArrow(`${level} (${meanText(power)})`, power.trend)}\n_${s.powerOverNote}_`,
      },
    });
  }
  if (view.state) {
    blocks.push({ type: 'divider', block_id: 'summary_divider_state' });
    blocks.push({
      type: 'section',
      block_id: 'summary_state',
      text: {
        type: 'mrkdwn',
        text: `*${s.stateHeading}*\n${escapeMrkdwn(stateReading(view.state.measure, view.state.state))}`,
      },
    });
  }
  const practices = (view.practices ?? []).slice(0, MAX_PRACTICES).map((p) => truncate(p, PRACTICE_MAX));
  if (practices.length > 0) {
    blocks.push({
      type: 'section',
      block_id: 'summary_practices',
      text: {
        type: 'mrkdwn',
        text: `*${s.practicesHeading}*\n${practices.map((p) => `• ${escapeMrkdwn(p)}`).join('\n')}\n_${s.practicesNote}_`,
      },
    });
  }
  blocks.push({
    type: 'context',
    block_id: 'summary_footer',
    elements: [{ type: 'mrkdwn', text: s.footer }],
  });
  return blocks;
}

/** Blocks for the summary channel, with {@link summaryText} as the notification text. */
export function summaryMessage(view: SummaryView): SlackMessage {
  const blocks = view.status === 'released' ? releasedBlocks(view) : suppressedBlocks(view);
  return { text: summaryText(view), blocks };
}

/**
 * The summary as readable plain text (the message's notification and fallback text), at
 * most 3000 characters. Built from the same blocks, so it never says more than they do.
 */
export function summaryText(view: SummaryView): string {
  const blocks = view.status === 'released' ? releasedBlocks(view) : suppressedBlocks(view);
  const text = renderMessageAsText({ text: '', blocks }, { headerUnderline: false });
  // Escaping lengthens the text; cut the plain text by that much first so the result fits.
  const growth = escapeMrkdwn(text).length - text.length;
  return escapeMrkdwn(truncate(text, SUMMARY_TEXT_MAX - growth, { collapseWhitespace: false }));
}

function mrkdwnToPlain(text: string): string {
  return unescapeMrkdwn(
    text
      .replace(/:lock:/g, '🔒')
      .replace(/:seedling:/g, '🌱')
      .replace(/:pray:/g, '🙏')
      .replace(/(^|[\s(])[*_]+(?=\S)/g, '$1')
      .replace(/(?<=\S)[*_]+(?=$|[\s).,:;])/gm, ''),
  );
}

function objectText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const v = value as { type?: string; text?: unknown };
  if (typeof v.text !== 'string') return '';
  return v.type === 'mrkdwn' ? mrkdwnToPlain(v.text) : v.text;
}

function renderBlock(block: types.KnownBlock | types.Block, headerUnderline: boolean): string {
  const b = block as unknown as Record<string, unknown>;
  switch (b.type) {
    case 'header': {
      const text = objectText(b.text);
      return headerUnderline ? `${text}\n${'='.repeat(Math.min(text.length, 60))}` : text;
    }
    case 'section': {
      const parts: string[] = [];
      if (b.text) parts.push(objectText(b.text));
      if (Array.isArray(b.fields)) parts.push(b.fields.map(objectText).join('\n\n'));
      return parts.join('\n\n');
    }
    case 'context':
      return (Array.isArray(b.elements) ? b.elements : []).map(objectText).filter(Boolean).join(' · ');
    case 'actions':
      return (Array.isArray(b.elements) ? b.elements : [])
        .map((e) => `[ ${objectText((e as { text?: unknown }).text)} ]`)
        .join('  ');
    case 'divider':
      return '—'.repeat(20);
    case 'input': {
      const label = objectText(b.label);
      const element = (b.element ?? {}) as { type?: string; options?: { text?: unknown }[] };
      const options = (element.options ?? []).map((o) => `  ( ) ${objectText(o.text)}`);
      const hint = b.hint ? [`  (${objectText(b.hint)})`] : [];
      const field = element.type === 'plain_text_input' ? ['  [ ______________ ]'] : [];
      return [label, ...options, ...field, ...hint].join('\n');
    }
    default:
      return '';
  }
}

/**
 * Any message as readable plain text: headers, sections, fields, context lines, buttons
 * as [ Label ]. Falls back to the message's `text` when it has no blocks.
 */
export function renderMessageAsText(
  message: { text?: string; blocks?: readonly (types.KnownBlock | types.Block)[] },
  options: { headerUnderline?: boolean } = {},
): string {
  const blocks = message.blocks ?? [];
  if (blocks.length === 0) return mrkdwnToPlain(message.text ?? '');
  return blocks
    .map((block) => renderBlock(block, options.headerUnderline ?? true))
    .filter((text) => text.length > 0)
    .join('\n\n');
}
