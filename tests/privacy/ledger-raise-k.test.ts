import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseWorkspaceK } from '../../src/teams/team-settings.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { attackReleases, observeReleases } from './ledger/release-attacker.js';
import { closeAndAggregate, openAndAnswer, overlappingTeams } from './ledger/scenarios.js';
import { LedgerWorld } from './ledger/world.js';

/**
 * Bypass 2 of issue 11: an HR admin raises k from 5 to 6 between the openings of two
 * overlapping teams. The ledger entries written under k = 5 used to be filtered out of
 * the check for the k = 6 cycle, so raising k (a privacy-increasing act) switched the
 * differencing check off. Earlier releases always count, under the strictest k involved.
 */

const KEY = Buffer.from('e2'.repeat(32), 'hex');
const TUESDAY = new Date('2026-12-01T10:00:00Z');
const HOUR = 3_600_000;

describe('raising k between two overlapping releases', () => {
  let db: TestDatabase;
  const world = new LedgerWorld(KEY);

  beforeAll(async () => {
    db = await createTestDatabase();
    await world.start();
  });
  afterAll(async () => {
    await world.stop();
    await db?.drop();
  });

  it.each([
    { order: 'the k = 5 team first', first: 'a' as const },
    { order: 'the k = 6 team first', first: 'b' as const },
  ])('still judges the second release against the first ($order)', async ({ order, first }) => {
    const prisma = db.prisma;
    const workspaceId = await world.workspace(prisma, `TRAISEK${first.toUpperCase()}`);
    const teams = await overlappingTeams(world, prisma, workspaceId, { b: { hour: 11 } });
    const a = await openAndAnswer(world, prisma, teams.a, teams, TUESDAY);
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    expect(await raiseWorkspaceK(prisma, { workspace, actorUserId: 'UHRADMIN', k: 6 })).toMatchObject({
      status: 'raised',
    });
    const b = await openAndAnswer(world, prisma, teams.b, teams, new Date(TUESDAY.getTime() + HOUR));
    const ks = await prisma.cycle.findMany({
      where: { id: { in: [a.id, b.id] } },
      select: { id: true, minRespondents: true },
    });
    expect(Object.fromEntries(ks.map((c) => [c.id === a.id ? 'a' : 'b', c.minRespondents]))).toEqual({
      a: 5,
      b: 6,
    });

    const [earlier, later] = first === 'a' ? [a, b] : [b, a];
    const firstResult = await closeAndAggregate(prisma, earlier);
    const secondResult = await closeAndAggregate(prisma, later);

    expect(firstResult.status, order).toBe('released');
    expect(secondResult.status, order).toBe('suppressed');
    expect(attackReleases(await observeReleases(prisma, [a, b]), [a, b], 5)).toBeNull();
  });
});
