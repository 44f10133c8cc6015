import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessTrend,
  type CycleObservation,
  DEFAULT_TREND_OPTIONS,
  type ReleasedCycle,
  TREND_STATES,
  type TrendState,
} from '../../src/scoring/trend.js';

/** Released cycles numbered from 1 with the same spread and size, as in the hand computations. */
function series(means: readonly (number | null)[], sd = 0.8, n = 8): CycleObservation[] {
  return means.map((mean, i) =>
    mean === null ? { cycle: i + 1, released: false } : { cycle: i + 1, released: true, mean, sd, n },
  );
}

const states = (history: readonly CycleObservation[], options = {}) =>
  assessTrend(history, options).cycles.map((cycle) => cycle.state);

const h = 'healthy';
const a = 'acute';
const r = 'repairing';
const c = 'chronic';

describe('assessTrend', () => {
  // With sd 0.8 and n 8: se² = 0.08. A baseline of four such cycles has variance 0.64/32 = 0.02,
  // so a residual is (mean − baseline)/√0.10. The EWMA limit is 2.4·√(0.3/1.7) = 1.00819.
  it.each<{ name: string; means: (number | null)[]; expected: (TrendState | null)[] }>([
    { name: 'a steady team stays healthy', means: [4, 4, 4, 4, 4, 4], expected: [h, h, h, h, h, h] },
    {
      // cycle 6: residual −1.1/√0.1 = −3.48 < −3 (a shock); P(θ < 3) = Φ(0.1/0.283) = 0.64, not low
      name: 'a one-cycle dip is acute, then repairing, then healthy',
      means: [4, 4, 4, 4, 4, 2.9, 4, 4],
      expected: [h, h, h, h, h, a, r, h],
    },
    {
      // P(θ < 3) = Φ(0.6/0.283) = 0.98 from cycle 4: low, low, low → chronic at the third low;
      // leaving needs two good cycles: still chronic at cycle 7, repairing at 8, healthy at 9
      name: 'three low cycles become chronic, and leaving takes two good cycles',
      means: [4, 4, 4, 2.4, 2.4, 2.4, 4, 4, 4, 4],
      expected: [h, h, h, a, a, c, c, r, h, h],
    },
    {
      // low in 3 of the last 4 released cycles, with a good cycle in between
      name: 'low in three of four released cycles is chronic',
      means: [4, 4, 4, 2.4, 2.4, 4, 2.4],
      expected: [h, h, h, a, a, r, c],
    },
    {
      // a 0.9 drop is not low (P = 0.08); residual −0.9/√0.1 = −2.85 each cycle; EWMA
      // −0.854 (inside the limit), −1.451, −1.870, −2.163: the signal holds for three cycles
      name: 'a sustained drop that is not low becomes chronic once the signal has held three cycles',
      means: [4.3, 4.3, 4.3, 4.3, 3.4, 3.4, 3.4, 3.4],
      expected: [h, h, h, h, h, a, a, c],
    },
    {
      name: 'suppressed cycles are missing: they carry the state and do not count',
      means: [null, 4, 4, null, 4, 4, 2.9, null, null, 4],
      expected: [null, h, h, h, h, h, a, a, a, r],
    },
    {
      name: 'a first released cycle that is already low is read as acute',
      means: [2, 4, 4],
      expected: [a, r, h],
    },
  ])('$name', ({ means, expected }) => {
    expect(states(series(means))).toEqual(expected);
  });

  it('records the residual and EWMA it classified on', () => {
    const result = assessTrend(series([4, 4, 4, 4, 4, 2.9]));
    const detail = result.cycles[5]!.detail!;
    expect(detail.baseline).toBeCloseTo(4, 12);
    expect(detail.se).toBeCloseTo(0.8 / Math.sqrt(8), 12);
    expect(detail.residual).toBeCloseTo(-1.1 / Math.sqrt(0.1), 10);
    expect(detail.ewma).toBeCloseTo((0.3 * -1.1) / Math.sqrt(0.1), 10);
    expect(detail.pLow).toBeCloseTo(0.6381631, 6);
    expect(detail.low).toBe(false);
    expect(detail.signal).toBe(true);
    expect(result.cycles[0]!.detail!.residual).toBeNull();
  });

  it('classifies on the shrunk mean, so a small team near the org mean is not called low', () => {
    // n 5, sd 0.8: se² = 0.128; w = 0.05/0.178 = 0.281; θ = 0.281·2.6 + 0.719·3.9 = 3.535
    const prior = { mean: 3.9, tau2: 0.05, teams: 40 };
    const raw = series([2.6, 2.6, 2.6], 0.8, 5);
    const shrunk = raw.map((cycle) => ({ ...(cycle as ReleasedCycle), prior }));
    expect(states(raw)).toEqual([a, a, c]);
    expect(states(shrunk)).toEqual([h, h, h]);
    expect(assessTrend(shrunk).cycles[0]!.detail!.shrunk).toBeCloseTo(
      (0.05 / 0.178) * 2.6 + (0.128 / 0.178) * 3.9,
      10,
    );
  });

  it('reads power-over with higher as worse', () => {
    const rising = series([2, 2, 2, 2, 3.1]);
    expect(states(rising, { polarity: 'higherIsWorse' })).toEqual([h, h, h, h, a]);
    const easing = series([3, 3, 3, 3, 1.9]);
    expect(states(easing, { polarity: 'higherIsWorse' })).toEqual([h, h, h, h, h]);
  });

  it('re-learns the baseline when a team settles at a new level that is not low', () => {
    const settled = states(series([4.3, 4.3, 4.3, 4.3, ...Array<number>(12).fill(3.4)]));
    expect(settled).toContain(c);
    expect(settled.at(-1)).toBe(h);
  });

  it.each<{ means: (number | null)[]; sd?: number; n?: number; direction: string }>([
    // se of the difference = √(0.08 + 0.08) = 0.4
    { means: [4, 3.5], direction: 'down' },
    { means: [4, 3.7], direction: 'flat' },
    { means: [3.5, 4], direction: 'up' },
    { means: [4, null, 3.5], direction: 'down' },
    { means: [4], direction: 'none' },
    { means: [null, 4, null], direction: 'none' },
    // n 50: se of the difference = 0.16
    { means: [4, 4.15], n: 50, direction: 'flat' },
    { means: [4, 4.2], n: 50, direction: 'up' },
    // n 1000: se of the difference is 0.036, but arrows need a 0.1 change
    { means: [4, 4.05], n: 1000, direction: 'flat' },
  ])('points $direction for released means $means (n $n)', ({ means, sd, n, direction }) => {
    expect(assessTrend(series(means, sd, n)).direction).toBe(direction);
  });

  it('has no state and no direction for an empty history', () => {
    expect(assessTrend([])).toEqual({ cycles: [], current: null, direction: 'none' });
  });

  it.each<[string, CycleObservation[]]>([
    [
      'cycles out of order',
      [
        { cycle: 2, released: false },
        { cycle: 1, released: false },
      ],
    ],
    ['a mean off the scale', [{ cycle: 1, released: true, mean: 5.5, sd: 1, n: 8 }]],
    ['a negative sd', [{ cycle: 1, released: true, mean: 3, sd: -1, n: 8 }]],
    ['a fractional n', [{ cycle: 1, released: true, mean: 3, sd: 1, n: 7.5 }]],
  ])('refuses %s', (_name, history) => {
    expect(() => assessTrend(history)).toThrow(RangeError);
  });
});

const releasedCycle = fc.record({
  mean: fc.double({ min: 1, max: 5, noNaN: true }),
  sd: fc.double({ min: 0, max: 2, noNaN: true }),
  n: fc.integer({ min: 5, max: 30 }),
});

const withPrior = fc.option(
  fc.record({
    mean: fc.double({ min: 1, max: 5, noNaN: true }),
    tau2: fc.double({ min: 0, max: 1, noNaN: true }),
    teams: fc.constant(20),
  }),
  { nil: undefined },
);

const history = fc
  .array(fc.tuple(releasedCycle, withPrior, fc.nat({ max: 2 })), { minLength: 1, maxLength: 24 })
  .map((entries) => {
    const out: CycleObservation[] = [];
    let cycle = 0;
    for (const [stats, prior, gapsBefore] of entries) {
      for (let i = 0; i < gapsBefore; i += 1) out.push({ cycle: ++cycle, released: false });
      out.push({ cycle: ++cycle, released: true, ...stats, ...(prior ? { prior } : {}) });
    }
    return out;
  });

describe('assessTrend invariants', () => {
  it('changes state only on released cycles', () => {
    fc.assert(
      fc.property(history, (observations) => {
        const { cycles, current } = assessTrend(observations);
        let previous: TrendState | null = null;
        for (const cycle of cycles) {
          if (!cycle.released) expect(cycle.state).toBe(previous);
          else expect(TREND_STATES).toContain(cycle.state);
          previous = cycle.state;
        }
        expect(current).toBe(previous);
      }),
    );
  });

  it('gives the same states whether or not suppressed cycles are listed', () => {
    fc.assert(
      fc.property(history, (observations) => {
        const releasedOnly = observations.filter((cycle) => cycle.released);
        const full = assessTrend(observations).cycles.filter((cycle) => cycle.released);
        const compact = assessTrend(releasedOnly).cycles;
        expect(full.map((cycle) => cycle.state)).toEqual(compact.map((cycle) => cycle.state));
      }),
    );
  });

  it('leaves chronic only after two consecutive good released cycles, and never straight to healthy', () => {
    fc.assert(
      fc.property(history, (observations) => {
        const released = assessTrend(observations).cycles.filter((cycle) => cycle.released);
        for (let i = 1; i < released.length; i += 1) {
          const before = released[i - 1]!;
          const now = released[i]!;
          if (before.state !== 'chronic' || now.state === 'chronic') continue;
          expect(now.state).toBe('repairing');
          for (const cycle of [before, now]) {
            expect(cycle.detail!.low || cycle.detail!.signal).toBe(false);
          }
        }
      }),
    );
  });

  it('enters acute only on a cycle that is low or signalling', () => {
    fc.assert(
      fc.property(history, (observations) => {
        for (const cycle of assessTrend(observations).cycles) {
          if (cycle.released && cycle.state === 'acute') {
            expect(cycle.detail!.low || cycle.detail!.signal).toBe(true);
          }
        }
      }),
    );
  });

  it('treats power-over as the mirror image of a higher-is-better measure', () => {
    fc.assert(
      fc.property(history, (observations) => {
        const mirrored = observations.map((cycle) =>
          cycle.released
            ? {
                ...cycle,
                mean: 6 - cycle.mean,
                ...(cycle.prior ? { prior: { ...cycle.prior, mean: 6 - cycle.prior.mean } } : {}),
              }
            : cycle,
        );
        expect(states(observations, { polarity: 'higherIsWorse', lowCut: 3 })).toEqual(states(mirrored));
      }),
    );
  });

  it('uses the documented defaults', () => {
    expect(DEFAULT_TREND_OPTIONS).toMatchObject({
      lowCut: 3,
      lowProbability: 0.8,
      lambda: 0.3,
      controlLimit: 2.4,
      shockLimit: 3,
      chronicWindow: 4,
      chronicLows: 3,
      signalRun: 3,
      exitRun: 2,
    });
  });
});
