import { describe, expect, it } from 'vitest';
import { findIsolatedSet, inRowSpan } from './attacker.js';

const indicator = (width: number, ones: readonly number[]) =>
  Array.from({ length: width }, (_, i) => (ones.includes(i) ? 1 : 0));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('the test attacker itself', () => {
  it('finds one person as the difference of a group and its subgroup', () => {
    expect(findIsolatedSet([indicator(6, range(0, 6)), indicator(6, range(0, 5))], 5)).toEqual([5]);
  });

  it('finds sets that need fractional combinations', () => {
    // (a − b + c) / 2 = people 0, 1, 2 (and similarly 3–5, 6–8): no difference of two
    // released groups shows any of them, only a half-integer combination does.
    const a = indicator(9, range(0, 6));
    const b = indicator(9, range(3, 9));
    const c = indicator(9, [0, 1, 2, 6, 7, 8]);
    expect([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]).toContainEqual(findIsolatedSet([a, b, c], 5));
  });

  it('finds nothing when every derivable set has at least k people', () => {
    expect(findIsolatedSet([indicator(10, range(0, 5)), indicator(10, range(5, 10))], 5)).toBeNull();
    expect(findIsolatedSet([indicator(10, range(0, 10)), indicator(10, range(0, 5))], 5)).toBeNull();
    expect(findIsolatedSet([], 5)).toBeNull();
  });

  it('answers span membership exactly', () => {
    const rows = [indicator(4, [0, 1]), indicator(4, [1, 2])];
    expect(inRowSpan(rows, [1, 0, -1, 0])).toBe(true);
    expect(inRowSpan(rows, [0, 0, 0, 1])).toBe(false);
  });
});
