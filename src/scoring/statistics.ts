import { z } from 'zod';
import { DIMENSIONS, type Dimension, GOOD_THINGS } from './dimensions.js';
import { studentTQuantile } from './distributions.js';
import type { Item } from './item-bank.js';

export { studentTCdf, studentTQuantile } from './distributions.js';

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

export const LikertValueSchema = z.literal([1, 2, 3, 4, 5]);
export type LikertValue = z.infer<typeof LikertValueSchema>;

/** One person's answers in one cycle, keyed by item id. Unanswered items are absent. */
export const AnswerSchema = z.record(z.string(), LikertValueSchema);
export type Answer = Readonly<Partial<Record<string, LikertValue>>>;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface DescriptiveStats {
  /** Respondents contributing a score. */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1 denominator). */
  readonly sd: number;
  /** Standard error of the mean, sd / √n. */
  readonly se: number;
  /** 95% Student t interval for the mean, clipped to the scale's range. */
  readonly ci: Interval;
}

export interface GroupSummary {
  /** Answers handed in, including ones with nothing usable in them. */
  readonly submissions: number;
  /** Answers with at least one valid value for an item that was asked. */
  readonly respondents: number;
  /** Per dimension on the 1–5 scale; absent when fewer than two people scored it. */
  readonly dimensions: Readonly<Partial<Record<Dimension, DescriptiveStats>>>;
  /** Mean of each person's five good things, on the 1–5 scale (what trends use). */
  readonly connectionComposite: DescriptiveStats | null;
  /** The same composite shown on 0–100: (score − 1) / 4 × 100. */
  readonly connectionIndex: DescriptiveStats | null;
  /** Power-over on 0–100 (higher = more power-over); null when not asked this cycle. */
  readonly powerOverIndex: DescriptiveStats | null;
  readonly authenticity: DescriptiveStats | null;
  readonly mutuality: DescriptiveStats | null;
}

export const CONFIDENCE_LEVEL = 0.95;

/**
 * A person enters the connection index when they scored at least four of the five
 * good things; their composite is the mean of the ones they have. One skipped item
 * should not drop a whole person from a group that may only just reach k = 5.
 */
export const MIN_GOOD_THINGS_FOR_INDEX = 4;

/** Two-sided t interval, clipped to [lower, upper] because the true mean cannot leave the scale. */
export function tInterval(
  mean: number,
  sd: number,
  n: number,
  bounds: Interval = { low: SCALE_MIN, high: SCALE_MAX },
  level = CONFIDENCE_LEVEL,
): Interval {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`A t interval needs n ≥ 2, got ${n}`);
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { low: Math.max(bounds.low, mean - half), high: Math.min(bounds.high, mean + half) };
}

/** n, mean, sd, se and 95% interval of a list of scores; null below two values. */
export function describe(
  values: readonly number[],
  bounds: Interval = { low: SCALE_MIN, high: SCALE_MAX },
): DescriptiveStats | null {
  const n = values.length;
  if (n < 2) return null;
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  // Two passes: the sum of squared deviations is exact for the small integers we see.
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  return { n, mean, sd, se: sd / Math.sqrt(n), ci: tInterval(mean, sd, n, bounds) };
}

/** Maps a 1–5 summary onto 0–100; a linear map, so the interval maps with it. */
export function toHundredScale(stats: DescriptiveStats): DescriptiveStats {
  const scale = 100 / (SCALE_MAX - SCALE_MIN);
  const at = (value: number) => (value - SCALE_MIN) * scale;
  return {
    n: stats.n,
    mean: at(stats.mean),
    sd: stats.sd * scale,
    se: stats.se * scale,
    ci: { low: at(stats.ci.low), high: at(stats.ci.high) },
  };
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

function readValue(answer: Answer, itemId: string): number | undefined {
  const value: unknown = answer[itemId];
  if (isMissing(value)) return undefined;
  if (!LikertValueSchema.safeParse(value).success) {
    // Answers are validated at the edge; a bad value here means corrupted data, and
    // silently dropping it would change a released number.
    throw new RangeError(`Answer to ${itemId} must be an integer 1–5, got ${String(value)}`);
  }
  return value as number;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * Group statistics for the answers to one set of items (normally one cycle's pulse).
 *
 * Missing data rule: available-case per dimension. A person's dimension score is the
 * mean of the items of that dimension they answered (a pulse asks at most one); they
 * count in that dimension's n only if they answered one. Item ids not in `items` are
 * ignored, so answers to an older pulse cannot leak into this one.
 */
export function summariseAnswers(items: readonly Item[], answers: readonly Answer[]): GroupSummary {
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new RangeError(`Item ${item.id} is listed twice`);
    ids.add(item.id);
  }
  const itemsByDimension = new Map<Dimension, Item[]>();
  for (const item of items) {
    const list = itemsByDimension.get(item.dimension) ?? [];
    list.push(item);
    itemsByDimension.set(item.dimension, list);
  }

  const scores = new Map<Dimension, number[]>(DIMENSIONS.map((dimension) => [dimension, []]));
  const composites: number[] = [];
  let respondents = 0;

  for (const answer of answers) {
    const personScores = new Map<Dimension, number>();
    for (const [dimension, dimensionItems] of itemsByDimension) {
      const values: number[] = [];
      for (const item of dimensionItems) {
        const value = readValue(answer, item.id);
        if (value !== undefined) values.push(value);
      }
      if (values.length > 0) personScores.set(dimension, mean(values));
    }
    if (personScores.size === 0) continue;
    respondents += 1;
    for (const [dimension, score] of personScores) scores.get(dimension)!.push(score);
    const goodThings = GOOD_THINGS.flatMap((dimension) => {
      const score = personScores.get(dimension);
      return score === undefined ? [] : [score];
    });
    if (goodThings.length >= MIN_GOOD_THINGS_FOR_INDEX) composites.push(mean(goodThings));
  }

  const dimensions: Partial<Record<Dimension, DescriptiveStats>> = {};
  for (const dimension of DIMENSIONS) {
    const stats = describe(scores.get(dimension)!);
    if (stats) dimensions[dimension] = stats;
  }
  const connectionComposite = describe(composites);
  const powerOver = dimensions.powerOver;

  return {
    submissions: answers.length,
    respondents,
    dimensions,
    connectionComposite,
    connectionIndex: connectionComposite ? toHundredScale(connectionComposite) : null,
    powerOverIndex: powerOver ? toHundredScale(powerOver) : null,
    authenticity: dimensions.authenticity ?? null,
    mutuality: dimensions.mutuality ?? null,
  };
}

/** The 1–5 statistics a trend or shrinkage step uses for one measure of a summary. */
export function measureStats(
  summary: GroupSummary,
  measure: Dimension | 'connectionIndex',
): DescriptiveStats | null {
  if (measure === 'connectionIndex') return summary.connectionComposite;
  return summary.dimensions[measure] ?? null;
}
