import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import type { Workspace } from '../../src/generated/prisma/client.js';
import { ForbiddenError, isAdmin, requireRole, roleOf } from '../../src/teams/roles.js';
import { nextCheckinAt, raiseWorkspaceK, saveTeamSettings, settingsOf } from './support.js';

let db: Database;
let workspace: Workspace;
let n = 0;

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  n += 1;
  workspace = await db.prisma.workspace.create({ data: { slackTeamId: `TROLES${n}` } });
});

describe('roleOf', () => {
  it('promotes the recorded installer to first admin while the workspace has none, and nobody else', async () => {
    await db.prisma.installation.create({
      data: {
        installKey: workspace.slackTeamId,
        slackTeamId: workspace.slackTeamId,
        installerUserId: 'UINSTALL',
      },
    });
    expect(await roleOf(db.prisma, workspace.slackTeamId, 'USOMEONE')).toBe('employee');
    expect(await roleOf(db.prisma, workspace.slackTeamId, 'UINSTALL')).toBe('hr_admin');
    const admins = await db.prisma.workspaceAdmin.findMany({ where: { workspaceId: workspace.id } });
    expect(admins.map((a) => [a.slackUserId, a.addedBy])).toEqual([['UINSTALL', 'installer']]);
    expect(await isAdmin(db.prisma, { slackTeamId: workspace.slackTeamId, userId: 'USOMEONE' })).toBe(false);
  });

  it('gives lead rights per team, and requireRole refuses with a typed error', async () => {
    const saved = await saveTeamSettings(db.prisma, {
      workspace,
      actorUserId: 'UADMIN',
      settings: settingsOf({ name: 'Platform', leads: ['ULEAD'] }),
    });
    if (saved.status !== 'saved') throw new Error(saved.status);
    const other = await db.prisma.team.create({ data: { workspaceId: workspace.id, name: 'Data' } });
    expect(await roleOf(db.prisma, workspace.slackTeamId, 'ULEAD', saved.team.id)).toBe('lead');
    expect(await roleOf(db.prisma, workspace.slackTeamId, 'ULEAD', other.id)).toBe('employee');
    await expect(
      requireRole(
        db.prisma,
        { slackTeamId: workspace.slackTeamId, userId: 'ULEAD' },
        ['hr_admin', 'lead'],
        'pause',
        other,
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('team settings', () => {
  it('audits only what changed, with no answer data, and reports privacy-affecting changes', async () => {
    const created = await saveTeamSettings(db.prisma, {
      workspace,
      actorUserId: 'UADMIN',
      settings: settingsOf({ name: 'Platform' }),
    });
    if (created.status !== 'saved') throw new Error(created.status);
    expect(created.privacyChanges.map((c) => c.kind).sort()).toEqual(['comments', 'source']);
    const updated = await saveTeamSettings(db.prisma, {
      workspace,
      actorUserId: 'UADMIN',
      teamId: created.team.id,
      settings: settingsOf({ name: 'Platform', hour: 15 }),
    });
    if (updated.status !== 'saved') throw new Error(updated.status);
    expect(updated.privacyChanges).toEqual([]);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'team.update', workspaceId: workspace.id },
    });
    expect(audit.details).toEqual({ changes: { hour: { before: 10, after: 15 } } });
  });

  it('raises k only upward and never below 5', async () => {
    const raise = (k: number) => raiseWorkspaceK(db.prisma, { workspace, actorUserId: 'UADMIN', k });
    expect(await raise(4)).toEqual({ status: 'below_minimum', requested: 4 });
    expect(await raise(5)).toEqual({ status: 'not_higher', current: 5, requested: 5 });
    expect(await raise(8)).toEqual({ status: 'raised', from: 5, to: 8 });
    expect(await raise(6)).toEqual({ status: 'not_higher', current: 8, requested: 6 });
    expect(await raise(500)).toEqual({ status: 'too_high', max: 50 });
  });

  it('finds the next check-in on the team’s weekday, hour and cadence', () => {
    const team = {
      cadence: 'weekly' as const,
      weekday: 2,
      hour: 10,
      timezone: 'Europe/Berlin',
      paused: false,
      sourceId: 'C1',
    };
    const monday = new Date('2026-11-23T09:00:00Z');
    expect(nextCheckinAt(team, monday)?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(nextCheckinAt({ ...team, paused: true }, monday)).toBeNull();
    const biweekly = nextCheckinAt({ ...team, cadence: 'biweekly' }, monday)!;
    expect([
      new Date('2026-11-24T09:00:00Z').getTime(),
      new Date('2026-12-01T09:00:00Z').getTime(),
    ]).toContain(biweekly.getTime());
  });
});
