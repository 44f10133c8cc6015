import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { likertDraw, mulberry32, normalDraw } from '../../src/scoring/random.js';

describe('seeded randomness', () => {
  it('repeats the same stream for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 100; i += 1) expect(a()).toBe(b());
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it('stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = mulberry32(seed);
        for (let i = 0; i < 50; i += 1) {
          const u = rng();
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThan(1);
        }
      }),
    );
  });

  it('draws standard normals with mean 0 and variance 1', () => {
    const rng = mulberry32(7);
    const draws = Array.from({ length: 20_000 }, () => normalDraw(rng));
    const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
    const variance = draws.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (draws.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });

  it('draws Likert answers on the 1–5 scale', () => {
    const rng = mulberry32(3);
    const values = new Set(Array.from({ length: 2_000 }, () => likertDraw(rng, 3, 1.5)));
    expect(values).toEqual(new Set([1, 2, 3, 4, 5]));
  });
});
