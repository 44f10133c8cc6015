import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekKey } from '../../src/cycles/local-time.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { attackReleases, observeReleases } from './ledger/release-attacker.js';
import { closeAndAggregate, openAndAnswer, overlappingTeams } from './ledger/scenarios.js';
import { LedgerWorld } from './ledger/world.js';

/**
 * Bypass 3 of issue 11, and the window rule that replaces calendar rounds: releases are
 * combined when their answer windows overlap or lie within the horizon of each other
 * (the longer of the two cadence periods and the items' two-week frame), whatever ISO
 * week they fall in. Each case runs through the real services: openCycle, submitAnswer,
 * closeCycle, aggregateCycle.
 */

const KEY = Buffer.from('e3'.repeat(32), 'hex');
const at = (iso: string) => new Date(iso);

describe('releases combined by answer window, not calendar week', () => {
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

  it('judges a Monday team against a Friday team of the week before', async () => {
    const prisma = db.prisma;
    const workspaceId = await world.workspace(prisma, 'TFRIMON');
    const teams = await overlappingTeams(world, prisma, workspaceId, {
      a: { weekday: 5 },
      b: { weekday: 1 },
    });
    const friday = at('2026-11-27T10:00:00Z');
    const monday = at('2026-11-30T10:00:00Z');
    expect(isoWeekKey(friday, 'UTC')).not.toBe(isoWeekKey(monday, 'UTC'));

    const a = await openAndAnswer(world, prisma, teams.a, teams, friday);
    expect((await closeAndAggregate(prisma, a)).status).toBe('released');
    const b = await openAndAnswer(world, prisma, teams.b, teams, monday);
    expect((await closeAndAggregate(prisma, b)).status).toBe('suppressed');
    expect(attackReleases(await observeReleases(prisma, [a, b]), [a, b], 5)).toBeNull();
  });

  it('uses the longer cadence: a monthly release counts for a weekly team a month later', async () => {
    const prisma = db.prisma;
    const workspaceId = await world.workspace(prisma, 'TCADENCE');
    const teams = await overlappingTeams(world, prisma, workspaceId, {
      a: { cadence: 'weekly' },
      b: { cadence: 'monthly' },
    });
    // A weekly release closing on Friday 4 December; the monthly team's first Tuesday in
    // January is 32 days later: beyond a week, within the monthly period.
    const a = await openAndAnswer(world, prisma, teams.a, teams, at('2026-12-01T10:00:00Z'));
    expect((await closeAndAggregate(prisma, a)).status).toBe('released');
    const b = await openAndAnswer(world, prisma, teams.b, teams, at('2027-01-05T10:00:00Z'));
    expect((await closeAndAggregate(prisma, b)).status).toBe('suppressed');
    expect(attackReleases(await observeReleases(prisma, [a, b]), [a, b], 5)).toBeNull();
  });

  it('judges a paused team that resumes against what was released while it was paused', async () => {
    const prisma = db.prisma;
    const workspaceId = await world.workspace(prisma, 'TPAUSED');
    const teams = await overlappingTeams(world, prisma, workspaceId, { b: { weekday: 4 } });
    // A runs on 1 December and pauses; B (Thursdays) runs three weeks later, while A is
    // paused: far enough from A's release to be released next to it.
    const a1 = await openAndAnswer(world, prisma, teams.a, teams, at('2026-12-01T10:00:00Z'));
    expect((await closeAndAggregate(prisma, a1)).status).toBe('released');
    await prisma.team.update({ where: { id: teams.a.id }, data: { paused: true } });
    const b = await openAndAnswer(world, prisma, teams.b, teams, at('2026-12-24T10:00:00Z'));
    expect((await closeAndAggregate(prisma, b)).status).toBe('released');
    // A resumes the Tuesday after: its window is days from B's, in another ISO week.
    await prisma.team.update({ where: { id: teams.a.id }, data: { paused: false } });
    const a2 = await openAndAnswer(world, prisma, teams.a, teams, at('2026-12-29T10:00:00Z'));
    expect((await closeAndAggregate(prisma, a2)).status).toBe('suppressed');
    expect(attackReleases(await observeReleases(prisma, [b, a2]), [b, a2], 5)).toBeNull();
  });

  it('does not combine releases further apart than the horizon', async () => {
    const prisma = db.prisma;
    const workspaceId = await world.workspace(prisma, 'TFARAPART');
    const teams = await overlappingTeams(world, prisma, workspaceId);
    const a = await openAndAnswer(world, prisma, teams.a, teams, at('2026-12-01T10:00:00Z'));
    expect((await closeAndAggregate(prisma, a)).status).toBe('released');
    // Two weekly teams five weeks apart: their answers describe different weeks.
    const b = await openAndAnswer(world, prisma, teams.b, teams, at('2027-01-05T10:00:00Z'));
    expect((await closeAndAggregate(prisma, b)).status).toBe('released');
  });
});
