/**
 * Small pure helpers the builders share: safe truncation, mrkdwn escaping, dates in a
 * given time zone, text bars and trend arrows. No clock and no I/O: dates come in.
 */
import type { TrendDirection } from '../scoring/index.js';

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 and C1 control characters other than tab and newline, which Slack would show as boxes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Text made safe to send: lone surrogates become U+FFFD, control characters go. */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '');
}

/**
 * At most `max` UTF-16 code units, cut on a grapheme boundary (never inside a surrogate
 * pair, an emoji sequence or a combining mark) and ending in "…" when anything was cut.
 * Whitespace is collapsed first, so a name full of newlines cannot break a layout, and
 * the text is cleaned ({@link cleanText}).
 */
export function truncate(text: string, max: number, options: { collapseWhitespace?: boolean } = {}): string {
  const clean = cleanText(text);
  const input = options.collapseWhitespace === false ? clean : clean.replace(/\s+/gu, ' ').trim();
  if (input.length <= max) return input;
  if (max <= 0) return '';
  let out = '';
  for (const { segment } of segmenter.segment(input)) {
    if (out.length + segment.length + ELLIPSIS.length > max) break;
    out += segment;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Undoes {@link escapeMrkdwn}, for plain-text renderings. */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function formatter(timezone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: timezone });
  } catch {
    // An unknown zone name must not stop a message from being built: fall back to UTC,
    // and say so through the zone name the caller asked to show.
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
  }
}

/** "Friday 27 November, 17:00 CET" in the given IANA time zone. */
export function formatDateTime(date: Date, timezone: string): string {
  const parts = formatter(timezone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')}, ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

/** "27 November 2026" in the given IANA time zone. */
export function formatDay(date: Date, timezone: string): string {
  return formatter(timezone, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

export const BAR_CELLS = 10;
const FILLED = '▰';
const EMPTY = '▱';

/** A ten-cell text bar for a share between 0 and 1 (clamped; NaN shows empty). */
export function textBar(share: number): string {
  const filled = filledCells(share);
  return FILLED.repeat(filled) + EMPTY.repeat(BAR_CELLS - filled);
}

export function filledCells(share: number): number {
  if (!Number.isFinite(share)) return 0;
  // The epsilon makes halves round up even when floating point lands just below them
  // ((1.2 − 1) / 4 × 10 is 0.4999…).
  return Math.min(BAR_CELLS, Math.round(Math.min(1, Math.max(0, share)) * BAR_CELLS + 1e-9));
}

/** Bar for a mean on the 1–5 scale: 1 is empty, 5 is full. */
export function meanBar(mean: number): string {
  return textBar((mean - 1) / 4);
}

/** Bar for a 0–100 index. */
export function indexBar(value: number): string {
  return textBar(value / 100);
}

/** ↑ ↓ → for a trend direction, nothing when there is no trend yet. */
export function trendArrow(direction: TrendDirection): string {
  switch (direction) {
    case 'up':
      return '↑';
    case 'down':
      return '↓';
    case 'flat':
      return '→';
    default:
      return '';
  }
}

/** One decimal, e.g. 3.6; clamped to the given range so a bad input cannot print nonsense. */
export function oneDecimal(value: number, min: number, max: number): string {
  const v = Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
  return v.toFixed(1);
}

export function wholeNumber(value: number, min: number, max: number): string {
  const v = Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
  return String(Math.round(v));
}
