/**
 * When releases are combined: not by calendar week but by the time their answers
 * describe. Two releases are judged together (as if the people in both had answered
 * alike, the worst case) when their answer windows overlap or lie within the horizon of
 * each other, whatever ISO week, round or cadence they belong to.
 */

const DAY = 86_400_000;

/**
 * Every item reads "In the past two weeks, in this team…" (scoring/words), so two
 * answers up to two weeks apart describe some of the same days, whatever the cadence.
 */
export const ANSWER_FRAME_MS = 14 * DAY;

/** From a cycle's opening to its close: when its answers were given (epoch ms). */
export interface AnswerWindow {
  readonly start: number;
  readonly end: number;
}

export interface ReleaseTiming {
  readonly window: AnswerWindow;
  /** The group's cadence period: the longest time between two of its cycles. */
  readonly periodMs: number;
}

/** How far apart two releases may lie and still be judged together. */
export function horizonMs(a: ReleaseTiming, b: ReleaseTiming): number {
  return Math.max(a.periodMs, b.periodMs, ANSWER_FRAME_MS);
}

/** Time between the two windows; 0 when they overlap or touch. */
export function gapMs(a: AnswerWindow, b: AnswerWindow): number {
  return Math.max(0, b.start - a.end, a.start - b.end);
}

/**
 * The window rule: combined when the windows overlap or the gap between them is at
 * most one cadence period (the longer of the two) or the items' two-week frame.
 */
export function releasesCombine(a: ReleaseTiming, b: ReleaseTiming): boolean {
  return gapMs(a.window, b.window) <= horizonMs(a, b);
}

/** Whole cycles between the starts of two releases (at least one), in the longer period. */
export function cyclesApart(a: ReleaseTiming, b: ReleaseTiming): number {
  const period = Math.max(a.periodMs, b.periodMs);
  return Math.max(1, Math.round(Math.abs(b.window.start - a.window.start) / period));
}
