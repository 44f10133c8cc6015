import { type RateLimiter, takeSlackSlot } from './rate-limiter.js';
import { SlackPermanentError, SlackTransientError } from './slack-errors.js';
import { SLACKBOT_USER_ID, type UserDirectory } from './user-directory.js';
import { callSlack, type WebClient } from './web-client.js';

/** Where a team's members come from: a channel's members or a user group's users. */
export interface MemberSource {
  type: 'channel' | 'usergroup';
  id: string;
}

export interface SnapshotMembersOptions {
  client: WebClient;
  slackTeamId: string;
  source: MemberSource;
  /** the app's own bot user, never a member to ask */
  botUserId?: string;
  directory: UserDirectory;
  /** pace `conversations.members` / `usergroups.users.list` (and nothing else) with this limiter */
  rateLimiter?: RateLimiter;
}

export interface MemberSnapshot {
  /** eligible Slack user ids, sorted and without duplicates */
  members: string[];
  excluded: {
    /** bot users and Slackbot */
    bots: number;
    /** deactivated accounts (and ids Slack no longer knows) */
    deactivated: number;
    /** the app's own bot user */
    app: number;
  };
}

/** Slack recommends 100–200 per page. */
export const MEMBERS_PAGE_SIZE = 200;
/** a runaway cursor guard: 1,000 pages of 200 is far beyond any channel we serve */
const MAX_PAGES = 1_000;
/** users.info lookups in flight at once (each is one cached row, or one Tier 4 call) */
const LOOKUP_CONCURRENCY = 4;

async function channelMembers(
  client: WebClient,
  slackTeamId: string,
  channel: string,
  rateLimiter: RateLimiter | undefined,
): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    if (rateLimiter) await takeSlackSlot(rateLimiter, slackTeamId, 'conversations.members');
    const result = await callSlack('conversations.members', () =>
      client.conversations.members({ channel, limit: MEMBERS_PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    );
    members.push(...(result.members ?? []));
    // Only an empty or missing cursor ends the list: a short page does not.
    const next = result.response_metadata?.next_cursor;
    if (!next) return members;
    cursor = next;
  }
  throw new SlackTransientError('conversations.members', 'too_many_pages');
}

async function usergroupMembers(
  client: WebClient,
  slackTeamId: string,
  usergroup: string,
  rateLimiter: RateLimiter | undefined,
): Promise<string[]> {
  if (rateLimiter) await takeSlackSlot(rateLimiter, slackTeamId, 'usergroups.users.list');
  const result = await callSlack('usergroups.users.list', () =>
    client.usergroups.users.list({ usergroup, include_disabled: false }),
  );
  return result.users ?? [];
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Who is in the team right now: the channel's members (paged by cursor) or the user
 * group's users, without the app's own bot user, other bots, Slackbot and deactivated
 * accounts. Profiles come from the user directory (cached `users.info`). Slack errors are
 * thrown classified; a user Slack answers `user_not_found` for counts as deactivated.
 */
export async function snapshotMembers(options: SnapshotMembersOptions): Promise<MemberSnapshot> {
  const { client, slackTeamId, source, directory, botUserId, rateLimiter } = options;
  const raw =
    source.type === 'channel'
      ? await channelMembers(client, slackTeamId, source.id, rateLimiter)
      : await usergroupMembers(client, slackTeamId, source.id, rateLimiter);
  const ids = [...new Set(raw)].sort();

  const excluded = { bots: 0, deactivated: 0, app: 0 };
  const verdicts = await mapLimited(ids, LOOKUP_CONCURRENCY, async (id) => {
    if (botUserId !== undefined && id === botUserId) return 'app' as const;
    if (id === SLACKBOT_USER_ID) return 'bot' as const;
    try {
      const profile = await directory.lookup(client, slackTeamId, id);
      if (profile.isBot) return 'bot' as const;
      if (profile.deleted) return 'deactivated' as const;
      return 'member' as const;
    } catch (error) {
      if (error instanceof SlackPermanentError && error.code === 'user_not_found')
        return 'deactivated' as const;
      throw error;
    }
  });

  const members: string[] = [];
  verdicts.forEach((verdict, index) => {
    if (verdict === 'member') members.push(ids[index] as string);
    else if (verdict === 'bot') excluded.bots++;
    else if (verdict === 'deactivated') excluded.deactivated++;
    else excluded.app++;
  });
  return { members, excluded };
}
