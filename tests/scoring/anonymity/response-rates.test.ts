import { describe, expect, it } from 'vitest';
import { responseIndicatorForLead, responseRateBandForHr } from '../../../src/scoring/anonymity/index.js';

describe('responseIndicatorForLead', () => {
  it.each([
    [6, 5, 5, 'enough'],
    [6, 4, 5, 'not_enough'],
    [10, 6, 7, 'not_enough'],
    [10, 7, 7, 'enough'],
    [5, 5, 5, 'rolled_up'],
    [0, 0, 5, 'rolled_up'],
  ] as const)('%i invited, %i answered, k %i → %s', (invitedCount, respondentCount, k, expected) => {
    expect(responseIndicatorForLead({ invitedCount, respondentCount }, k)).toBe(expected);
  });

  it('rejects impossible counts and a k below 5', () => {
    expect(() => responseIndicatorForLead({ invitedCount: 6, respondentCount: 7 }, 5)).toThrow(RangeError);
    expect(() => responseIndicatorForLead({ invitedCount: 6, respondentCount: 5 }, 4)).toThrow(/at least 5/);
  });
});

describe('responseRateBandForHr', () => {
  it.each([
    [20, 0, 'below_40'],
    [20, 7, 'below_40'],
    [20, 8, '40_to_60'],
    [20, 11, '40_to_60'],
    [20, 12, '60_to_80'],
    [20, 15, '60_to_80'],
    [20, 16, '80_or_more'],
    [20, 20, '80_or_more'],
    [30, 12, '40_to_60'],
    [30, 11, 'below_40'],
    [30, 24, '80_or_more'],
  ] as const)('%i invited, %i answered → %s', (invitedCount, respondentCount, band) => {
    expect(responseRateBandForHr({ invitedCount, respondentCount })).toEqual({ band });
  });

  it('gives no band below 20 invited', () => {
    expect(responseRateBandForHr({ invitedCount: 19, respondentCount: 19 })).toEqual({
      band: null,
      reason: 'fewer_than_20_invited',
    });
  });
});
