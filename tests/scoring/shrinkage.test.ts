import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimatePrior, MIN_TEAMS_FOR_SHRINKAGE, shrink } from '../../src/scoring/shrinkage.js';

describe('estimatePrior', () => {
  it.each([
    // means 3, 4, 5: s² = 1; mean se² = 0.25 → τ² = 0.75; equal n → org mean 4
    { teams: [3, 4, 5].map((mean) => ({ mean, se: 0.5, n: 10 })), mean: 4, tau2: 0.75 },
    // respondent-weighted org mean (15 + 20 + 50) / 20 = 4.25; same τ²
    {
      teams: [
        { mean: 3, se: 0.5, n: 5 },
        { mean: 4, se: 0.5, n: 5 },
        { mean: 5, se: 0.5, n: 10 },
      ],
      mean: 4.25,
      tau2: 0.75,
    },
    // s² = 0.01 is below the noise 0.25: τ² floors at 0
    { teams: [3.9, 4, 4.1].map((mean) => ({ mean, se: 0.5, n: 8 })), mean: 4, tau2: 0 },
    // se² = 0.04, 0.09, 0.16, 0.25 → mean 0.135; means 2, 3, 4, 5: s² = 5/3 → τ² = 1.531667
    {
      teams: [
        { mean: 2, se: 0.2 },
        { mean: 3, se: 0.3 },
        { mean: 4, se: 0.4 },
        { mean: 5, se: 0.5 },
      ],
      mean: 3.5,
      tau2: 5 / 3 - 0.135,
    },
  ])('estimates org mean $mean and τ² $tau2 by the method of moments', ({ teams, mean, tau2 }) => {
    const prior = estimatePrior(teams)!;
    expect(prior.mean).toBeCloseTo(mean, 10);
    expect(prior.tau2).toBeCloseTo(tau2, 10);
    expect(prior.teams).toBe(teams.length);
  });

  it('uses a given organisation mean instead of the weighted team means', () => {
    expect(
      estimatePrior(
        [3, 4, 5].map((mean) => ({ mean, se: 0.5 })),
        3.7,
      )!.mean,
    ).toBe(3.7);
  });

  it(`declines to estimate from fewer than ${MIN_TEAMS_FOR_SHRINKAGE} teams`, () => {
    expect(
      estimatePrior([
        { mean: 3, se: 0.3 },
        { mean: 4, se: 0.3 },
      ]),
    ).toBeNull();
  });

  it('refuses a negative standard error', () => {
    expect(() => estimatePrior([3, 4, 5].map((mean) => ({ mean, se: -1 })))).toThrow(RangeError);
  });
});

describe('shrink', () => {
  const prior = { mean: 4, tau2: 0.75, teams: 3 };

  it.each([
    // w = 0.75 / (0.75 + 0.25) = 0.75; θ = 0.75·5 + 0.25·4 = 4.75; v = 0.75·0.25
    { mean: 5, se: 0.5, estimate: 4.75, weight: 0.75, variance: 0.1875 },
    // w = 0.75 / (0.75 + 0.75) = 0.5; θ = 0.5·2.5 + 0.5·4 = 3.25
    { mean: 2.5, se: Math.sqrt(0.75), estimate: 3.25, weight: 0.5, variance: 0.375 },
  ])('pulls a mean of $mean (se $se) to $estimate', ({ mean, se, estimate, weight, variance }) => {
    const result = shrink({ mean, se }, prior);
    expect(result.estimate).toBeCloseTo(estimate, 10);
    expect(result.weight).toBeCloseTo(weight, 10);
    expect(result.variance).toBeCloseTo(variance, 10);
  });

  it('pulls all the way to the org mean when teams do not differ (τ² = 0)', () => {
    expect(shrink({ mean: 2, se: 0.3 }, { mean: 4, tau2: 0, teams: 10 })).toEqual({
      estimate: 4,
      weight: 0,
      variance: 0,
    });
  });

  it('leaves the raw mean alone without a prior', () => {
    expect(shrink({ mean: 2, se: 0.3 }, null)).toEqual({ estimate: 2, weight: 1, variance: 0.09 });
  });

  it('lies between the raw mean and the org mean, and trusts bigger teams more', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        (mean, orgMean, tau2, se) => {
          const p = { mean: orgMean, tau2, teams: 10 };
          const result = shrink({ mean, se }, p);
          expect(result.estimate).toBeGreaterThanOrEqual(Math.min(mean, orgMean) - 1e-12);
          expect(result.estimate).toBeLessThanOrEqual(Math.max(mean, orgMean) + 1e-12);
          expect(result.weight).toBeGreaterThanOrEqual(0);
          expect(result.weight).toBeLessThanOrEqual(1);
          expect(result.variance).toBeLessThanOrEqual(se ** 2 + 1e-12);
          expect(shrink({ mean, se: se / 2 }, p).weight).toBeGreaterThanOrEqual(result.weight);
        },
      ),
    );
  });
});
