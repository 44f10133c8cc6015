import { GOOD_THINGS } from './dimensions.js';
import type { Item } from './item-bank.js';
import type { Answer } from './statistics.js';

/**
 * Cronbach's alpha for a respondents × items matrix:
 *   α = k / (k − 1) · (1 − Σ var(item) / var(total)),
 * with sample (n − 1) variances. Rows with any missing cell (null, undefined, NaN) are
 * dropped (listwise), because alpha is defined on complete item sets. Returns null when
 * it is undefined: fewer than two items or two complete rows, or a total with no spread.
 */
export function cronbachAlpha(matrix: readonly (readonly (number | null | undefined)[])[]): number | null {
  const k = matrix[0]?.length ?? 0;
  if (k < 2) return null;
  const rows: number[][] = [];
  for (const row of matrix) {
    if (row.length !== k) throw new RangeError('Every row of the matrix needs the same number of items');
    if (row.every((cell) => typeof cell === 'number' && Number.isFinite(cell))) rows.push(row as number[]);
  }
  const n = rows.length;
  if (n < 2) return null;
  const variance = (values: readonly number[]) => {
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  };
  let itemVariances = 0;
  for (let j = 0; j < k; j += 1) itemVariances += variance(rows.map((row) => row[j]!));
  const totalVariance = variance(rows.map((row) => row.reduce((sum, value) => sum + value, 0)));
  if (totalVariance === 0) return null;
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}

export interface ConnectionReliability {
  /** Cronbach's alpha of the five good-thing items asked this cycle, or null. */
  readonly alpha: number | null;
  /** Complete respondents the alpha rests on. */
  readonly respondents: number;
  readonly items: number;
}

/**
 * Below this many complete respondents an alpha is too unstable to show HR; the research
 * brief recommends organisation-level pooling (N ≥ 200) and never per team.
 */
export const MIN_RESPONDENTS_FOR_ALPHA = 30;

/**
 * Reliability of the connection index for one cycle, from the organisation's pooled
 * answers: one column per good-thing item asked in the cycle's pulse.
 */
export function connectionIndexReliability(
  items: readonly Item[],
  answers: readonly Answer[],
): ConnectionReliability {
  const goodItems = items.filter((item) => (GOOD_THINGS as readonly string[]).includes(item.dimension));
  const matrix = answers.map((answer) => goodItems.map((item) => answer[item.id] ?? null));
  const complete = matrix.filter((row) => row.every((cell) => cell !== null)).length;
  const alpha = complete >= MIN_RESPONDENTS_FOR_ALPHA ? cronbachAlpha(matrix) : null;
  return { alpha, respondents: complete, items: goodItems.length };
}

/** Spearman–Brown reliability of a two-item score from the items' correlation. */
export function spearmanBrown(correlation: number, lengthFactor = 2): number {
  return (lengthFactor * correlation) / (1 + (lengthFactor - 1) * correlation);
}
