import { describe, expect, it } from 'vitest';
import {
  AnonymityThresholdError,
  assertKUnchanged,
  MIN_K,
  normaliseK,
} from '../../../src/scoring/anonymity/index.js';

describe('k', () => {
  it('defaults to 5 and may only be raised', () => {
    expect(MIN_K).toBe(5);
    expect(normaliseK()).toBe(5);
    expect(normaliseK(null)).toBe(5);
    expect(normaliseK(5)).toBe(5);
    expect(normaliseK(8)).toBe(8);
  });

  it.each([4, 0, -5, 5.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s', (k) => {
    expect(() => normaliseK(k)).toThrow(AnonymityThresholdError);
  });

  it('explains the floor in the error', () => {
    expect(() => normaliseK(3)).toThrow(/at least 5 respondents/);
  });

  it('keeps the k a cycle opened with', () => {
    expect(assertKUnchanged(6, 6)).toBe(6);
    expect(() => assertKUnchanged(6, 5)).toThrow(/opened with k = 6/);
    expect(() => assertKUnchanged(5, 7)).toThrow(AnonymityThresholdError);
    expect(() => assertKUnchanged(4, 4)).toThrow(AnonymityThresholdError);
  });
});
