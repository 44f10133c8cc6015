import fc from 'fast-check';
import type {
  GroupNode,
  GroupTree,
  LedgerEntry,
  ReleaseTiming,
} from '../../../src/scoring/anonymity/index.js';
import { COMMENTS_STATISTIC } from '../../../src/scoring/anonymity/index.js';

/** A test world: the guard sees `tree`; only the test knows who actually responded. */
export interface Instance {
  readonly tree: GroupTree;
  readonly people: readonly string[];
  readonly responded: ReadonlySet<string>;
  readonly k: number;
  /** Keys of the overlapping channel groups, released in a separate plan in some runs. */
  readonly channelKeys: readonly string[];
}

export const CYCLE = 'cycle-1';
const DAY = 86_400_000;
/** A weekly release answered Tuesday to Friday. */
export const TIMING: ReleaseTiming = {
  window: { start: Date.UTC(2026, 11, 1, 10), end: Date.UTC(2026, 11, 4, 10) },
  periodMs: 7 * DAY,
};
export const STATISTICS = ['zest', 'connectionIndex'] as const;

/** Builds a group whose respondent count is computed from who responded, as the real pipeline would. */
export function group(
  key: string,
  kind: GroupNode['kind'],
  parentKey: string | null,
  memberIds: readonly string[],
  responded: ReadonlySet<string>,
  podKey: string | null = null,
): GroupNode {
  return {
    key,
    kind,
    parentKey,
    podKey,
    memberIds,
    respondentCount: memberIds.filter((id) => responded.has(id)).length,
  };
}

export const person = (i: number): string => `p${String(i).padStart(2, '0')}`;

/** Respondent indicator vectors of everything the ledger says was released for the cycle. */
export function releasedVectors(
  ledger: readonly LedgerEntry[],
  people: readonly string[],
  responded: ReadonlySet<string>,
  lane: 'scores' | 'comments',
): number[][] {
  const byGroup = new Map<string, readonly string[]>();
  for (const entry of ledger) {
    if (entry.releaseKey !== CYCLE) continue;
    if ((entry.statistic === COMMENTS_STATISTIC) !== (lane === 'comments')) continue;
    byGroup.set(entry.groupKey, entry.memberIds);
  }
  return [...byGroup.values()].map((members) => {
    const set = new Set(members);
    return people.map((id) => (set.has(id) && responded.has(id) ? 1 : 0));
  });
}

/**
 * Random organisations: 10 to 24 people, an org root, up to two departments, up to four
 * teams (people may sit directly in a department or the org), an optional pod of teams,
 * and up to two overlapping channels. At most 10 groups, so the rank stays enumerable.
 */
export const instanceArb: fc.Arbitrary<Instance> = fc
  .record({
    peopleCount: fc.integer({ min: 10, max: 24 }),
    teamCount: fc.integer({ min: 1, max: 4 }),
    deptCount: fc.integer({ min: 1, max: 2 }),
    responseRate: fc.integer({ min: 6, max: 10 }),
    k: fc.constantFrom(5, 5, 5, 6, 7),
  })
  .chain(({ peopleCount, teamCount, deptCount, responseRate, k }) =>
    fc.record({
      peopleCount: fc.constant(peopleCount),
      teamCount: fc.constant(teamCount),
      deptCount: fc.constant(deptCount),
      k: fc.constant(k),
      // Mostly in a team; a few sit directly in a department, as heads often do.
      teamOf: fc.array(
        fc.oneof(
          { weight: 1, arbitrary: fc.constant(-1) },
          { weight: 5, arbitrary: fc.integer({ min: 0, max: teamCount - 1 }) },
        ),
        {
          minLength: peopleCount,
          maxLength: peopleCount,
        },
      ),
      directDeptOf: fc.array(fc.integer({ min: 0, max: deptCount - 1 }), {
        minLength: peopleCount,
        maxLength: peopleCount,
      }),
      deptOfTeam: fc.array(fc.integer({ min: 0, max: deptCount - 1 }), {
        minLength: teamCount,
        maxLength: teamCount,
      }),
      answers: fc.array(
        fc.integer({ min: 0, max: 9 }).map((roll) => roll < responseRate),
        {
          minLength: peopleCount,
          maxLength: peopleCount,
        },
      ),
      podTeams: fc.subarray([...Array(teamCount).keys()]),
      channels: fc.array(
        fc.uniqueArray(fc.integer({ min: 0, max: peopleCount - 1 }), {
          minLength: 5,
          maxLength: peopleCount,
        }),
        { maxLength: 2 },
      ),
    }),
  )
  .map((spec): Instance => {
    const people = [...Array(spec.peopleCount).keys()].map(person);
    const responded = new Set(people.filter((_, i) => spec.answers[i]));
    const groups: GroupNode[] = [group('org', 'parent', null, people, responded)];
    const deptKey = (d: number) => (spec.deptCount > 1 ? `dept${d}` : 'org');
    const teamMembers = (t: number) => people.filter((_, i) => spec.teamOf[i] === t);
    const deptOfTeam = (t: number) => spec.deptOfTeam[t] ?? 0;

    if (spec.deptCount > 1) {
      for (let d = 0; d < spec.deptCount; d += 1) {
        const members = people.filter((_, i) => {
          const team = spec.teamOf[i] ?? -1;
          return team === -1 ? spec.directDeptOf[i] === d : deptOfTeam(team) === d;
        });
        if (members.length > 0) groups.push(group(deptKey(d), 'parent', 'org', members, responded));
      }
    }
    // A pod merges teams of one department, as an admin would.
    const podTeams = spec.podTeams.filter((t) => deptOfTeam(t) === deptOfTeam(spec.podTeams[0] ?? 0));
    const podMembers = podTeams.flatMap(teamMembers);
    const hasPod = podTeams.length >= 2 && podMembers.length > 0;
    if (hasPod)
      groups.push(group('pod', 'pod', deptKey(deptOfTeam(podTeams[0] ?? 0)), podMembers, responded));
    for (let t = 0; t < spec.teamCount; t += 1) {
      const members = teamMembers(t);
      if (members.length === 0) continue;
      const podKey = hasPod && podTeams.includes(t) ? 'pod' : null;
      groups.push(group(`team${t}`, 'team', deptKey(deptOfTeam(t)), members, responded, podKey));
    }
    const channelKeys: string[] = [];
    spec.channels.forEach((indices, c) => {
      channelKeys.push(`channel${c}`);
      groups.push(group(`channel${c}`, 'team', null, indices.map(person).sort(), responded));
    });
    return { tree: { releaseKey: CYCLE, timing: TIMING, groups }, people, responded, k: spec.k, channelKeys };
  });
