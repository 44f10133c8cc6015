import { describe, expect, it } from 'vitest';
import { cryptoRng } from '../../src/privacy/crypto-rng.js';

describe('cryptoRng', () => {
  it('returns numbers in [0, 1) spread over the whole interval', () => {
    const draws = Array.from({ length: 4_000 }, () => cryptoRng());
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    // Each tenth of the interval holds 10% ± 3% of draws (about 6 standard errors).
    const bins = new Array<number>(10).fill(0);
    for (const x of draws) bins[Math.floor(x * 10)]! += 1;
    for (const count of bins) expect(Math.abs(count / draws.length - 0.1)).toBeLessThan(0.03);
  });
});
