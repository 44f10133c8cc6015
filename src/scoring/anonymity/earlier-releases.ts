import { COMMENTS_STATISTIC } from './constants.js';
import { MAX_DRIFT } from './membership-change.js';
import type { GroupTree, LedgerEntry } from './types.js';
import { ANSWER_FRAME_MS, type ReleaseTiming, releasesCombine } from './windows.js';

/**
 * Sorts what was released before into the three ways the guard uses it:
 * - `own`: earlier plans of this same release (same answers): combined exactly;
 * - `combined`: releases of other groups whose answer windows lie close to this one's
 *   (windows.ts): combined as if their people had answered alike, the worst case;
 * - `earlier`: everything else that may matter — the groups' own earlier releases and
 *   releases further away in time — which the membership-change rule compares with.
 */
export interface SortedLedger {
  readonly own: readonly LedgerEntry[];
  readonly combined: readonly LedgerEntry[];
  readonly earlier: readonly LedgerEntry[];
}

export function sortLedger(tree: GroupTree, ledger: readonly LedgerEntry[]): SortedLedger {
  const own = ledger.filter((entry) => entry.releaseKey === tree.releaseKey);
  // A group's other releases are its history, not a second view of the same answers.
  const sameGroups = new Set([...tree.groups.map((g) => g.key), ...own.map((e) => e.groupKey)]);
  const combined: LedgerEntry[] = [];
  const earlier: LedgerEntry[] = [];
  for (const entry of ledger) {
    if (entry.releaseKey === tree.releaseKey) continue;
    if (!sameGroups.has(entry.groupKey) && releasesCombine(entry.timing, tree.timing)) combined.push(entry);
    else earlier.push(entry);
  }
  return { own, combined, earlier };
}

/** What this release's own earlier plans say about one group. */
export interface OwnSnapshot {
  readonly memberIds: readonly string[];
  readonly respondentCount: number;
  /** False when two entries of the same group in this release disagree. */
  readonly consistent: boolean;
}

export function summariseOwn(entries: readonly LedgerEntry[]): Map<string, OwnSnapshot> {
  const byGroup = new Map<string, OwnSnapshot>();
  for (const entry of entries) {
    const memberIds = [...entry.memberIds].sort();
    const known = byGroup.get(entry.groupKey);
    if (!known) {
      byGroup.set(entry.groupKey, { memberIds, respondentCount: entry.respondentCount, consistent: true });
      continue;
    }
    const same = known.respondentCount === entry.respondentCount && sameIds(known.memberIds, memberIds);
    if (!same) byGroup.set(entry.groupKey, { ...known, consistent: false });
  }
  return byGroup;
}

/**
 * One group's member set as released (possibly several times) around this release.
 * Releases of the same members with different counts merge into one range: each is a
 * true count of the same people at some time, so the guard's bounds must hold for all.
 */
export interface CombinedVariant {
  readonly groupKey: string;
  readonly memberIds: readonly string[];
  readonly minRespondents: number;
  readonly maxRespondents: number;
  /** the strictest k it was released under */
  readonly k: number;
}

export function combinedVariants(entries: readonly LedgerEntry[]): CombinedVariant[] {
  const variants = new Map<
    string,
    { groupKey: string; memberIds: string[]; min: number; max: number; k: number }
  >();
  for (const entry of entries) {
    const memberIds = [...entry.memberIds].sort();
    const key = `${entry.groupKey}\u0000${memberIds.join('\u0000')}`;
    const known = variants.get(key);
    if (known) {
      known.min = Math.min(known.min, entry.respondentCount);
      known.max = Math.max(known.max, entry.respondentCount);
      known.k = Math.max(known.k, entry.k);
    } else {
      variants.set(key, {
        groupKey: entry.groupKey,
        memberIds,
        min: entry.respondentCount,
        max: entry.respondentCount,
        k: entry.k,
      });
    }
  }
  return [...variants.values()]
    .map((v) => ({
      groupKey: v.groupKey,
      memberIds: v.memberIds,
      minRespondents: v.min,
      maxRespondents: v.max,
      k: v.k,
    }))
    .sort(
      (a, b) =>
        compareStrings(a.groupKey, b.groupKey) || compareStrings(a.memberIds.join(), b.memberIds.join()),
    );
}

/** One earlier release of one group, with the sums the membership-change rule compares. */
export interface EarlierRelease {
  readonly groupKey: string;
  readonly releaseKey: string;
  readonly memberIds: readonly string[];
  readonly respondentCount: number;
  readonly k: number;
  readonly timing: ReleaseTiming;
  readonly sums: Readonly<Record<string, number>>;
}

export function earlierReleases(entries: readonly LedgerEntry[]): EarlierRelease[] {
  const releases = new Map<string, { release: EarlierRelease; sums: Record<string, number> }>();
  for (const entry of entries) {
    if (entry.statistic === COMMENTS_STATISTIC) continue;
    const key = `${entry.groupKey}\u0000${entry.releaseKey}`;
    let known = releases.get(key);
    if (!known) {
      const sums: Record<string, number> = {};
      known = {
        sums,
        release: {
          groupKey: entry.groupKey,
          releaseKey: entry.releaseKey,
          memberIds: entry.memberIds,
          respondentCount: entry.respondentCount,
          k: entry.k,
          timing: entry.timing,
          sums,
        },
      };
      releases.set(key, known);
    }
    if (typeof entry.sum === 'number' && Number.isSafeInteger(entry.sum))
      known.sums[entry.statistic] = entry.sum;
  }
  return [...releases.values()].map((r) => r.release);
}

export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * How far from a release (in either direction) an earlier release can still matter:
 * the window rule reaches one horizon, the membership-change rule fewer than MAX_DRIFT
 * cycles of the longest cadence period in use.
 */
export function ledgerReachMs(longestPeriodMs: number): number {
  return Math.max(ANSWER_FRAME_MS, longestPeriodMs) * MAX_DRIFT;
}
