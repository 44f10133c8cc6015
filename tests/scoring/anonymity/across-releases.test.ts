import { describe, expect, it } from 'vitest';
import {
  ANSWER_FRAME_MS,
  cyclesApart,
  type GroupNode,
  InconsistentCountsError,
  type LedgerEntry,
  planRelease,
  type ReleasePlan,
  type ReleaseTiming,
  releasesCombine,
} from '../../../src/scoring/anonymity/index.js';

/**
 * The ledger across releases: what is combined with what (the window rule), under
 * which k (the strictest), and what happens when counts of different releases disagree.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WEEK = 7 * DAY;
const MONTH = 35 * DAY;

/** A release whose answers were given from `opens` for 72 hours. */
function timing(opens: string, periodMs = WEEK): ReleaseTiming {
  const start = Date.parse(opens);
  return { window: { start, end: start + 72 * HOUR }, periodMs };
}

const people = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const A = people('a', 6);
const B = [...A, 'extra'];

function team(key: string, memberIds: readonly string[], respondentCount = memberIds.length): GroupNode {
  return { key, kind: 'team', parentKey: null, memberIds, respondentCount };
}

/** Releases one group as release `releaseKey`, appending what it publishes to `ledger`. */
function release(
  ledger: LedgerEntry[],
  releaseKey: string,
  group: GroupNode,
  when: ReleaseTiming,
  k = 5,
): ReplayResult {
  const plan = planRelease({ releaseKey, timing: when, groups: [group] }, ledger, k, {
    statistics: ['zest'],
  });
  ledger.push(...plan.newLedgerEntries);
  return { plan, decision: [...plan.released, ...plan.suppressed].find((d) => d.groupKey === group.key)! };
}

interface ReplayResult {
  plan: ReleasePlan;
  decision: ReleasePlan['released'][number] | ReleasePlan['suppressed'][number];
}

describe('the window rule', () => {
  it('combines windows that overlap or lie within a cadence period, whatever the calendar says', () => {
    const friday = timing('2026-11-27T10:00:00Z');
    const monday = timing('2026-11-30T10:00:00Z');
    expect(releasesCombine(friday, monday)).toBe(true);
    // Two weeks and a day after Friday's window closed: beyond a week and the two-week frame.
    expect(releasesCombine(friday, timing('2026-12-15T11:00:00Z'))).toBe(false);
    // Within the items' two-week frame, though more than a weekly period apart.
    expect(releasesCombine(friday, timing('2026-12-11T10:00:00Z'))).toBe(true);
  });

  it('uses the longer of the two cadence periods', () => {
    const weekly = timing('2026-12-01T10:00:00Z', WEEK);
    const monthlyLater = timing('2027-01-05T10:00:00Z', MONTH);
    expect(releasesCombine(weekly, monthlyLater)).toBe(true);
    expect(releasesCombine(weekly, timing('2027-01-05T10:00:00Z', WEEK))).toBe(false);
    expect(ANSWER_FRAME_MS).toBe(14 * DAY);
  });

  it('counts cycles apart in the longer period, at least one', () => {
    expect(cyclesApart(timing('2026-12-01T10:00:00Z'), timing('2026-12-08T10:00:00Z'))).toBe(1);
    expect(cyclesApart(timing('2026-12-01T10:00:00Z'), timing('2026-12-14T10:00:00Z'))).toBe(2);
    expect(cyclesApart(timing('2026-12-01T10:00:00Z'), timing('2026-12-02T10:00:00Z'))).toBe(1);
  });

  it('judges a Monday release against a Friday release of the week before', () => {
    const ledger: LedgerEntry[] = [];
    expect(release(ledger, 'r-a', team('a', A), timing('2026-11-27T10:00:00Z')).decision.released).toBe(true);
    const second = release(ledger, 'r-b', team('b', B), timing('2026-11-30T10:00:00Z'));
    expect(second.decision).toMatchObject({
      released: false,
      reason: 'differencing_nested',
      conflictsWith: ['a'],
    });
  });

  it('does not combine releases further apart than the horizon', () => {
    const ledger: LedgerEntry[] = [];
    release(ledger, 'r-a', team('a', A), timing('2026-12-01T10:00:00Z'));
    expect(release(ledger, 'r-b', team('b', B), timing('2027-01-05T10:00:00Z')).decision.released).toBe(true);
  });

  it('judges a team resuming after a pause against what was released meanwhile', () => {
    const ledger: LedgerEntry[] = [];
    release(ledger, 'a-1', team('a', A), timing('2026-12-01T10:00:00Z'));
    expect(release(ledger, 'b-1', team('b', B), timing('2026-12-24T10:00:00Z')).decision.released).toBe(true);
    const resumed = release(ledger, 'a-2', team('a', A), timing('2026-12-29T10:00:00Z'));
    expect(resumed.decision).toMatchObject({
      released: false,
      reason: 'differencing_nested',
      conflictsWith: ['b'],
    });
  });

  it('does not combine a group with its own earlier releases (that is the membership-change rule)', () => {
    const ledger: LedgerEntry[] = [];
    const eight = people('t', 8);
    release(ledger, 'a-1', team('a', eight, 8), timing('2026-12-01T10:00:00Z'));
    const next = release(ledger, 'a-2', team('a', eight, 6), timing('2026-12-08T10:00:00Z'));
    expect(next.decision.released).toBe(true);
  });

  it('holds a group released twice around a new one to every count it was released with', () => {
    const ledger: LedgerEntry[] = [];
    const eight = people('t', 8);
    // Team t (8 invited) released with 6, then 7, respondents; both lie within the horizon.
    release(ledger, 't-1', team('t', eight, 6), timing('2026-11-24T10:00:00Z'));
    release(ledger, 't-2', team('t', eight, 7), timing('2026-12-01T10:00:00Z'));
    const around = [...eight, ...people('o', 6)];
    // 12 answered the wider group: "others" had 12 − 7 = 5 at the least.
    expect(
      release([...ledger], 'w-1', team('w', around, 12), timing('2026-12-02T10:00:00Z')).decision.released,
    ).toBe(true);
    // 11 answered: with t's 7, the others could be only 4.
    expect(
      release([...ledger], 'w-1', team('w', around, 11), timing('2026-12-02T10:00:00Z')).decision,
    ).toMatchObject({
      released: false,
      reason: 'differencing_nested',
    });
  });
});

describe('k only tightens', () => {
  it('judges a k = 6 release against a k = 5 one, and the other way round', () => {
    for (const [first, second] of [
      [5, 6],
      [6, 5],
    ] as const) {
      const ledger: LedgerEntry[] = [];
      expect(
        release(ledger, 'r-a', team('a', A), timing('2026-12-01T10:00:00Z'), first).decision.released,
      ).toBe(true);
      expect(
        release(ledger, 'r-b', team('b', B), timing('2026-12-01T11:00:00Z'), second).decision,
      ).toMatchObject({
        released: false,
        reason: 'differencing_nested',
      });
    }
  });

  it('holds every difference to the strictest k of the releases covering its people', () => {
    const twelve = people('d', 12);
    for (const [kOfEarlier, expected] of [
      [5, true],
      [6, false],
    ] as const) {
      const ledger: LedgerEntry[] = [];
      // A department of 12, 11 answered, released under kOfEarlier.
      release(ledger, 'r-d', team('d', twelve, 11), timing('2026-12-01T10:00:00Z'), kOfEarlier);
      // Half of it released under k = 5 with all six answering: the other half had 5.
      const plan = release(
        ledger,
        'r-h',
        team('h', twelve.slice(0, 6), 6),
        timing('2026-12-01T11:00:00Z'),
        5,
      );
      expect(plan.decision.released, `department released under k = ${kOfEarlier}`).toBe(expected);
    }
  });

  it('does not hold people to a k no release about them promised', () => {
    const ledger: LedgerEntry[] = [];
    expect(
      release(ledger, 'r-a', team('a', people('x', 8)), timing('2026-12-01T10:00:00Z'), 7).decision.released,
    ).toBe(true);
    const elsewhere = team('e', people('e', 6), 5);
    expect(release(ledger, 'r-e', elsewhere, timing('2026-12-01T11:00:00Z'), 5).decision.released).toBe(true);
  });
});

describe('counts that cannot all be true of one set of answers', () => {
  it('suppress the new release instead of failing, when they come from different releases', () => {
    const ledger: LedgerEntry[] = [];
    release(ledger, 'r-a', team('a', A, 6), timing('2026-12-01T10:00:00Z'));
    // Everyone in A answered A's check-in; only five of B's 12 answered B's.
    const wider = [...A, ...people('w', 6)];
    expect(
      release(ledger, 'r-b', team('b', wider, 5), timing('2026-12-01T11:00:00Z')).decision,
    ).toMatchObject({
      released: false,
      reason: 'counts_conflict',
    });
  });

  it('still refuse a tree whose own counts contradict each other', () => {
    const child = team('c', A, 6);
    const parent: GroupNode = { ...team('p', A, 5), kind: 'parent' };
    expect(() =>
      planRelease(
        {
          releaseKey: 'r',
          timing: timing('2026-12-01T10:00:00Z'),
          groups: [{ ...child, parentKey: 'p' }, parent],
        },
        [],
        5,
        { statistics: ['zest'] },
      ),
    ).toThrow(InconsistentCountsError);
  });
});

describe('the membership-change rule', () => {
  const stayers = people('s', 6);
  /** A team release with one measure, `zest`, summing to `sum`. */
  function withSum(
    key: string,
    memberIds: readonly string[],
    respondentCount: number,
    sum: number,
  ): GroupNode {
    return { ...team(key, memberIds, respondentCount), sums: { zest: sum } };
  }

  it('refuses a release that pins a joiner’s answer next to the team’s last release', () => {
    const ledger: LedgerEntry[] = [];
    // Six people answered 3 each; a week later the six answered 4 each and the joiner 5.
    release(ledger, 'w1', withSum('t', stayers, 6, 18), timing('2026-12-01T10:00:00Z'));
    expect(ledger.every((entry) => entry.sum === 18)).toBe(true);
    const next = release(
      ledger,
      'w2',
      withSum('t', [...stayers, 'joiner'], 7, 29),
      timing('2026-12-08T10:00:00Z'),
    );
    expect(next.decision).toMatchObject({
      released: false,
      reason: 'membership_change',
      conflictsWith: ['t'],
    });
    expect(next.plan.newLedgerEntries).toEqual([]);
  });

  it('releases it when the same sums leave the joiner more than one value', () => {
    const ledger: LedgerEntry[] = [];
    release(ledger, 'w1', withSum('t', stayers, 6, 18), timing('2026-12-01T10:00:00Z'));
    // 27: the joiner could have answered 3 (no one moved) up to 5 (two moved down).
    const next = release(
      ledger,
      'w2',
      withSum('t', [...stayers, 'joiner'], 7, 27),
      timing('2026-12-08T10:00:00Z'),
    );
    expect(next.decision.released).toBe(true);
  });

  it('allows a point per cycle between releases further apart', () => {
    const ledger: LedgerEntry[] = [];
    release(ledger, 'w1', withSum('t', stayers, 6, 18), timing('2026-12-01T10:00:00Z'));
    const later = release(
      ledger,
      'w3',
      withSum('t', [...stayers, 'joiner'], 7, 29),
      timing('2026-12-15T10:00:00Z'),
    );
    expect(later.decision.released).toBe(true);
  });

  it('compares releases of other groups of nearly the same people, outside the window rule', () => {
    const ledger: LedgerEntry[] = [];
    release(ledger, 'a1', withSum('a', stayers, 6, 18), timing('2026-12-01T10:00:00Z'));
    // A monthly channel of the same six plus one, six weeks later: beyond the horizon,
    // but one monthly cycle apart.
    const channel = release(
      ledger,
      'c1',
      withSum('c', [...stayers, 'joiner'], 7, 29),
      timing('2027-01-12T10:00:00Z', 35 * DAY),
    );
    expect(releasesCombine(timing('2026-12-01T10:00:00Z'), timing('2027-01-12T10:00:00Z', 35 * DAY))).toBe(
      false,
    );
    expect(channel.decision).toMatchObject({
      released: false,
      reason: 'membership_change',
      conflictsWith: ['a'],
    });
  });

  it('leaves people who only skipped a check-in to the documented residual', () => {
    const ledger: LedgerEntry[] = [];
    const seven = [...stayers, 'seventh'];
    // Same seven invited; six answered, then seven: an edge for the drift reader, but no joiner.
    release(ledger, 'w1', withSum('t', seven, 6, 18), timing('2026-12-01T10:00:00Z'));
    expect(
      release(ledger, 'w2', withSum('t', seven, 7, 29), timing('2026-12-08T10:00:00Z')).decision.released,
    ).toBe(true);
  });
});
