import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedIncompleteBeta,
  regularizedUpperGamma,
  studentTCdf,
  studentTQuantile,
} from '../../src/scoring/distributions.js';

describe('studentTQuantile', () => {
  // Two-sided 95% critical values from standard t tables.
  it.each([
    [1, 12.7062047],
    [2, 4.30265273],
    [3, 3.18244631],
    [4, 2.77644511],
    [5, 2.57058184],
    [6, 2.44691185],
    [7, 2.36462425],
    [9, 2.26215716],
    [10, 2.22813885],
    [15, 2.13144955],
    [20, 2.08596345],
    [29, 2.04522964],
    [30, 2.04227246],
    [60, 2.00029782],
    [120, 1.97993041],
  ])('gives the 97.5th percentile with %i df as %f', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 7);
  });

  it.each([
    [0.9, 5, 1.47588405],
    [0.95, 5, 2.01504837],
    [0.99, 5, 3.36493],
    [0.995, 5, 4.03214298],
    [0.9995, 5, 6.86882663],
    [0.9995, 1, 636.6192488],
    [0.75, 1, 1],
  ])('gives the %f quantile with %i df as %f', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 5);
  });

  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), (p) => {
        const cauchy = Math.tan(Math.PI * (p - 0.5));
        const two = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
        expect(studentTQuantile(p, 1)).toBeCloseTo(cauchy, 8);
        expect(studentTQuantile(p, 2)).toBeCloseTo(two, 8);
      }),
    );
  });

  it('is symmetric, zero at the median and inverts the CDF', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.0005, max: 0.9995, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (p, df) => {
          const t = studentTQuantile(p, df);
          expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 7);
          expect(studentTCdf(t, df)).toBeCloseTo(p, 10);
        },
      ),
    );
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });

  it('approaches the normal quantile as df grows', () => {
    expect(studentTQuantile(0.975, 100_000)).toBeCloseTo(1.959964, 4);
  });

  it.each([[0], [1], [-0.1], [Number.NaN]])('rejects p = %f', (p) => {
    expect(() => studentTQuantile(p, 5)).toThrow(RangeError);
  });

  it('rejects non-positive degrees of freedom', () => {
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });
});

describe('studentTCdf', () => {
  it.each([
    [1, 3, 0.80449889],
    [2.5, 10, 0.98427658],
    [-0.7, 7, 0.25325878],
    [0, 4, 0.5],
  ])('P(T ≤ %f) with %i df is %f', (t, df, expected) => {
    expect(studentTCdf(t, df)).toBeCloseTo(expected, 7);
  });
});

describe('normal distribution', () => {
  it.each([
    [1.96, 0.9750021],
    [-1, 0.15865525],
    [0, 0.5],
    [3, 0.9986501],
    [-5, 2.8665157e-7],
  ])('Φ(%f) is %f', (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 7);
  });

  it('is relatively precise far out in the lower tail', () => {
    expect(normalCdf(-5) / 2.8665157187919e-7).toBeCloseTo(1, 8);
  });

  it.each([
    [0.975, 1.95996398],
    [0.8, 0.84162123],
    [0.5, 0],
    [0.05, -1.64485363],
  ])('Φ⁻¹(%f) is %f', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 7);
  });
});

describe('special functions', () => {
  it.each([
    [5, Math.log(24)],
    [1, 0],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [10, Math.log(362_880)],
    [0.1, Math.log(9.51350769866873)],
  ])('logGamma(%f) matches ln Γ', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 10);
  });

  it('gives I_x(1, 1) = x, I_x(a, 1) = x^a and I_½(a, a) = ½', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 30, noNaN: true }),
        (x, a) => {
          expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 12);
          expect(regularizedIncompleteBeta(x, a, 1)).toBeCloseTo(x ** a, 10);
          expect(regularizedIncompleteBeta(0.5, a, a)).toBeCloseTo(0.5, 10);
        },
      ),
    );
  });

  it('gives Q(1, x) = e^−x', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50, noNaN: true }), (x) => {
        expect(regularizedUpperGamma(1, x)).toBeCloseTo(Math.exp(-x), 12);
      }),
    );
  });
});
