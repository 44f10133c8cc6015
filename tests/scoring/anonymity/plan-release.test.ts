import { describe, expect, it } from 'vitest';
import {
  AnonymityThresholdError,
  type GroupNode,
  GroupTreeError,
  InconsistentCountsError,
  type LedgerEntry,
  planRelease,
  type ReleasePlan,
} from '../../../src/scoring/anonymity/index.js';
import { findIsolatedSet, inRowSpan } from './attacker.js';
import { CYCLE, TIMING } from './instances.js';

/**
 * A small hand-built world. `team` creates `invited` members of whom the first
 * `respondents` answered; parents list everyone below them (plus optional direct members).
 */
class World {
  readonly groups: GroupNode[] = [];
  readonly responded = new Set<string>();
  private readonly members = new Map<string, string[]>();

  people(prefix: string, invited: number, respondents: number): string[] {
    const ids = Array.from({ length: invited }, (_, i) => `${prefix}-${i}`);
    for (const id of ids.slice(0, respondents)) this.responded.add(id);
    return ids;
  }

  add(
    key: string,
    kind: GroupNode['kind'],
    parentKey: string | null,
    memberIds: readonly string[],
    podKey: string | null = null,
  ): this {
    this.members.set(key, [...memberIds]);
    this.groups.push({
      key,
      kind,
      parentKey,
      podKey,
      memberIds,
      respondentCount: memberIds.filter((id) => this.responded.has(id)).length,
    });
    return this;
  }

  team(key: string, parentKey: string | null, invited: number, respondents: number, podKey?: string): this {
    return this.add(key, 'team', parentKey, this.people(key, invited, respondents), podKey ?? null);
  }

  /** A parent made of the named children plus `direct` members of its own. */
  parent(key: string, parentKey: string | null, children: string[], direct: [number, number] = [0, 0]): this {
    const ids = [...children.flatMap((c) => this.members.get(c) ?? []), ...this.people(key, ...direct)];
    return this.add(key, 'parent', parentKey, ids);
  }

  plan(ledger: readonly LedgerEntry[] = [], k = 5, commentsEnabled = false): ReleasePlan {
    // Children were added before their parents; the guard must not care about order.
    return planRelease({ releaseKey: CYCLE, timing: TIMING, groups: this.groups }, ledger, k, {
      statistics: ['zest', 'connectionIndex'],
      commentsEnabled,
    });
  }

  everyone(): string[] {
    return [...new Set(this.groups.flatMap((g) => g.memberIds))].sort();
  }

  /** Respondent indicator vectors of what a ledger released. */
  vectors(ledger: readonly LedgerEntry[]): number[][] {
    return [...new Map(ledger.map((e) => [e.groupKey, e.memberIds])).values()].map((ids) =>
      this.everyone().map((id) => (ids.includes(id) && this.responded.has(id) ? 1 : 0)),
    );
  }

  /** +1 on `plus`, `sign` on `minus`, 0 elsewhere. */
  vector(plus: readonly string[], sign: number, minus: readonly string[]): number[] {
    return this.everyone().map((id) => (plus.includes(id) ? 1 : minus.includes(id) ? sign : 0));
  }

  /** The attacker's view of a ledger: can it isolate 1..k-1 respondents? */
  attack(ledger: readonly LedgerEntry[], k = 5): string[] | null {
    const everyone = this.everyone();
    return findIsolatedSet(this.vectors(ledger), k)?.map((i) => everyone[i] as string) ?? null;
  }

  naiveLedger(k = 5): LedgerEntry[] {
    return this.groups
      .filter((g) => g.respondentCount >= k && g.memberIds.length >= 6)
      .map((g) => ({
        groupKey: g.key,
        releaseKey: CYCLE,
        timing: TIMING,
        statistic: 'zest',
        respondentCount: g.respondentCount,
        memberIds: g.memberIds,
        k,
      }));
  }
}

const keys = (plan: ReleasePlan) => plan.released.map((d) => d.groupKey).sort();
const decision = (plan: ReleasePlan, key: string) => plan.suppressed.find((d) => d.groupKey === key);

describe('named attacks', () => {
  it('parent minus a hidden child: the next-smallest sibling is hidden too', () => {
    const world = new World()
      .team('a', 'dept', 8, 8)
      .team('b', 'dept', 7, 6)
      .team('c', 'dept', 6, 5)
      .team('d', 'dept', 6, 4)
      .parent('dept', null, ['a', 'b', 'c', 'd']);
    expect(world.attack(world.naiveLedger())).toHaveLength(4);

    const plan = world.plan();
    expect(keys(plan)).toEqual(['a', 'b', 'dept']);
    expect(decision(plan, 'd')?.reason).toBe('below_k');
    expect(decision(plan, 'c')).toMatchObject({ reason: 'complementary', conflictsWith: ['a', 'b', 'dept'] });
    expect(world.attack(plan.newLedgerEntries)).toBeNull();
  });

  it('sibling complementary suppression stops once the hidden total reaches k', () => {
    const enough = new World()
      .team('a', 'dept', 10, 10)
      .team('b', 'dept', 8, 8)
      .team('h1', 'dept', 6, 3)
      .team('h2', 'dept', 6, 3)
      .parent('dept', null, ['a', 'b', 'h1', 'h2']);
    expect(keys(enough.plan())).toEqual(['a', 'b', 'dept']);

    const notEnough = new World()
      .team('a', 'dept', 10, 10)
      .team('c', 'dept', 6, 5)
      .team('h1', 'dept', 6, 2)
      .team('h2', 'dept', 6, 2)
      .parent('dept', null, ['a', 'c', 'h1', 'h2']);
    const plan = notEnough.plan();
    expect(keys(plan)).toEqual(['a', 'dept']);
    expect(decision(plan, 'c')?.reason).toBe('complementary');
    expect(notEnough.attack(notEnough.naiveLedger())).not.toBeNull();
    expect(notEnough.attack(plan.newLedgerEntries)).toBeNull();
  });

  it('a department head outside every team is protected like a hidden child', () => {
    const world = new World()
      .team('a', 'dept', 9, 9)
      .team('b', 'dept', 8, 8)
      .parent('dept', null, ['a', 'b'], [1, 1]);
    const plan = world.plan();
    expect(keys(plan)).toEqual(['a', 'dept']);
    expect(decision(plan, 'b')?.reason).toBe('complementary');
    expect(world.attack(world.naiveLedger())).toEqual(['dept-0']);
    expect(world.attack(plan.newLedgerEntries)).toBeNull();
  });

  it.each([1, 2, 3, 4])('two overlapping channels differing by %i people each', (d) => {
    const world = new World();
    const common = world.people('common', 10, 10);
    world
      .add('x', 'team', null, [...common, ...world.people('xonly', d, d)])
      .add('y', 'team', null, [...common, ...world.people('yonly', d, d)]);
    // x − y is the x-only people's total minus the y-only people's: 2d people. With answers
    // bounded to 1..5 such a difference can pin answers down (d = 1 and x − y = 4 means
    // one answered 5, the other 1), so the guard refuses it even though no 0/1 set is isolated.
    const difference = world.vector([...world.people('xonly', d, d)], -1, world.people('yonly', d, d));
    expect(inRowSpan(world.vectors(world.naiveLedger()), difference)).toBe(true);

    const plan = world.plan();
    expect(plan.released).toHaveLength(1);
    expect(plan.suppressed[0]).toMatchObject({ reason: 'differencing_overlap' });
    expect(inRowSpan(world.vectors(plan.newLedgerEntries), difference)).toBe(false);
    expect(world.attack(plan.newLedgerEntries)).toBeNull();
  });

  it('overlapping channels: released when the differences are provably k respondents each', () => {
    const world = new World();
    const common = world.people('common', 10, 10);
    world
      .add('x', 'team', null, [...common, ...world.people('xonly', 6, 6)])
      .add('y', 'team', null, [...common, ...world.people('yonly', 6, 6)]);
    // x∖y has at least 16 − 10 = 6 respondents whoever answered among the shared members.
    expect(keys(world.plan())).toEqual(['x', 'y']);
  });

  it('overlapping channels: suppressed when the difference cannot be proven large, even if it is', () => {
    // x∖y really has 5 respondents, but from the totals alone it could have as few as 2
    // (if all 10 shared members had answered), so the guard must not rely on it.
    const world = new World();
    const common = world.people('common', 10, 7);
    world
      .add('x', 'team', null, [...common, ...world.people('xonly', 5, 5)])
      .add('y', 'team', null, [...common, ...world.people('yonly', 5, 5)]);
    const plan = world.plan();
    expect(plan.released).toHaveLength(1);
    expect(plan.suppressed[0]?.reason).toBe('differencing_overlap');
  });

  it('overlapping channels built from teams with known counts are released in full', () => {
    const world = new World()
      .team('shared', 'org', 10, 7)
      .team('xonly', 'org', 6, 5)
      .team('yonly', 'org', 6, 5);
    world.parent('org', null, ['shared', 'xonly', 'yonly']);
    const ids = (key: string) => world.groups.find((g) => g.key === key)?.memberIds ?? [];
    world
      .add('x', 'team', null, [...ids('shared'), ...ids('xonly')])
      .add('y', 'team', null, [...ids('shared'), ...ids('yonly')]);
    const plan = world.plan();
    expect(keys(plan)).toEqual(['org', 'shared', 'x', 'xonly', 'y', 'yonly']);
    expect(world.attack(plan.newLedgerEntries)).toBeNull();
  });

  it('nested groups whose difference is below k', () => {
    const world = new World();
    const everyone = world.people('p', 20, 20);
    world.add('org', 'parent', null, everyone).add('leads-channel', 'team', null, everyone.slice(0, 17));
    const plan = world.plan();
    expect(keys(plan)).toEqual(['org']);
    expect(decision(plan, 'leads-channel')).toMatchObject({
      reason: 'differencing_nested',
      conflictsWith: ['org'],
    });
    expect(world.attack(world.naiveLedger())).toHaveLength(3);
  });

  it('nested difference across two plans of the same cycle, through the ledger', () => {
    const world = new World().team('a', 'dept', 12, 12).parent('dept', null, ['a'], [3, 3]);
    const onlyTeam = planRelease(
      { releaseKey: CYCLE, timing: TIMING, groups: [{ ...(world.groups[0] as GroupNode), parentKey: null }] },
      [],
      5,
      {
        statistics: ['zest'],
      },
    );
    expect(keys(onlyTeam)).toEqual(['a']);
    const later = world.plan(onlyTeam.newLedgerEntries);
    expect(decision(later, 'dept')).toMatchObject({ reason: 'differencing_nested', conflictsWith: ['a'] });
    expect(later.released).toMatchObject([{ groupKey: 'a', alreadyInLedger: true }]);
    expect(world.attack([...onlyTeam.newLedgerEntries, ...later.newLedgerEntries])).toBeNull();
  });

  it('a team of 5 invited rolls up into its parent and cannot be recovered by subtraction', () => {
    const world = new World()
      .team('small', 'dept', 5, 5)
      .team('b', 'dept', 8, 7)
      .team('c', 'dept', 7, 6)
      .parent('dept', null, ['small', 'b', 'c']);
    const plan = world.plan();
    expect(decision(plan, 'small')).toMatchObject({ reason: 'too_small_rolled_up', rolledUpInto: 'dept' });
    expect(plan.released.find((d) => d.groupKey === 'dept')?.respondentCount).toBe(18);
    // dept − b − c would be exactly the small team's report, so c stays hidden.
    expect(keys(plan)).toEqual(['b', 'dept']);
    expect(decision(plan, 'c')?.reason).toBe('complementary');
  });

  it('small teams merged into a pod report through the pod', () => {
    const world = new World()
      .team('s1', 'dept', 4, 4, 'pod')
      .team('s2', 'dept', 3, 3, 'pod')
      .team('big', 'dept', 9, 8);
    const pod = [...(world.groups[0]?.memberIds ?? []), ...(world.groups[1]?.memberIds ?? [])];
    world.add('pod', 'pod', 'dept', pod).parent('dept', null, ['pod', 'big']);
    const plan = world.plan();
    expect(decision(plan, 's1')).toMatchObject({ reason: 'too_small_rolled_up', rolledUpInto: 'pod' });
    expect(keys(plan)).toEqual(['big', 'dept', 'pod']);
    expect(world.attack(plan.newLedgerEntries)).toBeNull();
  });
});

describe('ledger', () => {
  it('writes one entry per statistic with the sorted invited set, never respondents', () => {
    const world = new World().team('a', null, 6, 5);
    const plan = world.plan();
    expect(plan.newLedgerEntries).toEqual(
      ['zest', 'connectionIndex'].map((statistic) => ({
        groupKey: 'a',
        releaseKey: CYCLE,
        timing: TIMING,
        statistic,
        respondentCount: 5,
        memberIds: ['a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'a-5'],
        k: 5,
      })),
    );
  });

  it('refuses new releases once a released group changed (late answers)', () => {
    const world = new World()
      .team('a', 'dept', 8, 8)
      .team('b', 'dept', 8, 8)
      .parent('dept', null, ['a', 'b']);
    const first = planRelease(
      { releaseKey: CYCLE, timing: TIMING, groups: [{ ...(world.groups[0] as GroupNode), parentKey: null }] },
      [],
      5,
      {
        statistics: ['zest'],
      },
    );
    const changed = first.newLedgerEntries.map((e) => ({ ...e, respondentCount: 7 }));
    const plan = world.plan(changed);
    expect(plan.released).toEqual([]);
    expect(plan.suppressed.map((d) => d.reason)).toEqual([
      'ledger_mismatch',
      'ledger_mismatch',
      'ledger_mismatch',
    ]);
    expect(plan.newLedgerEntries).toEqual([]);
  });

  it('ignores other cycles and refuses a ledger kept under a different k', () => {
    const world = new World()
      .team('a', 'dept', 8, 8)
      .team('b', 'dept', 8, 8)
      .parent('dept', null, ['a', 'b']);
    const other = world.plan().newLedgerEntries.map((e) => ({ ...e, releaseKey: 'cycle-0' }));
    expect(keys(world.plan(other))).toEqual(['a', 'b', 'dept']);
    const sameCycle = world.plan().newLedgerEntries;
    expect(() => world.plan(sameCycle, 6)).toThrow(AnonymityThresholdError);
  });

  it('a larger k is applied to every release of the cycle, differences included', () => {
    const world = new World()
      .team('a', 'dept', 8, 6)
      .team('b', 'dept', 8, 8)
      .parent('dept', null, ['a', 'b']);
    expect(keys(world.plan([], 5))).toEqual(['a', 'b', 'dept']);
    const plan = world.plan([], 7);
    expect(keys(plan)).toEqual(['dept']);
    expect(decision(plan, 'a')?.reason).toBe('below_k');
    expect(decision(plan, 'b')?.reason).toBe('complementary');
  });
});

describe('comments', () => {
  it('are off unless enabled, and need 10 respondents', () => {
    const world = new World()
      .team('a', 'dept', 12, 12)
      .team('b', 'dept', 10, 9)
      .parent('dept', null, ['a', 'b']);
    expect(world.plan().released.every((d) => !d.comments.released)).toBe(true);
    const plan = world.plan([], 5, true);
    const comments = Object.fromEntries(plan.released.map((d) => [d.groupKey, d.comments]));
    expect(comments).toEqual({
      dept: { released: true },
      a: { released: false, reason: 'comments_differencing' },
      b: { released: false, reason: 'comments_below_min' },
    });
    expect(plan.newLedgerEntries.filter((e) => e.statistic === 'comments').map((e) => e.groupKey)).toEqual([
      'dept',
    ]);
  });
});

describe('input validation', () => {
  const base = (): GroupNode[] => new World().team('a', 'dept', 6, 6).parent('dept', null, ['a']).groups;
  const plan = (groups: GroupNode[], statistics = ['zest']) =>
    planRelease({ releaseKey: CYCLE, timing: TIMING, groups }, [], 5, { statistics });

  it.each([
    ['a key with a colon', (g: GroupNode[]) => [{ ...g[0], key: 'a:1' } as GroupNode, g[1] as GroupNode]],
    ['a duplicate key', (g: GroupNode[]) => [g[0] as GroupNode, { ...g[1], key: 'a' } as GroupNode]],
    [
      'an unknown parent',
      (g: GroupNode[]) => [{ ...g[0], parentKey: 'nope' } as GroupNode, g[1] as GroupNode],
    ],
    [
      'more respondents than members',
      (g: GroupNode[]) => [{ ...g[0], respondentCount: 7 } as GroupNode, g[1] as GroupNode],
    ],
    [
      'a child with members its parent lacks',
      (g: GroupNode[]) => [g[0] as GroupNode, { ...g[1], memberIds: ['x'], respondentCount: 0 } as GroupNode],
    ],
  ])('rejects %s', (_, mutate) => {
    expect(() => plan(mutate(base()))).toThrow(GroupTreeError);
  });

  it('rejects respondent counts that cannot all be true', () => {
    const [team, dept] = base() as [GroupNode, GroupNode];
    expect(() => plan([team, { ...dept, respondentCount: 5 }])).toThrow(InconsistentCountsError);
  });

  it('rejects k below 5 and a reserved statistic name', () => {
    expect(() =>
      planRelease({ releaseKey: CYCLE, timing: TIMING, groups: base() }, [], 4, { statistics: ['zest'] }),
    ).toThrow(AnonymityThresholdError);
    expect(() => plan(base(), ['comments'])).toThrow(GroupTreeError);
  });
});
