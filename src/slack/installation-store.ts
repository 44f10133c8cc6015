import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { open, seal } from '../crypto/secret-box.js';
import type { PrismaClient } from '../db/client.js';
import { InstallationMetadataSchema, parseStored } from '../db/stored-json.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';

/**
 * Marks an Installation that came out of {@link PrismaInstallationStore.fetchInstallation}.
 * Bolt's token rotation (`InstallProvider.authorize`) spreads the fetched object, puts the
 * refreshed tokens in and hands it back to `storeInstallation`; a spread copies symbol
 * keys, so the store can tell a refresh (update the tokens of *that* install, keep its
 * `installedAt`) from a new OAuth install (which resets `installedAt`).
 */
const FETCHED_FROM = Symbol.for('relational-climate.installation.fetched-from');

interface FetchedFrom {
  installKey: string;
  installedAt: Date;
}

/** `AAD` contexts: a sealed token moved to another row or column fails to open. */
export const botTokenContext = (installKey: string) => `bot-token:${installKey}`;
export const botRefreshTokenContext = (installKey: string) => `bot-refresh-token:${installKey}`;

/** Enterprise id for org-wide installs, the workspace (team) id otherwise. */
export function installKeyOf(source: {
  isEnterpriseInstall?: boolean | undefined;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}): string | undefined {
  return source.isEnterpriseInstall ? source.enterpriseId : source.teamId;
}

export interface PrismaInstallationStoreOptions {
  prisma: PrismaClient;
  /** AES-256 key; tokens are sealed with it before they reach the database */
  encryptionKey: Buffer;
  logger: Logger;
  /**
   * Wall-clock time for `installedAt`. It is compared with Slack's `event_time` of
   * uninstall events, so it is real time even when the service clock is simulated.
   */
  now?: () => Date;
}

export interface StoredInstallation {
  installKey: string;
  installation: Installation;
  installedAt: Date;
}

export interface PrismaInstallationStore extends InstallationStore {
  storeInstallation<AuthVersion extends 'v1' | 'v2'>(
    installation: Installation<AuthVersion, boolean>,
  ): Promise<void>;
  fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>>;
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  /**
   * The installation that serves a workspace: its own, or its organisation's org-wide
   * install. Undefined when the app is not installed there.
   */
  findForTeam(slackTeamId: string): Promise<StoredInstallation | undefined>;
}

type InstallationRow = NonNullable<Awaited<ReturnType<PrismaClient['installation']['findUnique']>>>;

/** The Bolt Installation minus everything secret, for the `metadata` column. */
function withoutSecrets(installation: Installation): Prisma.InputJsonValue {
  const { bot, user, incomingWebhook: _webhook, ...rest } = installation;
  const copy: Record<string, unknown> = { ...rest };
  // we request no user scopes; a user token, if Slack sends one, is not kept at all
  copy.user = { id: user.id, ...(user.scopes ? { scopes: user.scopes } : {}) };
  if (bot) copy.bot = { id: bot.id, userId: bot.userId, scopes: bot.scopes };
  return JSON.parse(JSON.stringify(copy)) as Prisma.InputJsonValue;
}

/**
 * Bolt's `InstallationStore` on Prisma. One `Installation` row per install key (enterprise
 * id for org-wide installs, team id otherwise); the bot token and refresh token are
 * AES-256-GCM ciphertexts bound to the install key, and the raw tokens are never written.
 * A workspace install also upserts the `Workspace` row and makes the installing user its
 * first admin when it has none.
 */
export function createInstallationStore(options: PrismaInstallationStoreOptions): PrismaInstallationStore {
  const { prisma, encryptionKey, logger } = options;
  const now = options.now ?? (() => new Date());

  function toInstallation(row: InstallationRow): Installation {
    const meta = parseStored(
      InstallationMetadataSchema,
      row.metadata ?? {},
      `Installation ${row.installKey} metadata`,
    );
    const installation: Installation = {
      ...meta,
      team: row.isEnterpriseInstall ? undefined : { id: row.slackTeamId ?? row.installKey, ...meta.team },
      enterprise: row.enterpriseId ? { id: row.enterpriseId, ...meta.enterprise } : undefined,
      user: {
        id: meta.user?.id ?? row.installerUserId ?? '',
        token: undefined,
        scopes: meta.user?.scopes,
      },
      isEnterpriseInstall: row.isEnterpriseInstall,
      authVersion: meta.authVersion ?? 'v2',
      ...(row.appId ? { appId: row.appId } : {}),
    } as Installation;
    if (row.botTokenEnc) {
      installation.bot = {
        token: open(encryptionKey, row.botTokenEnc, botTokenContext(row.installKey)).toString('utf8'),
        id: row.botId ?? meta.bot?.id ?? '',
        userId: row.botUserId ?? meta.bot?.userId ?? '',
        scopes: row.botScopes,
        ...(row.botRefreshTokenEnc
          ? {
              refreshToken: open(
                encryptionKey,
                row.botRefreshTokenEnc,
                botRefreshTokenContext(row.installKey),
              ).toString('utf8'),
            }
          : {}),
        ...(row.botTokenExpiresAt ? { expiresAt: Math.floor(row.botTokenExpiresAt.getTime() / 1000) } : {}),
      };
      installation.tokenType = 'bot';
    }
    const fetchedFrom: FetchedFrom = { installKey: row.installKey, installedAt: row.installedAt };
    Object.defineProperty(installation, FETCHED_FROM, { value: fetchedFrom, enumerable: true });
    return installation;
  }

  function tokenColumns(installKey: string, bot: Installation['bot']) {
    return {
      botTokenEnc: bot ? seal(encryptionKey, bot.token, botTokenContext(installKey)) : null,
      botRefreshTokenEnc: bot?.refreshToken
        ? seal(encryptionKey, bot.refreshToken, botRefreshTokenContext(installKey))
        : null,
      botTokenExpiresAt: bot?.expiresAt ? new Date(bot.expiresAt * 1000) : null,
    };
  }

  async function refreshTokens(fetchedFrom: FetchedFrom, installation: Installation): Promise<void> {
    // Only the install that was fetched: after an uninstall (row gone) or a reinstall
    // (newer installedAt) in the meantime, the refreshed tokens are stale and dropped.
    const updated = await prisma.installation.updateMany({
      where: { installKey: fetchedFrom.installKey, installedAt: fetchedFrom.installedAt },
      data: tokenColumns(fetchedFrom.installKey, installation.bot),
    });
    logger.info(
      { installKey: fetchedFrom.installKey, stored: updated.count === 1 },
      'slack bot token rotated',
    );
  }

  async function storeInstallation(installation: Installation): Promise<void> {
    const installKey = installKeyOf({
      isEnterpriseInstall: installation.isEnterpriseInstall,
      enterpriseId: installation.enterprise?.id,
      teamId: installation.team?.id,
    });
    if (!installKey) throw new Error('installation has neither a team id nor an org-wide enterprise id');
    const fetchedFrom = (installation as unknown as Record<symbol, FetchedFrom | undefined>)[FETCHED_FROM];
    if (fetchedFrom && fetchedFrom.installKey === installKey) {
      await refreshTokens(fetchedFrom, installation);
      return;
    }
    const installedAt = now();
    const columns = {
      enterpriseId: installation.enterprise?.id ?? null,
      slackTeamId: installation.team?.id ?? null,
      isEnterpriseInstall: Boolean(installation.isEnterpriseInstall),
      appId: installation.appId ?? null,
      botUserId: installation.bot?.userId ?? null,
      botId: installation.bot?.id ?? null,
      botScopes: installation.bot?.scopes ?? [],
      ...tokenColumns(installKey, installation.bot),
      installerUserId: installation.user.id || null,
      metadata: withoutSecrets(installation),
      installedAt,
    };
    const teamId = installation.isEnterpriseInstall ? undefined : installation.team?.id;
    await prisma.$transaction(async (tx) => {
      await tx.installation.upsert({
        where: { installKey },
        create: { installKey, ...columns },
        update: columns,
      });
      if (!teamId) return;
      // Org-wide installs name no workspace; their workspaces get rows when first used.
      const workspace = await tx.workspace.upsert({
        where: { slackTeamId: teamId },
        create: {
          slackTeamId: teamId,
          enterpriseId: installation.enterprise?.id ?? null,
          name: installation.team?.name ?? null,
        },
        update: {
          enterpriseId: installation.enterprise?.id ?? null,
          ...(installation.team?.name ? { name: installation.team.name } : {}),
        },
        select: { id: true },
      });
      const installer = installation.user.id;
      if (!installer) return;
      // The same lock /climate setup takes to claim the first admin seat.
      await tx.$queryRaw`SELECT id FROM "Workspace" WHERE id = ${workspace.id}::uuid FOR UPDATE`;
      const admins = await tx.workspaceAdmin.count({ where: { workspaceId: workspace.id } });
      if (admins > 0) return;
      await tx.workspaceAdmin.create({
        data: { workspaceId: workspace.id, slackUserId: installer, addedBy: 'installer' },
      });
      await tx.auditEvent.create({
        data: {
          workspaceId: workspace.id,
          actorUserId: installer,
          action: 'admin.bootstrap',
          target: installer,
          details: { via: 'installer' },
        },
      });
    });
    logger.info(
      {
        installKey,
        isEnterpriseInstall: columns.isEnterpriseInstall,
        rotation: Boolean(columns.botRefreshTokenEnc),
      },
      'slack installation stored',
    );
  }

  async function fetchRow(query: InstallationQuery<boolean>): Promise<InstallationRow> {
    const installKey = installKeyOf(query);
    const row = installKey ? await prisma.installation.findUnique({ where: { installKey } }) : null;
    // Bolt turns this into an AuthorizationError; the ids are not secret.
    if (!row) throw new Error(`no installation for ${installKey ?? 'an unknown workspace'}`);
    return row;
  }

  return {
    storeInstallation: (installation) => storeInstallation(installation as Installation),

    async fetchInstallation(query) {
      return toInstallation(await fetchRow(query));
    },

    async deleteInstallation(query) {
      const installKey = installKeyOf(query);
      if (!installKey) return;
      await prisma.installation.deleteMany({ where: { installKey } });
    },

    async findForTeam(slackTeamId) {
      let row = await prisma.installation.findUnique({ where: { installKey: slackTeamId } });
      if (!row) {
        const workspace = await prisma.workspace.findUnique({
          where: { slackTeamId },
          select: { enterpriseId: true },
        });
        if (workspace?.enterpriseId) {
          const org = await prisma.installation.findUnique({ where: { installKey: workspace.enterpriseId } });
          if (org?.isEnterpriseInstall) row = org;
        }
      }
      if (!row) return undefined;
      return { installKey: row.installKey, installation: toInstallation(row), installedAt: row.installedAt };
    },
  };
}
