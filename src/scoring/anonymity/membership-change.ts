import type { EarlierRelease } from './earlier-releases.js';
import { cyclesApart, type ReleaseTiming } from './windows.js';

/**
 * The membership-change rule: two releases of almost the same people, far enough apart
 * in time that their answers are not combined exactly (see windows.ts), still let a
 * reader guess at the people who differ when everyone else answers much as before.
 *
 * The reader we guard against assumes that every person who answered both times moved
 * by at most one point per cycle between the two releases (DRIFT_PER_CYCLE), knows who
 * answered each time (the worst case of the threat model) and knows every released sum
 * exactly. For a person who answered only one of the two — a joiner, a leaver, or someone
 * who skipped one check-in — that reader can sometimes narrow their answer down to a
 * single value. This module decides whether that can happen for a pair of releases; the
 * rule (membershipConflicts) refuses releases where it can for a joiner or a leaver.
 *
 * The guard does not know who answered, only how many, so it tries every number of
 * people who could have answered both times and refuses if any of them lets the reader
 * pin an answer. Answers pinned by one release alone (everyone answered 5, or everyone
 * 1) are not counted: that is inherent in publishing a mean, not in comparing two.
 */

/**
 * Points a continuing respondent is assumed to move at most, per measure, from one cycle
 * to the next. Between releases `d` cycles apart the reader allows `d` times as much; from
 * MAX_DRIFT on, the assumption no longer narrows anything down on a 1–5 scale.
 */
export const DRIFT_PER_CYCLE = 1;
const LOW = 1;
const HIGH = 5;
export const MAX_DRIFT = HIGH - LOW;

/** One release of a group as the comparison needs it. */
export interface ComparableRelease {
  readonly memberIds: readonly string[];
  readonly respondentCount: number;
  /** measure → sum of the respondents' answers (each 1..5) */
  readonly sums: Readonly<Record<string, number>>;
}

export interface PinnedAnswer {
  readonly measure: string;
  /** 'earlier': someone who answered only the earlier release; 'later': only the later one */
  readonly side: 'earlier' | 'later';
  readonly value: number;
}

/**
 * Whose answers count: only joiners' and leavers' (people invited to one of the two
 * releases: the membership change), or also those of people who skipped one check-in.
 */
export type PinTargets = 'joiners_and_leavers' | 'anyone';

/**
 * An answer a reader could pin down by comparing the two releases, `cyclesApart` cycles
 * apart, or null. Only measures both releases carry are compared. Everyone counted on one
 * side only shares that side's feasible values, so a side is pinned for a joiner (or
 * leaver) as soon as one of them may be among its one-sided respondents.
 */
export function pinnedByComparison(
  earlier: ComparableRelease,
  later: ComparableRelease,
  cyclesApart = 1,
  targets: PinTargets = 'anyone',
): PinnedAnswer | null {
  const drift = Math.max(1, Math.round(cyclesApart)) * DRIFT_PER_CYCLE;
  if (drift >= MAX_DRIFT) return null;
  const inLater = new Set(later.memberIds);
  const stayers = earlier.memberIds.filter((id) => inLater.has(id)).length;
  const leavers = earlier.memberIds.length - stayers;
  const joiners = later.memberIds.length - stayers;
  const n1 = earlier.respondentCount;
  const n2 = later.respondentCount;
  const measures = Object.keys(earlier.sums).filter((m) => m in later.sums);
  const laterCounts = targets === 'anyone' || joiners > 0;
  const earlierCounts = targets === 'anyone' || leavers > 0;

  for (let both = 0; both <= Math.min(n1, n2, stayers); both += 1) {
    const onlyEarlier = n1 - both;
    const onlyLater = n2 - both;
    // Who answered only one side: leavers (or joiners) first, then stayers who skipped one.
    const skippers = Math.max(0, onlyEarlier - leavers) + Math.max(0, onlyLater - joiners);
    if (skippers > stayers - both) continue;
    for (const measure of measures) {
      const s1 = earlier.sums[measure] as number;
      const s2 = later.sums[measure] as number;
      const later1 = laterCounts ? pinnedOneSide(s1, onlyEarlier, s2, onlyLater, both, drift) : null;
      if (later1 !== null && !pinnedByOneRelease(s2, n2)) {
        return { measure, side: 'later', value: later1 };
      }
      const earlier1 = earlierCounts ? pinnedOneSide(s2, onlyLater, s1, onlyEarlier, both, drift) : null;
      if (earlier1 !== null && !pinnedByOneRelease(s1, n1)) {
        return { measure, side: 'earlier', value: earlier1 };
      }
    }
  }
  return null;
}

/**
 * The single value a person counted only in the target side (`targetSum` over
 * `targetOnly` + `both` respondents) must have answered, given the other side's sum, or
 * null when more than one value fits. `both` people answered both times and moved by
 * at most `drift`; the people counted on one side only are free within the scale.
 *
 * The continuing respondents' totals (A on the other side, B on the target side) can be
 * any pair with both·LOW ≤ A, B ≤ both·HIGH and |A − B| ≤ both·drift: every such pair is
 * reachable one person at a time, so the feasible totals are intervals and the feasible
 * values of the target one interval, computed without search.
 */
function pinnedOneSide(
  otherSum: number,
  otherOnly: number,
  targetSum: number,
  targetOnly: number,
  both: number,
  drift: number,
): number | null {
  if (targetOnly < 1) return null;
  const aLow = Math.max(both * LOW, otherSum - otherOnly * HIGH);
  const aHigh = Math.min(both * HIGH, otherSum - otherOnly * LOW);
  if (aLow > aHigh) return null; // this many continuing respondents cannot explain the other sum
  const bLow = Math.max(both * LOW, aLow - both * drift);
  const bHigh = Math.min(both * HIGH, aHigh + both * drift);
  const rest = targetOnly - 1;
  const valueLow = Math.max(LOW, targetSum - bHigh - rest * HIGH);
  const valueHigh = Math.min(HIGH, targetSum - bLow - rest * LOW);
  return valueLow === valueHigh ? valueLow : null;
}

/**
 * The earlier releases (by group key) that the new release of `group` may not be
 * published next to: releases of nearly the same people — invited sets differing by at
 * least one and fewer than k — close enough in time for the drift reader to pin a
 * joiner's or leaver's answer. (People who only skipped a check-in are left out on
 * purpose: docs/privacy.md gives the measured reasons.)
 */
export function membershipConflicts(
  group: ComparableRelease,
  timing: ReleaseTiming,
  earlier: readonly EarlierRelease[],
  k: number,
): string[] {
  const members = new Set(group.memberIds);
  const conflicts = new Set<string>();
  for (const release of earlier) {
    const shared = release.memberIds.filter((id) => members.has(id)).length;
    if (shared === 0) continue;
    const differ = release.memberIds.length + members.size - 2 * shared;
    if (differ === 0 || differ >= Math.max(k, release.k)) continue;
    const apart = cyclesApart(release.timing, timing);
    if (apart * DRIFT_PER_CYCLE >= MAX_DRIFT) continue;
    const releaseFirst = release.timing.window.start <= timing.window.start;
    const pinned = releaseFirst
      ? pinnedByComparison(release, group, apart, 'joiners_and_leavers')
      : pinnedByComparison(group, release, apart, 'joiners_and_leavers');
    if (pinned) conflicts.add(release.groupKey);
  }
  return [...conflicts].sort();
}

/** Everyone in one release gave the same extreme answer: the mean alone says so. */
function pinnedByOneRelease(sum: number, respondents: number): boolean {
  return sum === respondents * LOW || sum === respondents * HIGH;
}
