import type { Installation } from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { PrismaInstallationStore } from './installation-store.js';
import { SlackPermanentError } from './slack-errors.js';
import {
  callSlack,
  createWebClient,
  type FetchFunction,
  type SlackClients,
  type WebClient,
} from './web-client.js';

/** Refresh a rotating token this long before it expires (Bolt's InstallProvider does the same). */
export const TOKEN_REFRESH_MARGIN_MS = 2 * 3_600_000;

export interface OAuthClientsOptions {
  store: PrismaInstallationStore;
  logger: Logger;
  /** needed to refresh rotating tokens */
  clientId: string;
  clientSecret: string;
  apiUrl?: string;
  fetch?: FetchFunction;
  /** how many WebClients to keep (one per token); default 200 */
  maxClients?: number;
  now?: () => number;
}

export interface OAuthClients extends SlackClients {
  /** drops the cached clients of a workspace (after an uninstall); lookups go to the database anyway */
  invalidate(slackTeamId: string): void;
}

/**
 * The workspace has no installation (never installed, or uninstalled): permanent, like
 * Slack's own `account_inactive`, so a job fails instead of retrying.
 */
export class SlackNotInstalledError extends SlackPermanentError {
  constructor(readonly slackTeamId: string) {
    super('installation', 'not_installed');
  }
}

/**
 * The jobs' Slack clients in OAuth mode: each call looks the workspace's installation up
 * (its own or its organisation's), so an uninstall takes effect at once in every process,
 * and reuses one WebClient per token from a small LRU. Rotating tokens that expire within
 * two hours are refreshed first and stored back through the installation store.
 */
export function createOAuthClients(options: OAuthClientsOptions): OAuthClients {
  const { store, logger } = options;
  const maxClients = options.maxClients ?? 200;
  const now = options.now ?? Date.now;
  /** token → client, in least-recently-used order (Map keeps insertion order) */
  const clients = new Map<string, { client: WebClient; slackTeamId: string }>();
  const refreshing = new Map<string, Promise<Installation>>();

  function clientFor(token: string, slackTeamId: string): WebClient {
    const hit = clients.get(token);
    if (hit) {
      clients.delete(token);
      clients.set(token, hit);
      return hit.client;
    }
    const client = createWebClient({
      token,
      logger,
      ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    clients.set(token, { client, slackTeamId });
    while (clients.size > maxClients) {
      const oldest = clients.keys().next().value as string;
      clients.delete(oldest);
    }
    return client;
  }

  async function refresh(installKey: string, installation: Installation): Promise<Installation> {
    const bot = installation.bot!;
    const noToken = createWebClient({
      token: '',
      logger,
      ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const response = await callSlack('oauth.v2.access', () =>
      noToken.oauth.v2.access({
        client_id: options.clientId,
        client_secret: options.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: bot.refreshToken!,
      }),
    );
    if (!response.access_token || !response.refresh_token || response.expires_in === undefined) {
      throw new Error('oauth.v2.access returned no rotated token');
    }
    // keep the symbol marker from fetchInstallation: the store treats this as a refresh
    installation.bot = {
      ...bot,
      token: response.access_token,
      refreshToken: response.refresh_token,
      expiresAt: Math.floor(now() / 1000) + response.expires_in,
    };
    await store.storeInstallation(installation);
    logger.info({ installKey }, 'refreshed an expiring bot token');
    return installation;
  }

  return {
    async forWorkspace(slackTeamId) {
      const found = await store.findForTeam(slackTeamId);
      if (!found?.installation.bot) throw new SlackNotInstalledError(slackTeamId);
      let { installation } = found;
      const bot = installation.bot!;
      if (bot.refreshToken && bot.expiresAt && bot.expiresAt * 1000 - now() < TOKEN_REFRESH_MARGIN_MS) {
        let pending = refreshing.get(found.installKey);
        if (!pending) {
          pending = refresh(found.installKey, installation).finally(() =>
            refreshing.delete(found.installKey),
          );
          refreshing.set(found.installKey, pending);
        }
        installation = await pending;
      }
      return clientFor(installation.bot!.token, slackTeamId);
    },
    invalidate(slackTeamId) {
      for (const [token, entry] of clients) if (entry.slackTeamId === slackTeamId) clients.delete(token);
    },
  };
}
