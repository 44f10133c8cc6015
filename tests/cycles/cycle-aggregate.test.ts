import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateCycle } from '../../src/cycles/cycle-aggregate.js';
import { StoredJsonError } from '../../src/db/stored-json.js';
import { createLogger } from '../../src/logger.js';
import { composePulse, ITEM_BANK_VERSION } from '../../src/scoring/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const logger = createLogger({ level: 'silent' });

describe('aggregateCycle', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function closedCycle(invited: number, respondents: number, teamName: string, slackTeamId = 'T_AGG') {
    const workspace = await db.prisma.workspace.upsert({
      where: { slackTeamId },
      create: { slackTeamId },
      update: {},
    });
    const team = await db.prisma.team.create({ data: { workspaceId: workspace.id, name: teamName } });
    const itemIds = composePulse(ITEM_BANK_VERSION, 1).map((i) => i.id);
    const cycle = await db.prisma.cycle.create({
      data: {
        teamId: team.id,
        number: 1,
        roundKey: '2026-W48',
        bankVersion: ITEM_BANK_VERSION,
        itemIds,
        minRespondents: 5,
        opensAt: new Date('2026-11-24T10:00:00Z'),
        closesAt: new Date('2026-11-27T10:00:00Z'),
        invitedCount: invited,
        respondentCount: respondents,
        status: 'closed',
        memberSet: Array.from({ length: invited }, (_, i) => `${teamName}-m${i}`),
      },
    });
    await db.prisma.answer.createMany({
      data: Array.from({ length: respondents }, (_, r) => ({
        id: randomUUID(),
        cycleId: cycle.id,
        values: Object.fromEntries(itemIds.map((id, p) => [id, ((r + p) % 5) + 1])),
      })),
    });
    return cycle.id;
  }

  it('gives HR a response-rate band for groups of at least 20 invited', async () => {
    const cycleId = await closedCycle(25, 10, 'Large');
    const result = await aggregateCycle({ prisma: db.prisma, logger }, cycleId);
    expect(result.status).toBe('released');
    const summary = await db.prisma.teamSummary.findUniqueOrThrow({ where: { cycleId } });
    expect(summary).toMatchObject({
      responseBand: '40_to_60',
      responseIndicator: 'enough',
      respondentCount: 10,
    });
  });

  it('gives no band below 20 invited, and records a refusal without a count', async () => {
    const cycleId = await closedCycle(12, 4, 'Small');
    const result = await aggregateCycle({ prisma: db.prisma, logger }, cycleId);
    expect(result.status).toBe('suppressed');
    const summary = await db.prisma.teamSummary.findUniqueOrThrow({ where: { cycleId } });
    expect(summary).toMatchObject({
      responseBand: null,
      responseIndicator: 'not_enough',
      respondentCount: null,
      stats: null,
    });
    const refusal = await db.prisma.releaseLedgerEntry.findFirstOrThrow({
      where: { groupKey: { contains: summary.teamId } },
    });
    expect(refusal).toMatchObject({ released: false, reason: 'below_k', respondentCount: null });
  });

  it('is idempotent: aggregating again returns the stored summary', async () => {
    const cycleId = await closedCycle(8, 6, 'Again');
    const first = await aggregateCycle({ prisma: db.prisma, logger }, cycleId);
    const second = await aggregateCycle({ prisma: db.prisma, logger }, cycleId);
    expect(second).toEqual(first);
    expect(await db.prisma.teamSummary.count({ where: { cycleId } })).toBe(1);
  });

  it('stops with a clear error, writing nothing, when a stored peer summary does not parse', async () => {
    const workspace = await db.prisma.workspace.create({ data: { slackTeamId: 'T_BAD_JSON' } });
    const peer = await db.prisma.team.create({ data: { workspaceId: workspace.id, name: 'Peer' } });
    await db.prisma.teamSummary.create({
      data: {
        teamId: peer.id,
        roundKey: '2026-W48',
        status: 'released',
        respondentCount: 7,
        responseIndicator: 'enough',
        stats: { itemIds: 'not a list', connectionComposite: { n: 7, mean: 'four' } },
      },
    });
    const cycleId = await closedCycle(8, 6, 'Beside a bad peer', 'T_BAD_JSON');
    const failure = await aggregateCycle({ prisma: db.prisma, logger }, cycleId).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoredJsonError);
    expect((failure as Error).message).toMatch(
      /^TeamSummary [0-9a-f-]+ stats does not have its stored shape/,
    );
    expect((failure as Error).message).toContain('itemIds');
    expect((failure as Error).message).not.toContain('four');
    expect(await db.prisma.teamSummary.count({ where: { cycleId } })).toBe(0);
    const cycle = await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
    expect(cycle.status).toBe('closed');
  });
});
