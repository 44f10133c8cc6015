import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composePulse } from '../../src/scoring/pulse.js';
import {
  type Answer,
  describe as describeValues,
  type LikertValue,
  measureStats,
  summariseAnswers,
  tInterval,
  toHundredScale,
} from '../../src/scoring/statistics.js';

const likert = fc.constantFrom<LikertValue>(1, 2, 3, 4, 5);

describe('describe', () => {
  // Hand computation: mean = Σx/n; sd² = Σ(x − mean)²/(n − 1); half-width = t(0.975, n−1)·sd/√n.
  it.each([
    { values: [1, 2, 3, 4, 5], mean: 3, sd: 1.58113883, se: Math.SQRT1_2, low: 1.03675684, high: 4.96324316 },
    // upper limit 5.23885063 clipped to the top of the scale
    { values: [4, 4, 5, 5, 3], mean: 4.2, sd: 0.83666003, se: 0.37416574, low: 3.16114937, high: 5 },
    {
      values: [3, 4, 4, 5, 3, 4, 2, 5],
      mean: 3.75,
      sd: 1.03509834,
      se: 0.36596253,
      low: 2.88463613,
      high: 4.61536387,
    },
    // t(0.975, 1) = 12.706: the interval covers the whole scale
    { values: [2, 3], mean: 2.5, sd: Math.SQRT1_2, se: 0.5, low: 1, high: 5 },
    { values: [4, 4, 4, 4, 4], mean: 4, sd: 0, se: 0, low: 4, high: 4 },
  ])(
    'summarises $values as mean $mean, sd $sd, 95% CI [$low, $high]',
    ({ values, mean, sd, se, low, high }) => {
      const stats = describeValues(values)!;
      expect(stats.n).toBe(values.length);
      expect(stats.mean).toBeCloseTo(mean, 8);
      expect(stats.sd).toBeCloseTo(sd, 8);
      expect(stats.se).toBeCloseTo(se, 8);
      expect(stats.ci.low).toBeCloseTo(low, 7);
      expect(stats.ci.high).toBeCloseTo(high, 7);
    },
  );

  it('has no statistics for fewer than two values, because no spread can be estimated', () => {
    expect(describeValues([])).toBeNull();
    expect(describeValues([4])).toBeNull();
  });

  it('keeps means and intervals inside the 1–5 scale, around the mean', () => {
    fc.assert(
      fc.property(fc.array(likert, { minLength: 2, maxLength: 60 }), (values) => {
        const stats = describeValues(values)!;
        expect(stats.mean).toBeGreaterThanOrEqual(1);
        expect(stats.mean).toBeLessThanOrEqual(5);
        expect(stats.ci.low).toBeGreaterThanOrEqual(1);
        expect(stats.ci.high).toBeLessThanOrEqual(5);
        expect(stats.ci.low).toBeLessThanOrEqual(stats.mean + 1e-12);
        expect(stats.ci.high).toBeGreaterThanOrEqual(stats.mean - 1e-12);
      }),
    );
  });

  it('narrows the interval as more people give the same pattern of answers', () => {
    fc.assert(
      fc.property(
        fc.array(likert, { minLength: 2, maxLength: 10 }),
        fc.integer({ min: 1, max: 6 }),
        (values, k) => {
          fc.pre(new Set(values).size > 1);
          const width = (copies: number) => {
            const stats = describeValues(Array.from({ length: copies }, () => values).flat())!;
            return 2 * stats.se;
          };
          const half = (copies: number) => {
            const stats = describeValues(Array.from({ length: copies }, () => values).flat())!;
            return tInterval(stats.mean, stats.sd, stats.n, { low: -Infinity, high: Infinity });
          };
          expect(width(k + 1)).toBeLessThan(width(k));
          const narrow = half(k + 1);
          const wide = half(k);
          expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
        },
      ),
    );
  });
});

describe('toHundredScale', () => {
  it.each([
    [1, 0],
    [3, 50],
    [3.95, 73.75],
    [5, 100],
  ])('maps a 1–5 mean of %f to %f on 0–100', (mean, expected) => {
    const mapped = toHundredScale({ n: 5, mean, sd: 0.4, se: 0.2, ci: { low: 1, high: 5 } });
    expect(mapped.mean).toBeCloseTo(expected, 10);
    expect(mapped.sd).toBeCloseTo(10, 10);
    expect(mapped.ci).toEqual({ low: 0, high: 100 });
  });
});

describe('summariseAnswers', () => {
  const pulse = composePulse(1, 0); // zest.1 action.1 clarity.1 worth.1 connection.1 powerOver.1
  const answers: Answer[] = [
    { 'zest.1': 5, 'action.1': 4, 'clarity.1': 4, 'worth.1': 5, 'connection.1': 5, 'powerOver.1': 1 },
    { 'zest.1': 4, 'action.1': 4, 'clarity.1': 3, 'worth.1': 4, 'connection.1': 4, 'powerOver.1': 2 },
    { 'zest.1': 3, 'action.1': 3, 'clarity.1': 3, 'worth.1': 3, 'powerOver.1': 3 }, // skips one good thing
    { 'zest.1': 2, 'worth.1': 2, 'connection.1': 3, 'powerOver.1': 4 }, // skips two: not in the index
    { 'zest.1': 4, 'action.1': 5, 'clarity.1': 4, 'worth.1': 4, 'connection.1': 5 },
    {}, // opened and sent nothing
    { 'zest.2': 1 }, // answered an item this pulse did not ask
  ];
  const summary = summariseAnswers(pulse, answers);

  it('counts submissions and the respondents who answered an asked item', () => {
    expect(summary.submissions).toBe(7);
    expect(summary.respondents).toBe(5);
  });

  it.each([
    // dimension, n, mean, sd (hand-computed from the answers above)
    ['zest', 5, 3.6, 1.14017543],
    ['action', 4, 4, 0.81649658],
    ['clarity', 4, 3.5, 0.57735027],
    ['worth', 5, 3.6, 1.14017543],
    ['connection', 4, 4.25, 0.95742711],
    ['powerOver', 4, 2.5, 1.29099445],
  ] as const)('scores %s with available cases: n %i, mean %f, sd %f', (dimension, n, mean, sd) => {
    const stats = summary.dimensions[dimension]!;
    expect(stats.n).toBe(n);
    expect(stats.mean).toBeCloseTo(mean, 8);
    expect(stats.sd).toBeCloseTo(sd, 8);
  });

  it('builds the connection index from people with at least four of the five good things', () => {
    // person composites 4.6, 3.8, 3.0 (mean of four), 4.4; the fourth person is out
    const composite = summary.connectionComposite!;
    expect(composite.n).toBe(4);
    expect(composite.mean).toBeCloseTo(3.95, 10);
    expect(composite.sd).toBeCloseTo(0.71879529, 8);
    expect(composite.ci.low).toBeCloseTo(2.8062363, 6);
    expect(composite.ci.high).toBe(5);
    const index = summary.connectionIndex!;
    expect(index.mean).toBeCloseTo(73.75, 8);
    expect(index.sd).toBeCloseTo(17.96988221, 7);
    expect(index.ci.low).toBeCloseTo(45.1559074, 6);
    expect(index.ci.high).toBe(100);
  });

  it('reports power-over as its own 0–100 index where higher means more power-over', () => {
    expect(summary.powerOverIndex!.mean).toBeCloseTo(37.5, 10);
    expect(summary.powerOverIndex!.ci.low).toBe(0);
    expect(summary.powerOverIndex!.ci.high).toBeCloseTo(88.8565064, 6);
  });

  it('leaves out dimensions the pulse did not ask', () => {
    expect(summary.dimensions.authenticity).toBeUndefined();
    expect(summary.authenticity).toBeNull();
    expect(summary.mutuality).toBeNull();
  });

  it('hands trends the 1–5 composite for the connection index', () => {
    expect(measureStats(summary, 'connectionIndex')).toBe(summary.connectionComposite);
    expect(measureStats(summary, 'zest')).toBe(summary.dimensions.zest);
    expect(measureStats(summary, 'mutuality')).toBeNull();
  });

  it('averages a person’s items when a dimension has two of them', () => {
    const both = summariseAnswers(
      [
        { id: 'zest.1', dimension: 'zest' },
        { id: 'zest.2', dimension: 'zest' },
      ],
      [{ 'zest.1': 5, 'zest.2': 4 }, { 'zest.1': 2 }, { 'zest.2': 3 }],
    );
    // person scores 4.5, 2, 3
    expect(both.dimensions.zest!.mean).toBeCloseTo(9.5 / 3, 10);
    expect(both.dimensions.zest!.n).toBe(3);
  });

  it.each([[0], [6], [2.5], ['4']])('refuses an answer value of %s as corrupted data', (value) => {
    expect(() => summariseAnswers(pulse, [{ 'zest.1': value } as unknown as Answer])).toThrow(RangeError);
  });

  it('refuses a pulse that lists an item twice', () => {
    expect(() => summariseAnswers([pulse[0]!, pulse[0]!], [])).toThrow(RangeError);
  });

  it('returns empty statistics for no answers', () => {
    const empty = summariseAnswers(pulse, []);
    expect(empty.respondents).toBe(0);
    expect(empty.dimensions).toEqual({});
    expect(empty.connectionIndex).toBeNull();
  });

  it('keeps every dimension mean within 1–5 and the indices within 0–100 for any answers', () => {
    const answer = fc.record(
      Object.fromEntries(pulse.map((item) => [item.id, likert])) as Record<string, fc.Arbitrary<LikertValue>>,
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 30 }), (sample) => {
        const result = summariseAnswers(pulse, sample);
        for (const stats of Object.values(result.dimensions)) {
          expect(stats.mean).toBeGreaterThanOrEqual(1);
          expect(stats.mean).toBeLessThanOrEqual(5);
          expect(stats.n).toBeLessThanOrEqual(result.respondents);
        }
        for (const index of [result.connectionIndex, result.powerOverIndex]) {
          if (!index) continue;
          expect(index.ci.low).toBeGreaterThanOrEqual(0);
          expect(index.ci.high).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});
