import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMENT_MIN_RESPONDENTS,
  type GroupTree,
  type LedgerEntry,
  MIN_TEAM_SIZE,
  planRelease,
} from '../../../src/scoring/anonymity/index.js';
import { findIsolatedSet } from './attacker.js';
import { CYCLE, type Instance, instanceArb, releasedVectors, STATISTICS, TIMING } from './instances.js';

const options = { statistics: STATISTICS, commentsEnabled: true };

/** Releases a world in one plan, or in two plans joined by the ledger (channels later or first). */
function releaseAll(instance: Instance, split: 'one' | 'channelsLater' | 'channelsFirst'): LedgerEntry[] {
  const { tree, k, channelKeys } = instance;
  if (split === 'one') return [...planRelease(tree, [], k, options).newLedgerEntries];
  const isChannel = (key: string) => channelKeys.includes(key);
  const first: GroupTree = {
    releaseKey: CYCLE,
    timing: TIMING,
    groups: tree.groups.filter((g) => isChannel(g.key) === (split === 'channelsFirst')),
  };
  const ledger = [...planRelease(first, [], k, options).newLedgerEntries];
  return [...ledger, ...planRelease(tree, ledger, k, options).newLedgerEntries];
}

const splitArb = fc.constantFrom('one', 'channelsLater', 'channelsFirst') as fc.Arbitrary<
  'one' | 'channelsLater' | 'channelsFirst'
>;

describe('planRelease against a linear-algebra attacker', () => {
  it('never lets released sums isolate fewer than k respondents', () => {
    fc.assert(
      fc.property(instanceArb, splitArb, (instance, split) => {
        const ledger = releaseAll(instance, split);
        const vectors = releasedVectors(ledger, instance.people, instance.responded, 'scores');
        expect(findIsolatedSet(vectors, instance.k)).toBeNull();
      }),
      { numRuns: 1500 },
    );
  });

  it('never lets released comment sets isolate fewer than the comment minimum', () => {
    fc.assert(
      fc.property(instanceArb, splitArb, (instance, split) => {
        const ledger = releaseAll(instance, split);
        const vectors = releasedVectors(ledger, instance.people, instance.responded, 'comments');
        expect(findIsolatedSet(vectors, Math.max(COMMENT_MIN_RESPONDENTS, instance.k))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('has teeth: the same attacker breaks a naive "release every group with k respondents" policy', () => {
    const naive = fc.check(
      fc.property(instanceArb, (instance) => {
        const released = instance.tree.groups.filter(
          (g) => g.respondentCount >= instance.k && g.memberIds.length >= MIN_TEAM_SIZE,
        );
        const vectors = released.map((g) =>
          instance.people.map((id) => (g.memberIds.includes(id) && instance.responded.has(id) ? 1 : 0)),
        );
        return findIsolatedSet(vectors, instance.k) === null;
      }),
      { numRuns: 400, seed: 42 },
    );
    expect(naive.failed).toBe(true);
  });
});

describe('the random worlds are worth attacking', () => {
  // Guards the guard's test: if the generator drifted to worlds where almost nothing is
  // released, the attacker property above would pass without meaning anything.
  it('often release several groups, and usually break the naive policy', () => {
    const samples = fc.sample(instanceArb, { numRuns: 300, seed: 7 });
    let several = 0;
    let naiveBroken = 0;
    for (const instance of samples) {
      if (planRelease(instance.tree, [], instance.k, options).released.length >= 2) several += 1;
      const naive = instance.tree.groups
        .filter((g) => g.respondentCount >= instance.k && g.memberIds.length >= MIN_TEAM_SIZE)
        .map((g) =>
          instance.people.map((id) => (g.memberIds.includes(id) && instance.responded.has(id) ? 1 : 0)),
        );
      if (findIsolatedSet(naive, instance.k) !== null) naiveBroken += 1;
    }
    expect(several / samples.length).toBeGreaterThan(0.3);
    expect(naiveBroken / samples.length).toBeGreaterThan(0.5);
  });
});

describe('planRelease invariants', () => {
  it('releases only groups of at least MIN_TEAM_SIZE invited and k respondents, each exactly once', () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const plan = planRelease(instance.tree, [], instance.k, options);
        for (const decision of plan.released) {
          expect(decision.respondentCount).toBeGreaterThanOrEqual(instance.k);
          expect(decision.invitedCount).toBeGreaterThanOrEqual(MIN_TEAM_SIZE);
          if (decision.comments.released) {
            expect(decision.respondentCount).toBeGreaterThanOrEqual(COMMENT_MIN_RESPONDENTS);
          }
        }
        const keys = [...plan.released, ...plan.suppressed].map((d) => d.groupKey).sort();
        expect(keys).toEqual(instance.tree.groups.map((g) => g.key).sort());
        const scoreEntries = plan.newLedgerEntries.filter((e) => e.statistic !== 'comments');
        expect(scoreEntries).toHaveLength(plan.released.length * STATISTICS.length);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order the groups arrive in', () => {
    fc.assert(
      fc.property(
        instanceArb.chain((instance) =>
          fc.tuple(
            fc.constant(instance),
            fc.shuffledSubarray([...instance.tree.groups], {
              minLength: instance.tree.groups.length,
            }),
          ),
        ),
        ([instance, shuffled]) => {
          const a = planRelease(instance.tree, [], instance.k, options);
          const b = planRelease(
            { releaseKey: CYCLE, timing: TIMING, groups: shuffled },
            [],
            instance.k,
            options,
          );
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('re-planning with its own ledger adds nothing and changes no decision', () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const first = planRelease(instance.tree, [], instance.k, options);
        const again = planRelease(instance.tree, first.newLedgerEntries, instance.k, options);
        expect(again.newLedgerEntries).toEqual([]);
        expect(again.released.map((d) => d.groupKey)).toEqual(first.released.map((d) => d.groupKey));
      }),
      { numRuns: 100 },
    );
  });
});
