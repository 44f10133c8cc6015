import { describe, expect, it } from 'vitest';
import { composePulse } from '../../src/scoring/pulse.js';
import {
  connectionIndexReliability,
  cronbachAlpha,
  MIN_RESPONDENTS_FOR_ALPHA,
  spearmanBrown,
} from '../../src/scoring/reliability.js';
import type { Answer, LikertValue } from '../../src/scoring/statistics.js';

describe('cronbachAlpha', () => {
  it.each([
    {
      // item variances 2.5 + 0.7 + 1.7 = 4.9; totals 8, 13, 10, 14, 5 → variance 13.5;
      // α = 3/2 · (1 − 4.9/13.5) = 0.955556
      name: 'three consistent items',
      matrix: [
        [2, 3, 3],
        [4, 4, 5],
        [3, 3, 4],
        [5, 4, 5],
        [1, 2, 2],
      ],
      alpha: 0.9555555556,
    },
    {
      // identical items: Σ var = 2·var, var(total) = 4·var → α = 2·(1 − ½) = 1
      name: 'two identical items',
      matrix: [
        [1, 1],
        [3, 3],
        [5, 5],
      ],
      alpha: 1,
    },
    {
      // uncorrelated items: variances 4/3 + 4/3; totals 2, 4, 4, 6 → variance 8/3; α = 2·(1 − 1) = 0
      name: 'two uncorrelated items',
      matrix: [
        [1, 1],
        [1, 3],
        [3, 1],
        [3, 3],
      ],
      alpha: 0,
    },
    {
      // opposite items: totals constant → undefined
      name: 'items whose total never varies',
      matrix: [
        [1, 5],
        [5, 1],
        [3, 3],
      ],
      alpha: null,
    },
  ])('computes α for $name as $alpha', ({ matrix, alpha }) => {
    const result = cronbachAlpha(matrix);
    if (alpha === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(alpha, 9);
  });

  it('drops incomplete rows before computing', () => {
    const complete = [
      [2, 3, 3],
      [4, 4, 5],
      [3, 3, 4],
      [5, 4, 5],
      [1, 2, 2],
    ];
    expect(cronbachAlpha([...complete, [5, null, 1], [undefined, 1, 1], [Number.NaN, 2, 2]])).toBeCloseTo(
      cronbachAlpha(complete)!,
      12,
    );
  });

  it('is undefined for one item or one complete respondent', () => {
    expect(cronbachAlpha([[1], [2], [3]])).toBeNull();
    expect(cronbachAlpha([[1, 2]])).toBeNull();
    expect(cronbachAlpha([])).toBeNull();
  });

  it('refuses ragged matrices', () => {
    expect(() => cronbachAlpha([[1, 2], [1]])).toThrow(RangeError);
  });
});

describe('connectionIndexReliability', () => {
  const pulse = composePulse(1, 3);
  const answer = (base: number, offsets: number[]): Answer =>
    Object.fromEntries(
      pulse.map((item, i) => [item.id, Math.min(5, Math.max(1, base + (offsets[i] ?? 0))) as LikertValue]),
    );

  it('uses only the five good-thing items of the pulse', () => {
    const answers = Array.from({ length: MIN_RESPONDENTS_FOR_ALPHA }, (_, i) =>
      answer(1 + (i % 5), [0, 0, 0, 0, 0, (i * 7) % 3]),
    );
    const result = connectionIndexReliability(pulse, answers);
    expect(result.items).toBe(5);
    expect(result.respondents).toBe(MIN_RESPONDENTS_FOR_ALPHA);
    expect(result.alpha).toBeCloseTo(1, 12);
  });

  it(`withholds α below ${MIN_RESPONDENTS_FOR_ALPHA} complete respondents`, () => {
    const answers = Array.from({ length: MIN_RESPONDENTS_FOR_ALPHA - 1 }, (_, i) => answer(1 + (i % 5), []));
    expect(connectionIndexReliability(pulse, answers).alpha).toBeNull();
  });
});

describe('spearmanBrown', () => {
  it.each([
    [0.5, 2 / 3],
    [0, 0],
    [1, 1],
    [0.6, 0.75],
  ])('turns an inter-item correlation of %f into a two-item reliability of %f', (r, expected) => {
    expect(spearmanBrown(r)).toBeCloseTo(expected, 12);
  });
});
