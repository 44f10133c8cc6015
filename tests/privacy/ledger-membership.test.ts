import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { closeAndAggregate } from './ledger/scenarios.js';
import { LedgerWorld, type OpenedWorldCycle } from './ledger/world.js';

/**
 * The membership-change rule through the real services: a team's invited set is
 * snapshotted a week apart (pseudonyms must match across weeks), the released sums go
 * to the ledger, and the next week's release is compared with them.
 */

const KEY = Buffer.from('e4'.repeat(32), 'hex');

describe('a joiner next to the team’s previous release', () => {
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

  async function answerAll(cycle: OpenedWorldCycle, value: (member: string) => number, now: Date) {
    for (const member of cycle.team.members) {
      await world.answer(db.prisma, cycle, member, Array(6).fill(value(member)), now);
    }
  }

  it.each([
    // Everyone moved up by exactly one and the joiner answered 5: a drift reader pins 5.
    { joinerAnswers: 5, expected: 'suppressed' },
    // The joiner answered 3: the same reader is left with 3, 4 or 5.
    { joinerAnswers: 3, expected: 'released' },
  ])('is $expected when the joiner answered $joinerAnswers', async ({ joinerAnswers, expected }) => {
    const prisma = db.prisma;
    const workspaceId = await world.workspace(prisma, `TJOIN${joinerAnswers}`);
    const six = world.people(6);
    const [joiner] = world.people(1) as [string];
    let team = await world.team(prisma, { workspaceId, name: 'Team', members: six });

    const first = await world.open(prisma, team, new Date('2026-12-01T10:00:00Z'));
    await answerAll(first, () => 3, new Date('2026-12-01T11:00:00Z'));
    expect((await closeAndAggregate(prisma, first)).status).toBe('released');

    team = await world.setMembers(prisma, team, [...six, joiner]);
    const second = await world.open(prisma, team, new Date('2026-12-08T10:00:00Z'));
    await answerAll(second, (m) => (m === joiner ? joinerAnswers : 4), new Date('2026-12-08T11:00:00Z'));
    const result = await closeAndAggregate(prisma, second);
    expect(result.status).toBe(expected);
    if (expected === 'suppressed') {
      const summary = await prisma.teamSummary.findUniqueOrThrow({ where: { cycleId: second.id } });
      expect(summary).toMatchObject({ reason: 'membership_change', stats: null, respondentCount: null });
    }
  });
});
