import { HR_BAND_MIN_INVITED, MIN_TEAM_SIZE } from './constants.js';
import { normaliseK } from './k.js';

/**
 * Response information, only ever computed after a cycle closes (design invariant 3:
 * no live counts, because a count moving by one while a lead watches names the person).
 */

export type LeadResponseIndicator = 'enough' | 'not_enough' | 'rolled_up';

function assertCounts(invitedCount: number, respondentCount: number): void {
  if (!Number.isSafeInteger(invitedCount) || invitedCount < 0) {
    throw new RangeError(`invitedCount must be a whole number >= 0, got ${invitedCount}`);
  }
  if (!Number.isSafeInteger(respondentCount) || respondentCount < 0 || respondentCount > invitedCount) {
    throw new RangeError(`respondentCount must be a whole number between 0 and ${invitedCount}`);
  }
}

/**
 * What a team lead sees about participation: one bit. A team too small for its own report
 * gets none ('rolled_up'): with five invited, "enough" would mean "every one of you answered".
 */
export function responseIndicatorForLead(
  group: { readonly invitedCount: number; readonly respondentCount: number },
  k: number,
): LeadResponseIndicator {
  assertCounts(group.invitedCount, group.respondentCount);
  if (group.invitedCount < MIN_TEAM_SIZE) return 'rolled_up';
  return group.respondentCount >= normaliseK(k) ? 'enough' : 'not_enough';
}

export type ResponseRateBand = 'below_40' | '40_to_60' | '60_to_80' | '80_or_more';

export type HrResponseRate =
  | { readonly band: ResponseRateBand }
  | { readonly band: null; readonly reason: 'fewer_than_20_invited' };

/**
 * What HR sees: a coarse band, and only for groups of at least 20 invited, where a band
 * spans several people. Bands are half-open ([40 %, 60 %) …) and compared in integers so
 * a rate on a boundary never depends on floating-point rounding.
 */
export function responseRateBandForHr(group: {
  readonly invitedCount: number;
  readonly respondentCount: number;
}): HrResponseRate {
  const { invitedCount, respondentCount } = group;
  assertCounts(invitedCount, respondentCount);
  if (invitedCount < HR_BAND_MIN_INVITED) return { band: null, reason: 'fewer_than_20_invited' };
  const percent = respondentCount * 100;
  if (percent < invitedCount * 40) return { band: 'below_40' };
  if (percent < invitedCount * 60) return { band: '40_to_60' };
  if (percent < invitedCount * 80) return { band: '60_to_80' };
  return { band: '80_or_more' };
}
