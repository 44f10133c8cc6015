import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createInstallationStore } from '../../src/slack/installation-store.js';
import { createOAuthClients, SlackNotInstalledError } from '../../src/slack/oauth-clients.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  dumpDatabase,
  envelope,
  expectNowhere,
  installViaOAuth,
  type OAuthRuntime,
  oauthSlack,
  postEventWith,
  startOAuthRuntime,
} from './oauth-harness.js';

/**
 * Multi-workspace OAuth through the real Bolt HTTP receiver: /slack/install →
 * Slack's authorize page → /slack/oauth_redirect with a code, Slack's Web API faked by
 * nock, installations in a real PostgreSQL database.
 */

const TEAM = 'T0INSTALL01';
const BOT_TOKEN = 'xoxb-install-secret-4f7a9c1e2b';
const REFRESH_TOKEN = 'xoxe-1-refresh-secret-8d3e6a0f';

async function seedSummaryTeam(h: OAuthRuntime, slackTeamId: string, channel: string, leads: string[]) {
  const { prisma } = h.runtime.db;
  const workspace = await prisma.workspace.findUniqueOrThrow({ where: { slackTeamId } });
  return prisma.team.create({
    data: {
      workspaceId: workspace.id,
      name: 'Platform',
      summaryChannelId: channel,
      leads: { create: leads.map((slackUserId) => ({ slackUserId })) },
    },
  });
}

describe('installing through OAuth', () => {
  let h: OAuthRuntime | undefined;

  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('stores the installation with sealed tokens, the workspace and its installer as first admin', async () => {
    const slack = oauthSlack();
    slack.expectInstall('code-1', {
      teamId: TEAM,
      teamName: 'Acme',
      installerId: 'UINSTALLER1',
      botToken: BOT_TOKEN,
      refreshToken: REFRESH_TOKEN,
      expiresIn: 43_200,
    });
    h = await startOAuthRuntime();
    const before = Date.now();
    const { status, html } = await installViaOAuth(h.baseUrl, 'code-1');
    expect(status).toBe(200);
    expect(html).toContain('Thank you');
    expect(slack.calls.map((c) => c.method)).toEqual(['oauth.v2.access', 'auth.test']);

    const { prisma } = h.runtime.db;
    const row = await prisma.installation.findUniqueOrThrow({ where: { installKey: TEAM } });
    expect(row).toMatchObject({
      slackTeamId: TEAM,
      isEnterpriseInstall: false,
      appId: 'A0000000001',
      botId: `BBOT${TEAM}`,
      botUserId: `UBOT${TEAM}`,
      installerUserId: 'UINSTALLER1',
    });
    expect(row.botScopes).toContain('usergroups:read');
    expect(row.botTokenEnc).toMatch(/^v1\./);
    expect(row.botRefreshTokenEnc).toMatch(/^v1\./);
    expect(row.botTokenExpiresAt!.getTime()).toBeGreaterThan(before + 43_000_000);
    expect(row.installedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const workspace = await prisma.workspace.findUniqueOrThrow({
      where: { slackTeamId: TEAM },
      include: { admins: true },
    });
    expect(workspace.name).toBe('Acme');
    expect(workspace.admins.map((a) => [a.slackUserId, a.addedBy])).toEqual([['UINSTALLER1', 'installer']]);

    // the raw tokens are nowhere in the database, in any column of any table
    const dump = await dumpDatabase(h.db.sql);
    expect(dump).toContain(TEAM);
    expectNowhere(dump, BOT_TOKEN);
    expectNowhere(dump, REFRESH_TOKEN);
    // nor in the logs
    expect(h.logs().join('\n')).not.toContain(BOT_TOKEN.slice(5));
  });

  it('round-trips the installation through fetchInstallation, and a reinstall keeps the first admin', async () => {
    const slack = oauthSlack();
    slack.expectInstall('code-1', {
      teamId: TEAM,
      teamName: 'Acme',
      installerId: 'UINSTALLER1',
      botToken: BOT_TOKEN,
      refreshToken: REFRESH_TOKEN,
      expiresIn: 43_200,
    });
    slack.expectInstall('code-2', {
      teamId: TEAM,
      teamName: 'Acme Inc',
      installerId: 'UOTHERPERSON',
      botToken: 'xoxb-second-install-token',
    });
    h = await startOAuthRuntime();
    await installViaOAuth(h.baseUrl, 'code-1');
    const store = h.runtime.installationStore!;
    const query = { teamId: TEAM, enterpriseId: undefined, isEnterpriseInstall: false } as const;
    const installation = await store.fetchInstallation(query);
    expect(installation).toMatchObject({
      team: { id: TEAM, name: 'Acme' },
      user: { id: 'UINSTALLER1' },
      bot: {
        token: BOT_TOKEN,
        refreshToken: REFRESH_TOKEN,
        id: `BBOT${TEAM}`,
        userId: `UBOT${TEAM}`,
      },
      appId: 'A0000000001',
      tokenType: 'bot',
      isEnterpriseInstall: false,
      authVersion: 'v2',
    });
    expect(installation.bot!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 43_000);
    expect(installation.bot!.scopes).toHaveLength(6);

    await installViaOAuth(h.baseUrl, 'code-2');
    const again = await store.fetchInstallation(query);
    expect(again.bot!.token).toBe('xoxb-second-install-token');
    expect(again.bot!.refreshToken).toBeUndefined();
    expect(again.bot!.expiresAt).toBeUndefined();
    const { prisma } = h.runtime.db;
    expect(await prisma.installation.count()).toBe(1);
    const admins = await prisma.workspaceAdmin.findMany({ select: { slackUserId: true } });
    expect(admins).toEqual([{ slackUserId: 'UINSTALLER1' }]);
    expect((await prisma.workspace.findFirstOrThrow()).name).toBe('Acme Inc');

    await store.deleteInstallation(query);
    await expect(store.fetchInstallation(query)).rejects.toThrow(/no installation/);
  });

  it('authorizes an event for the installed workspace with its stored token', async () => {
    const slack = oauthSlack();
    slack.expectInstall('code-1', {
      teamId: TEAM,
      teamName: 'Acme',
      installerId: 'UINSTALLER1',
      botToken: BOT_TOKEN,
    });
    h = await startOAuthRuntime();
    await installViaOAuth(h.baseUrl, 'code-1');
    await seedSummaryTeam(h, TEAM, 'CSUMMARY01', ['ULEAD00001']);

    expect(
      await postEventWith(h.baseUrl, envelope(TEAM, { type: 'channel_left', channel: 'CSUMMARY01' })),
    ).toBe(200);
    await expect.poll(() => slack.posts().length).toBe(1);
    expect(slack.posts()[0]).toMatchObject({
      authorization: `Bearer ${BOT_TOKEN}`,
      args: { channel: 'ULEAD00001' },
    });

    // a workspace that never installed the app is not authorized: no listener runs
    expect(
      await postEventWith(h.baseUrl, envelope('T0STRANGER', { type: 'channel_left', channel: 'CSUMMARY01' })),
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.posts()).toHaveLength(1);
  });

  it("refreshes an expiring rotating token on an event, through Bolt's authorize, and stores it sealed", async () => {
    const slack = oauthSlack();
    slack.expectInstall('code-1', {
      teamId: TEAM,
      teamName: 'Acme',
      installerId: 'UINSTALLER1',
      botToken: BOT_TOKEN,
      refreshToken: REFRESH_TOKEN,
      // expires within Bolt's two-hour refresh margin
      expiresIn: 600,
    });
    slack.expectRefresh(REFRESH_TOKEN, {
      token: 'xoxe.xoxb-rotated-token-77',
      refreshToken: 'xoxe-1-rotated-refresh-88',
      expiresIn: 43_200,
      teamId: TEAM,
    });
    h = await startOAuthRuntime();
    await installViaOAuth(h.baseUrl, 'code-1');
    const { prisma } = h.runtime.db;
    const installed = await prisma.installation.findUniqueOrThrow({ where: { installKey: TEAM } });
    await seedSummaryTeam(h, TEAM, 'CSUMMARY01', ['ULEAD00001']);

    await postEventWith(h.baseUrl, envelope(TEAM, { type: 'channel_left', channel: 'CSUMMARY01' }));
    await expect.poll(() => slack.posts().length).toBe(1);
    const refresh = slack.calls.find(
      (c) => c.method === 'oauth.v2.access' && c.args.grant_type === 'refresh_token',
    );
    expect(refresh?.args.refresh_token).toBe(REFRESH_TOKEN);
    expect(slack.posts()[0]!.authorization).toBe('Bearer xoxe.xoxb-rotated-token-77');

    const rotated = await prisma.installation.findUniqueOrThrow({ where: { installKey: TEAM } });
    // a refresh is not a reinstall: installedAt stays, so late uninstall events still apply
    expect(rotated.installedAt).toEqual(installed.installedAt);
    expect(rotated.botTokenEnc).not.toBe(installed.botTokenEnc);
    expect(rotated.botTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 43_000_000);
    const fetched = await h.runtime.installationStore!.fetchInstallation({
      teamId: TEAM,
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(fetched.bot).toMatchObject({
      token: 'xoxe.xoxb-rotated-token-77',
      refreshToken: 'xoxe-1-rotated-refresh-88',
    });
    const dump = await dumpDatabase(h.db.sql);
    for (const secret of [
      BOT_TOKEN,
      REFRESH_TOKEN,
      'xoxe.xoxb-rotated-token-77',
      'xoxe-1-rotated-refresh-88',
    ])
      expectNowhere(dump, secret);
  });

  it("gives jobs a client with the workspace's token, refreshing it when it expires soon", async () => {
    const slack = oauthSlack();
    slack.expectInstall('code-1', {
      teamId: TEAM,
      teamName: 'Acme',
      installerId: 'UINSTALLER1',
      botToken: BOT_TOKEN,
      refreshToken: REFRESH_TOKEN,
      expiresIn: 43_200,
    });
    slack.expectRefresh(REFRESH_TOKEN, {
      token: 'xoxe.xoxb-job-rotated-1',
      refreshToken: 'xoxe-1-job-refresh-2',
      expiresIn: 43_200,
      teamId: TEAM,
    });
    h = await startOAuthRuntime();
    await installViaOAuth(h.baseUrl, 'code-1');
    const logger = createLogger({ level: 'silent' });
    let now = Date.now();
    const clients = createOAuthClients({
      store: createInstallationStore({
        prisma: h.runtime.db.prisma,
        encryptionKey: Buffer.alloc(32, 0xcd),
        logger,
      }),
      logger,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      now: () => now,
    });

    const client = await clients.forWorkspace(TEAM);
    await client.chat.postMessage({ channel: 'U1', text: 'hello' });
    expect(slack.posts().at(-1)!.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    // the same token → the same client
    expect(await clients.forWorkspace(TEAM)).toBe(client);

    now += 11 * 3_600_000; // one hour before expiry: inside the refresh margin
    const rotated = await clients.forWorkspace(TEAM);
    await rotated.chat.postMessage({ channel: 'U1', text: 'hello again' });
    expect(slack.posts().at(-1)!.authorization).toBe('Bearer xoxe.xoxb-job-rotated-1');
    const stored = await h.runtime.installationStore!.findForTeam(TEAM);
    expect(stored!.installation.bot!.token).toBe('xoxe.xoxb-job-rotated-1');

    await expect(clients.forWorkspace('T0NOTHERE')).rejects.toBeInstanceOf(SlackNotInstalledError);
  });
});
