import type { Clock } from '../clock.js';
import type { PrismaClient } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { type RateLimiter, takeSlackSlot } from './rate-limiter.js';
import { SlackRateLimitedError, SlackTransientError } from './slack-errors.js';
import { callSlack, type WebClient } from './web-client.js';

/** What the bot needs to know about a Slack user: where their day starts, and whether to ask them at all. */
export interface SlackUserProfile {
  /** IANA zone from the profile (`tz`), null when Slack does not say */
  timezone: string | null;
  isBot: boolean;
  deleted: boolean;
}

export interface UserDirectory {
  /**
   * The user's profile from the `SlackUser` cache, fetched with `users.info` when missing
   * or older than the ttl. Throws classified Slack errors (`user_not_found` is permanent).
   */
  lookup(client: WebClient, slackTeamId: string, userId: string): Promise<SlackUserProfile>;
}

export const DEFAULT_USER_TTL_MS = 7 * 24 * 3_600_000;

export interface UserDirectoryOptions {
  prisma: PrismaClient;
  clock: Clock;
  /** how long a cached profile is trusted; default 7 days */
  ttlMs?: number;
  /**
   * when given, each `users.info` call first takes a slot from it and, if none is free,
   * throws SlackRateLimitedError with the wait (the caller's job is put back)
   */
  rateLimiter?: RateLimiter;
}

/** Slackbot has no `is_bot` flag but is never a member to ask. */
export const SLACKBOT_USER_ID = 'USLACKBOT';

/**
 * The user directory: `users.info` answers cached per workspace and user in PostgreSQL
 * (so every worker shares them and a restart does not refetch a whole team). A profile
 * older than the ttl is refreshed; if the refresh fails for a reason that may pass
 * (rate limit, network, Slack outage) the stale profile is used rather than failing the
 * job — time zones and deactivations change rarely. Concurrent lookups of the same user
 * in one process share one request.
 */
export function createUserDirectory(options: UserDirectoryOptions): UserDirectory {
  const { prisma, clock } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_USER_TTL_MS;
  const inFlight = new Map<string, Promise<SlackUserProfile>>();

  async function fetchAndStore(
    client: WebClient,
    slackTeamId: string,
    userId: string,
  ): Promise<SlackUserProfile> {
    if (options.rateLimiter) await takeSlackSlot(options.rateLimiter, slackTeamId, 'users.info');
    const result = await callSlack('users.info', () => client.users.info({ user: userId }));
    const user = result.user;
    const profile: SlackUserProfile = {
      timezone: typeof user?.tz === 'string' && user.tz.length > 0 ? user.tz : null,
      isBot: user?.is_bot === true || userId === SLACKBOT_USER_ID,
      deleted: user?.deleted === true,
    };
    const data = { ...profile, fetchedAt: clock.now() };
    const where = { slackTeamId_slackUserId: { slackTeamId, slackUserId: userId } };
    try {
      await prisma.slackUser.upsert({
        where,
        create: { slackTeamId, slackUserId: userId, ...data },
        update: data,
      });
    } catch (error) {
      // another worker inserted the row between upsert's read and its insert
      if (!isUniqueViolation(error)) throw error;
      await prisma.slackUser.update({ where, data });
    }
    return profile;
  }

  async function lookupUncoalesced(
    client: WebClient,
    slackTeamId: string,
    userId: string,
  ): Promise<SlackUserProfile> {
    const cached = await prisma.slackUser.findUnique({
      where: { slackTeamId_slackUserId: { slackTeamId, slackUserId: userId } },
      select: { timezone: true, isBot: true, deleted: true, fetchedAt: true },
    });
    const now = clock.now().getTime();
    if (cached && now - cached.fetchedAt.getTime() < ttlMs) {
      return { timezone: cached.timezone, isBot: cached.isBot, deleted: cached.deleted };
    }
    try {
      return await fetchAndStore(client, slackTeamId, userId);
    } catch (error) {
      if (cached && (error instanceof SlackRateLimitedError || error instanceof SlackTransientError)) {
        return { timezone: cached.timezone, isBot: cached.isBot, deleted: cached.deleted };
      }
      throw error;
    }
  }

  return {
    lookup(client, slackTeamId, userId) {
      const key = `${slackTeamId}:${userId}`;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const promise = lookupUncoalesced(client, slackTeamId, userId).finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return promise;
    },
  };
}
