import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitAnswer } from '../../src/cycles/answer-submission.js';
import { closeCycle, purgeExpiredAnswers } from '../../src/cycles/cycle-close.js';
import { createLogger } from '../../src/logger.js';
import { type OpenCycleFixture, openCycleFixture, TEST_ENCRYPTION_KEY } from '../fixtures/cycle.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const CLOSES_AT = new Date('2026-11-23T12:00:00Z');
const SUBMISSIONS = 200;
const logger = createLogger({ level: 'silent' });

/** Encodes a submission's index in its answers (base 5 over the first four items). */
function valuesFor(index: number, itemIds: string[]): Record<string, number> {
  const values: Record<string, number> = {};
  let rest = index;
  for (const [position, id] of itemIds.entries()) {
    values[id] = position < 4 ? (rest % 5) + 1 : 3;
    if (position < 4) rest = Math.floor(rest / 5);
  }
  return values;
}

function indexOf(values: Record<string, number>, itemIds: string[]): number {
  let index = 0;
  for (let position = 3; position >= 0; position -= 1) index = index * 5 + (values[itemIds[position]!]! - 1);
  return index;
}

function ranks(xs: (number | string | bigint)[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => (a.x < b.x ? -1 : a.x > b.x ? 1 : 0));
  const r = new Array<number>(xs.length);
  for (const [rank, { i }] of order.entries()) r[i] = rank;
  return r;
}

/** Spearman's rank correlation (no ties in our inputs). */
function spearman(a: (number | string | bigint)[], b: (number | string | bigint)[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const d2 = ra.reduce((sum, r, i) => sum + (r - rb[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

interface StoredRow extends Record<string, unknown> {
  id: string;
  xmin: string;
  values: Record<string, number>;
}

// 200 rows: under no association |rho| has SD ≈ 0.071, so 0.3 is more than 4 SD.
const NO_ASSOCIATION = 0.3;

describe('unlinkable answer storage', () => {
  let db: TestDatabase;
  let cycle: OpenCycleFixture;
  const deps = () => ({ prisma: db.prisma, encryptionKey: TEST_ENCRYPTION_KEY, clock: { now: () => NOW } });
  const stored = () =>
    db.sql.query<StoredRow>(
      `SELECT id::text AS id, xmin::text AS xmin, "values" FROM "Answer" WHERE "cycleId" = $1 ORDER BY ctid`,
      [cycle.cycleId],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    cycle = await openCycleFixture(db.prisma, { members: SUBMISSIONS, closesAt: CLOSES_AT });
    for (let i = 0; i < SUBMISSIONS; i += 1) {
      const result = await submitAnswer(deps(), {
        cycleId: cycle.cycleId,
        slackTeamId: 'T0000000001',
        slackUserId: cycle.members[i]!,
        values: valuesFor(i, cycle.itemIds),
      });
      expect(result).toEqual({ status: 'stored' });
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('stores answers with random v4 ids and no identity, participation or time columns', async () => {
    const rows = await stored();
    expect(rows).toHaveLength(SUBMISSIONS);
    for (const row of rows)
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const participation = await db.prisma.participation.count({ where: { cycleId: cycle.cycleId } });
    expect(participation).toBe(SUBMISSIONS);
  });

  it('keeps one answer per person: a second attempt stores nothing', async () => {
    const again = await submitAnswer(deps(), {
      cycleId: cycle.cycleId,
      slackTeamId: 'T0000000001',
      slackUserId: cycle.members[7]!,
      values: valuesFor(7, cycle.itemIds),
    });
    expect(again).toEqual({ status: 'already_answered' });
    expect(await db.prisma.answer.count({ where: { cycleId: cycle.cycleId } })).toBe(SUBMISSIONS);
  });

  it('shows submission order before close, so the checks below can see order when it is there', async () => {
    const rows = await stored();
    const submitted = rows.map((r) => indexOf(r.values, cycle.itemIds));
    expect(
      spearman(
        submitted,
        rows.map((_, position) => position),
      ),
    ).toBeGreaterThan(0.9);
    expect(
      spearman(
        submitted,
        rows.map((r) => BigInt(r.xmin)),
      ),
    ).toBeGreaterThan(0.9);
  });

  describe('after the cycle closes', () => {
    let rows: StoredRow[];
    beforeAll(async () => {
      const result = await closeCycle({ prisma: db.prisma, logger }, cycle.cycleId, CLOSES_AT);
      expect(result).toEqual({ closed: true, respondentCount: SUBMISSIONS });
      rows = await stored();
    });

    it('keeps every answer', () => {
      const submitted = rows.map((r) => indexOf(r.values, cycle.itemIds)).sort((a, b) => a - b);
      expect(submitted).toEqual(Array.from({ length: SUBMISSIONS }, (_, i) => i));
    });

    it('leaves no rank correlation between submission order and physical order, ids or xmin', () => {
      const submitted = rows.map((r) => indexOf(r.values, cycle.itemIds));
      expect(
        Math.abs(
          spearman(
            submitted,
            rows.map((_, position) => position),
          ),
        ),
      ).toBeLessThan(NO_ASSOCIATION);
      expect(
        Math.abs(
          spearman(
            submitted,
            rows.map((r) => r.id),
          ),
        ),
      ).toBeLessThan(NO_ASSOCIATION);
      // One rewrite transaction: every row carries the same xmin, which orders nothing.
      expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
    });

    it('destroys the participation key and deletes participation and delivery rows', async () => {
      const closed = await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycle.cycleId } });
      expect(closed).toMatchObject({
        status: 'closed',
        participationKeyEnc: null,
        respondentCount: SUBMISSIONS,
      });
      expect(await db.prisma.participation.count({ where: { cycleId: cycle.cycleId } })).toBe(0);
      expect(await db.prisma.delivery.count({ where: { cycleId: cycle.cycleId } })).toBe(0);
    });

    it('refuses answers once closed and closing again changes nothing', async () => {
      const late = await submitAnswer(deps(), {
        cycleId: cycle.cycleId,
        slackTeamId: 'T0000000001',
        slackUserId: cycle.members[0]!,
        values: valuesFor(0, cycle.itemIds),
      });
      expect(late).toEqual({ status: 'cycle_closed' });
      const again = await closeCycle({ prisma: db.prisma, logger }, cycle.cycleId, CLOSES_AT);
      expect(again).toEqual({ closed: false, respondentCount: SUBMISSIONS });
      expect((await stored()).map((r) => r.id)).toEqual(rows.map((r) => r.id));
    });

    it('deletes raw answers after the retention period once aggregated, and not before', async () => {
      await db.prisma.cycle.update({ where: { id: cycle.cycleId }, data: { status: 'aggregated' } });
      const early = await purgeExpiredAnswers(db.prisma, new Date(CLOSES_AT.getTime() + 89 * 86_400_000), 90);
      expect(early.answers).toBe(0);
      const due = await purgeExpiredAnswers(db.prisma, new Date(CLOSES_AT.getTime() + 91 * 86_400_000), 90);
      expect(due).toEqual({ cycles: 1, answers: SUBMISSIONS, comments: 0 });
      expect(await db.prisma.cycle.count({ where: { id: cycle.cycleId } })).toBe(1);
    });
  });
});

describe('answer validation at submission', () => {
  let db: TestDatabase;
  let cycle: OpenCycleFixture;
  const deps = () => ({ prisma: db.prisma, encryptionKey: TEST_ENCRYPTION_KEY, clock: { now: () => NOW } });

  beforeAll(async () => {
    db = await createTestDatabase();
    cycle = await openCycleFixture(db.prisma, { members: 6, closesAt: CLOSES_AT });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each([
    [
      'a missing item',
      (ids: string[]) => Object.fromEntries(ids.slice(1).map((id) => [id, 3])),
      /missing answers/,
    ],
    ['a value outside 1–5', (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 6])), /1 to 5/],
    [
      'an item from another check-in',
      (ids: string[]) => ({ ...Object.fromEntries(ids.map((id) => [id, 3])), 'x.9': 2 }),
      /not in this check-in/,
    ],
  ])('rejects %s and stores nothing', async (_label, build, message) => {
    const result = await submitAnswer(deps(), {
      cycleId: cycle.cycleId,
      slackTeamId: 'T0000000001',
      slackUserId: cycle.members[0]!,
      values: build(cycle.itemIds),
    });
    expect(result.status).toBe('invalid');
    expect(result.status === 'invalid' && result.problems.join(' ')).toMatch(message);
    expect(await db.prisma.participation.count()).toBe(0);
  });

  it('refuses someone who was not invited to the cycle', async () => {
    const result = await submitAnswer(deps(), {
      cycleId: cycle.cycleId,
      slackTeamId: 'T0000000001',
      slackUserId: 'U_OUTSIDER',
      values: Object.fromEntries(cycle.itemIds.map((id) => [id, 3])),
    });
    expect(result).toEqual({ status: 'not_invited' });
  });

  it('refuses a comment when comments are off', async () => {
    const result = await submitAnswer(deps(), {
      cycleId: cycle.cycleId,
      slackTeamId: 'T0000000001',
      slackUserId: cycle.members[1]!,
      values: Object.fromEntries(cycle.itemIds.map((id) => [id, 3])),
      comment: 'hello',
    });
    expect(result.status).toBe('invalid');
  });

  it('refuses answers after the closing time even before the close job ran', async () => {
    const late = { prisma: db.prisma, encryptionKey: TEST_ENCRYPTION_KEY, clock: { now: () => CLOSES_AT } };
    const result = await submitAnswer(late, {
      cycleId: cycle.cycleId,
      slackTeamId: 'T0000000001',
      slackUserId: cycle.members[2]!,
      values: Object.fromEntries(cycle.itemIds.map((id) => [id, 3])),
    });
    expect(result).toEqual({ status: 'cycle_closed' });
  });
});
