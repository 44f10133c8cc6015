import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * The migration that moves the ledger from rounds to answer windows keeps existing
 * entries: each gets its cycle as release, the cycle's window and the team's cadence.
 */

const MIGRATION = 'ledger_windows';

describe('the ledger_windows migration', () => {
  let db: TestDatabase;
  let before: string;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    before = await mkdtemp(path.join(tmpdir(), 'rc-migrations-'));
    for (const entry of await readdir(MIGRATIONS_DIR, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name.endsWith(MIGRATION)) break;
      await cp(path.join(MIGRATIONS_DIR, entry.name), path.join(before, entry.name), { recursive: true });
    }
    await migrate(db.sql, { dir: before });
  });
  afterAll(async () => {
    await db?.drop();
    await rm(before, { recursive: true, force: true });
  });

  it('fills release, window and cadence from each entry’s cycle', async () => {
    const [workspace] = await db.sql.query<{ id: string }>(
      `INSERT INTO "Workspace" (id, "slackTeamId", "updatedAt") VALUES (gen_random_uuid(), 'TMIGRATE', now()) RETURNING id`,
    );
    const [team] = await db.sql.query<{ id: string }>(
      `INSERT INTO "Team" (id, "workspaceId", name, cadence, "updatedAt")
       VALUES (gen_random_uuid(), $1, 'Platform', 'biweekly', now()) RETURNING id`,
      [workspace!.id],
    );
    const [cycle] = await db.sql.query<{ id: string }>(
      `INSERT INTO "Cycle" (id, "teamId", number, "roundKey", "bankVersion", "itemIds", "minRespondents",
         "opensAt", "closesAt", "invitedCount")
       VALUES (gen_random_uuid(), $1, 1, '2026-W48', 1, '{}', 5,
         '2026-11-24T10:00:00Z', '2026-11-27T10:00:00Z', 8) RETURNING id`,
      [team!.id],
    );
    await db.sql.query(
      `INSERT INTO "ReleaseLedgerEntry" (id, "workspaceId", "roundKey", "groupKey", statistic,
         "respondentCount", k, "memberSet", released)
       VALUES (gen_random_uuid(), $1, '2026-W48', $2, 'zest', 7, 5, '{m1,m2}', true),
              (gen_random_uuid(), $1, '2026-W40', 'team-gone', 'zest', 6, 5, '{m3}', true)`,
      [workspace!.id, `team-${team!.id}`],
    );

    await migrate(db.sql);

    const rows = await db.sql.query<{
      groupKey: string;
      releaseKey: string;
      windowStart: Date;
      windowEnd: Date;
      periodDays: number;
      respondentCount: number;
    }>(
      `SELECT "groupKey", "releaseKey", "windowStart", "windowEnd", "periodDays", "respondentCount"
       FROM "ReleaseLedgerEntry" ORDER BY "groupKey"`,
    );
    const byGroup = Object.fromEntries(rows.map((r) => [r.groupKey, r]));
    expect(byGroup[`team-${team!.id}`]).toMatchObject({
      releaseKey: cycle!.id,
      periodDays: 14,
      respondentCount: 7,
    });
    expect(new Date(byGroup[`team-${team!.id}`]!.windowStart).toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(new Date(byGroup[`team-${team!.id}`]!.windowEnd).toISOString()).toBe('2026-11-27T10:00:00.000Z');
    // An entry whose cycle is gone keeps its round as its release.
    expect(byGroup['team-gone']).toMatchObject({ releaseKey: '2026-W40', periodDays: 35 });
  });
});
