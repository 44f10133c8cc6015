import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { teamSchedulerId } from '../../src/cycles/team-schedule.js';
import type { PrismaClient } from '../../src/db/client.js';
import {
  dumpDatabase,
  envelope,
  expectNowhere,
  installViaOAuth,
  type OAuthRuntime,
  type OAuthSlack,
  oauthSlack,
  postEventWith,
  startOAuthRuntime,
} from '../install/oauth-harness.js';

/**
 * The installation lifecycle through the real receiver: app_uninstalled and tokens_revoked
 * delete everything held for the workspace, idempotently, and a late event never deletes
 * a reinstall.
 */

const TEAM_A = 'T0AAAAAAA1';
const TEAM_B = 'T0BBBBBBB2';
const TOKEN_A = 'xoxb-workspace-a-secret-111';
const TOKEN_B = 'xoxb-workspace-b-secret-222';

/** Every table but Prisma's bookkeeping: each must be covered by the deletion. */
async function tableCounts(h: OAuthRuntime): Promise<Record<string, number>> {
  const tables = await h.db.sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
      ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await h.db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table_name}"`);
    counts[table_name] = Number(row!.n);
  }
  return counts;
}

/** One row in every workspace-owned table, as the pulse loop and settings would leave them. */
async function seedWorkspaceData(prisma: PrismaClient, slackTeamId: string) {
  const workspace = await prisma.workspace.findUniqueOrThrow({ where: { slackTeamId } });
  const dept = await prisma.team.create({
    data: { workspaceId: workspace.id, name: 'Engineering', kind: 'department' },
  });
  const team = await prisma.team.create({
    data: {
      workspaceId: workspace.id,
      name: 'Platform',
      parentId: dept.id,
      sourceType: 'channel',
      sourceId: 'CTEAMCHAN01',
      summaryChannelId: 'CSUMMARY01',
      leads: { create: [{ slackUserId: 'ULEAD00001' }] },
    },
  });
  const cycle = await prisma.cycle.create({
    data: {
      teamId: team.id,
      number: 1,
      roundKey: '2026-W48',
      bankVersion: 1,
      itemIds: ['zest'],
      minRespondents: 5,
      opensAt: new Date(),
      closesAt: new Date(Date.now() + 3_600_000),
      invitedCount: 8,
      participationKeyEnc: 'v1.sealed',
      memberSet: ['p1', 'p2'],
    },
  });
  await prisma.delivery.create({
    data: { cycleId: cycle.id, slackUserId: 'UMEMBER001', sendAt: new Date() },
  });
  await prisma.participation.create({ data: { cycleId: cycle.id, tag: randomBytes(32) } });
  await prisma.reminderMark.create({ data: { cycleId: cycle.id, tag: randomBytes(32) } });
  await prisma.answer.create({ data: { id: randomUUID(), cycleId: cycle.id, values: { zest: 4 } } });
  await prisma.comment.create({
    data: { id: randomUUID(), cycleId: cycle.id, text: 'we listen to each other' },
  });
  await prisma.teamSummary.create({
    data: {
      teamId: team.id,
      cycleId: cycle.id,
      roundKey: '2026-W48',
      status: 'suppressed',
      reason: 'too_few',
      responseIndicator: 'fewer than 5',
    },
  });
  await prisma.releaseLedgerEntry.create({
    data: {
      workspaceId: workspace.id,
      releaseKey: cycle.id,
      groupKey: team.id,
      statistic: 'zest',
      k: 5,
      memberSet: ['p1'],
      windowStart: new Date('2026-11-24T10:00:00Z'),
      windowEnd: new Date('2026-11-27T10:00:00Z'),
      periodDays: 7,
      released: false,
      reason: 'too_few',
    },
  });
  await prisma.auditEvent.create({
    data: { workspaceId: workspace.id, actorUserId: 'UINSTALLER', action: 'team.create', target: team.id },
  });
  await prisma.slackUser.create({
    data: { slackTeamId, slackUserId: 'UMEMBER001', timezone: 'Europe/Oslo', fetchedAt: new Date() },
  });
  return { workspace, team, dept };
}

/** Rows that belong to a workspace, table by table, through its relations. */
async function rowsOf(prisma: PrismaClient, slackTeamId: string) {
  const ws = { workspace: { slackTeamId } };
  const cycleOf = { cycle: { team: ws } };
  return {
    installation: await prisma.installation.count({ where: { slackTeamId } }),
    workspace: await prisma.workspace.count({ where: { slackTeamId } }),
    workspaceAdmin: await prisma.workspaceAdmin.count({ where: ws }),
    team: await prisma.team.count({ where: ws }),
    teamLead: await prisma.teamLead.count({ where: { team: ws } }),
    cycle: await prisma.cycle.count({ where: { team: ws } }),
    delivery: await prisma.delivery.count({ where: cycleOf }),
    participation: await prisma.participation.count({ where: cycleOf }),
    reminderMark: await prisma.reminderMark.count({ where: cycleOf }),
    answer: await prisma.answer.count({ where: cycleOf }),
    comment: await prisma.comment.count({ where: cycleOf }),
    teamSummary: await prisma.teamSummary.count({ where: { team: ws } }),
    releaseLedgerEntry: await prisma.releaseLedgerEntry.count({ where: ws }),
    auditEvent: await prisma.auditEvent.count({ where: ws }),
    slackUser: await prisma.slackUser.count({ where: { slackTeamId } }),
  };
}

function installBoth(slack: OAuthSlack) {
  slack.expectInstall('code-a', {
    teamId: TEAM_A,
    teamName: 'A',
    installerId: 'UINSTALLER',
    botToken: TOKEN_A,
  });
  slack.expectInstall('code-b', {
    teamId: TEAM_B,
    teamName: 'B',
    installerId: 'UINSTALLER',
    botToken: TOKEN_B,
  });
}

const seconds = (ms: number) => Math.floor(ms / 1000);

describe('uninstalling', () => {
  let h: OAuthRuntime | undefined;

  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it("app_uninstalled deletes every row of that workspace, leaves the other's, and a second event is harmless", async () => {
    const slack = oauthSlack();
    installBoth(slack);
    h = await startOAuthRuntime();
    await installViaOAuth(h.baseUrl, 'code-a');
    await installViaOAuth(h.baseUrl, 'code-b');
    const { prisma } = h.runtime.db;
    const a = await seedWorkspaceData(prisma, TEAM_A);
    await seedWorkspaceData(prisma, TEAM_B);
    const { runtime } = h;
    for (const team of [a.team, a.dept])
      await runtime.registry.scheduleTeam(runtime.jobs, { ...team, paused: false });
    const removeSchedule = vi.spyOn(runtime.jobs, 'removeSchedule');

    const before = await tableCounts(h);
    for (const [table, n] of Object.entries(before)) {
      // both workspaces hold the same rows, so each table holds an even, non-zero number;
      // a new table fails here until the seed (and the deletion) cover it
      expect(n, `table ${table} is not seeded for both workspaces`).toBeGreaterThan(0);
      expect(n % 2, `table ${table}`).toBe(0);
    }
    const bBefore = await rowsOf(prisma, TEAM_B);
    expect(Object.values(bBefore).every((n) => n > 0)).toBe(true);

    expect(await postEventWith(h.baseUrl, envelope(TEAM_A, { type: 'app_uninstalled' }))).toBe(200);
    await expect.poll(() => prisma.installation.count({ where: { installKey: TEAM_A } })).toBe(0);

    const after = await tableCounts(h);
    for (const [table, n] of Object.entries(before)) expect(after[table], `table ${table}`).toBe(n / 2);
    expect(Object.values(await rowsOf(prisma, TEAM_A)).every((n) => n === 0)).toBe(true);
    expect(await rowsOf(prisma, TEAM_B)).toEqual(bBefore);
    expect(removeSchedule.mock.calls.map((c) => c[1]).sort()).toEqual(
      [teamSchedulerId(a.team.id), teamSchedulerId(a.dept.id)].sort(),
    );
    // only the other workspace's token is left, sealed
    const dump = await dumpDatabase(h.db.sql);
    expectNowhere(dump, TOKEN_A);
    expectNowhere(dump, TOKEN_B);
    expect(dump).not.toContain(TEAM_A);

    // a second app_uninstalled (another event id), and the tokens_revoked that follows it
    expect(await postEventWith(h.baseUrl, envelope(TEAM_A, { type: 'app_uninstalled' }))).toBe(200);
    expect(
      await postEventWith(
        h.baseUrl,
        envelope(TEAM_A, { type: 'tokens_revoked', tokens: { bot: [`UBOT${TEAM_A}`] } }),
      ),
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await tableCounts(h)).toEqual(after);
    const logs = h.logs().join('\n');
    expect(logs).not.toContain('slack listener failed');
    expect(logs).toContain('workspace data deleted');
    // ids only: no names, no comment text, no tokens
    for (const secret of ['Platform', 'Engineering', 'we listen', TOKEN_A, TOKEN_B])
      expect(logs).not.toContain(secret);
  });

  it('tokens_revoked for the bot deletes the workspace; one naming only user tokens does not', async () => {
    const slack = oauthSlack();
    installBoth(slack);
    h = await startOAuthRuntime();
    await installViaOAuth(h.baseUrl, 'code-a');
    const { prisma } = h.runtime.db;
    await seedWorkspaceData(prisma, TEAM_A);

    await postEventWith(
      h.baseUrl,
      envelope(TEAM_A, { type: 'tokens_revoked', tokens: { oauth: ['UINSTALLER'] } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await rowsOf(prisma, TEAM_A)).team).toBe(2);

    await postEventWith(
      h.baseUrl,
      envelope(TEAM_A, { type: 'tokens_revoked', tokens: { bot: [`UBOT${TEAM_A}`] } }),
    );
    await expect.poll(() => prisma.workspace.count()).toBe(0);
    expect(Object.values(await rowsOf(prisma, TEAM_A)).every((n) => n === 0)).toBe(true);
  });

  it('a late tokens_revoked or app_uninstalled after a reinstall does not delete the new install', async () => {
    const slack = oauthSlack();
    slack.expectInstall('code-1', {
      teamId: TEAM_A,
      teamName: 'A',
      installerId: 'UINSTALLER',
      botToken: TOKEN_A,
    });
    slack.expectInstall('code-2', {
      teamId: TEAM_A,
      teamName: 'A',
      installerId: 'UINSTALLER',
      botToken: 'xoxb-reinstalled-333',
    });
    h = await startOAuthRuntime();
    const { prisma } = h.runtime.db;
    await installViaOAuth(h.baseUrl, 'code-1');
    // installed a minute ago, uninstalled 30 s ago
    await prisma.installation.update({
      where: { installKey: TEAM_A },
      data: { installedAt: new Date(Date.now() - 60_000) },
    });
    const uninstalledAt = seconds(Date.now() - 30_000);
    await postEventWith(
      h.baseUrl,
      envelope(TEAM_A, { type: 'app_uninstalled' }, { eventTime: uninstalledAt }),
    );
    await expect.poll(() => prisma.installation.count()).toBe(0);

    // reinstalled now; then the stragglers of the uninstall arrive
    await installViaOAuth(h.baseUrl, 'code-2');
    await seedWorkspaceData(prisma, TEAM_A);
    const before = await rowsOf(prisma, TEAM_A);
    await postEventWith(
      h.baseUrl,
      envelope(
        TEAM_A,
        { type: 'tokens_revoked', tokens: { bot: [`UBOT${TEAM_A}`] } },
        { eventTime: uninstalledAt },
      ),
    );
    await postEventWith(
      h.baseUrl,
      envelope(TEAM_A, { type: 'app_uninstalled' }, { eventTime: uninstalledAt }),
    );
    await expect
      .poll(() => h!.logs().filter((l) => l.includes('reinstalled after the event')).length)
      .toBe(2);
    expect(await rowsOf(prisma, TEAM_A)).toEqual(before);
    const installation = await h.runtime.installationStore!.findForTeam(TEAM_A);
    expect(installation!.installation.bot!.token).toBe('xoxb-reinstalled-333');

    // an uninstall that happens after the reinstall still deletes it
    await postEventWith(
      h.baseUrl,
      envelope(TEAM_A, { type: 'app_uninstalled' }, { eventTime: seconds(Date.now()) + 1 }),
    );
    await expect.poll(() => prisma.workspace.count()).toBe(0);
    expect(await prisma.installation.count()).toBe(0);
  });
});

describe('when the bot is removed from a channel', () => {
  let h: OAuthRuntime | undefined;

  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('DMs the leads of the teams whose summary channel it was, once each, and nobody for other channels', async () => {
    const slack = oauthSlack();
    installBoth(slack);
    h = await startOAuthRuntime();
    await installViaOAuth(h.baseUrl, 'code-a');
    const { prisma } = h.runtime.db;
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { slackTeamId: TEAM_A } });
    const team = (name: string, channel: string, leads: string[]) =>
      prisma.team.create({
        data: {
          workspaceId: workspace.id,
          name,
          summaryChannelId: channel,
          leads: { create: leads.map((slackUserId) => ({ slackUserId })) },
        },
      });
    await team('Platform', 'CSHARED001', ['ULEAD00001', 'ULEAD00002']);
    await team('Payments', 'CSHARED001', ['ULEAD00002']);
    await team('Design', 'GPRIVATE01', ['ULEAD00003']);

    await postEventWith(h.baseUrl, envelope(TEAM_A, { type: 'channel_left', channel: 'COTHER0001' }));
    await postEventWith(h.baseUrl, envelope(TEAM_A, { type: 'channel_left', channel: 'CSHARED001' }));
    await expect.poll(() => slack.posts().length).toBe(2);
    const byLead = Object.fromEntries(slack.posts().map((p) => [p.args.channel, p.args.text ?? '']));
    expect(Object.keys(byLead).sort()).toEqual(['ULEAD00001', 'ULEAD00002']);
    expect(byLead.ULEAD00001).toContain('<#CSHARED001>');
    expect(byLead.ULEAD00001).toContain('*Platform*');
    expect(byLead.ULEAD00001).toContain('cannot be posted until');
    expect(byLead.ULEAD00002).toContain('*Payments*, *Platform*');
    expect(slack.posts().every((p) => p.authorization === `Bearer ${TOKEN_A}`)).toBe(true);

    // private channels arrive as group_left
    await postEventWith(h.baseUrl, envelope(TEAM_A, { type: 'group_left', channel: 'GPRIVATE01' }));
    await expect.poll(() => slack.posts().length).toBe(3);
    expect(slack.posts()[2]!.args.channel).toBe('ULEAD00003');
    const logs = h.logs().join('\n');
    expect(logs).toContain('bot removed from a summary channel');
    for (const name of ['Platform', 'Payments', 'Design']) expect(logs).not.toContain(name);
  });
});
