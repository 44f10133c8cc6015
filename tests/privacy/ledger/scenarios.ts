import { aggregateCycle } from '../../../src/cycles/cycle-aggregate.js';
import { closeCycle } from '../../../src/cycles/cycle-close.js';
import type { PrismaClient } from '../../../src/db/client.js';
import { createLogger } from '../../../src/logger.js';
import type { LedgerWorld, OpenedWorldCycle, WorldTeam } from './world.js';

const SILENT = createLogger({ level: 'silent' });

/**
 * The shape of every reported bypass: team B is team A plus one person, both reach k,
 * and A's people answer both check-ins alike. Releasing both would give the extra
 * person's answers away exactly.
 */

/** Rows: A's six people; columns: the cycle's items in pulse order. */
export const A_ANSWERS = [
  [5, 4, 4, 5, 4, 2],
  [4, 4, 3, 4, 5, 1],
  [3, 2, 3, 3, 4, 3],
  [5, 5, 4, 4, 4, 1],
  [2, 3, 2, 3, 3, 4],
  [4, 3, 5, 4, 4, 2],
];
/** The person in B but not in A. */
export const EXTRA_ANSWERS = [1, 1, 1, 1, 1, 5];

export interface OverlappingTeams {
  a: WorldTeam;
  b: WorldTeam;
  extra: string;
}

export async function overlappingTeams(
  world: LedgerWorld,
  prisma: PrismaClient,
  workspaceId: string,
  settings: {
    a?: Partial<Parameters<LedgerWorld['team']>[1]>;
    b?: Partial<Parameters<LedgerWorld['team']>[1]>;
  } = {},
): Promise<OverlappingTeams> {
  const people = world.people(7);
  const inA = people.slice(0, 6);
  const extra = people[6]!;
  const a = await world.team(prisma, { workspaceId, name: 'Team A', members: inA, ...settings.a });
  const b = await world.team(prisma, {
    workspaceId,
    name: 'Team B',
    members: [...inA, extra],
    ...settings.b,
  });
  return { a, b, extra };
}

/** Everyone invited answers; A's people give the same answers in every cycle. */
export async function answerEveryone(
  world: LedgerWorld,
  prisma: PrismaClient,
  cycle: OpenedWorldCycle,
  teams: OverlappingTeams,
  now: Date,
): Promise<void> {
  for (const member of cycle.team.members) {
    const index = teams.a.members.indexOf(member);
    const values = index >= 0 ? A_ANSWERS[index]! : EXTRA_ANSWERS;
    await world.answer(prisma, cycle, member, values, now);
  }
}

/** Opens and fully answers one team's cycle at `now`. */
export async function openAndAnswer(
  world: LedgerWorld,
  prisma: PrismaClient,
  team: WorldTeam,
  teams: OverlappingTeams,
  now: Date,
): Promise<OpenedWorldCycle> {
  const cycle = await world.open(prisma, team, now);
  await answerEveryone(world, prisma, cycle, teams, now);
  return cycle;
}

/** Closes the cycle at its closing time and aggregates it, as the close job does. */
export async function closeAndAggregate(prisma: PrismaClient, cycle: OpenedWorldCycle) {
  const row = await prisma.cycle.findUniqueOrThrow({ where: { id: cycle.id }, select: { closesAt: true } });
  await closeCycle({ prisma, logger: SILENT }, cycle.id, row.closesAt);
  return aggregateCycle({ prisma, logger: SILENT }, cycle.id);
}
