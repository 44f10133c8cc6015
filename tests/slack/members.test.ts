import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { snapshotMembers } from '../../src/slack/members.js';
import { createMemoryRateLimiter } from '../../src/slack/rate-limiter.js';
import { SlackPermanentError, SlackRateLimitedError } from '../../src/slack/slack-errors.js';
import { createUserDirectory, type UserDirectory } from '../../src/slack/user-directory.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { TEST_BOT_TOKEN } from '../helpers/slack-requests.js';

const logger = createLogger({ level: 'silent' });
const clock = { now: () => new Date(Date.UTC(2026, 0, 5, 9)) };

function conversationsMembersPage(cursor: string | undefined, members: string[], nextCursor: string) {
  return nock('https://slack.com')
    .post(
      '/api/conversations.members',
      (body) => body.channel === 'C0TEAM' && body.limit === '200' && body.cursor === cursor,
    )
    .reply(200, { ok: true, members, response_metadata: { next_cursor: nextCursor } });
}

/** users.info for any of `users`, each answered at most once */
function usersInfo(users: Record<string, { is_bot?: boolean; deleted?: boolean; tz?: string }>) {
  const asked: string[] = [];
  const scope = nock('https://slack.com')
    .post('/api/users.info', (body) => typeof body.user === 'string' && body.user in users)
    .times(Object.keys(users).length)
    .reply((_uri, body) => {
      const user = new URLSearchParams(String(body)).get('user') as string;
      asked.push(user);
      return [200, { ok: true, user: { id: user, tz: 'Europe/Berlin', ...users[user] } }];
    });
  return { scope, asked };
}

describe('snapshotMembers', () => {
  let db: TestDatabase;
  let directory: UserDirectory;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(async () => {
    await db.prisma.slackUser.deleteMany();
    directory = createUserDirectory({ prisma: db.prisma, clock });
  });

  it('pages conversations.members by cursor through a short middle page to the empty final cursor', async () => {
    const first = Array.from({ length: 200 }, (_, i) => `U${String(i).padStart(4, '0')}`);
    const pages = [
      conversationsMembersPage(undefined, first, 'cursor-2'),
      conversationsMembersPage('cursor-2', ['U9001', 'U9002'], 'cursor-3'), // short, but not the end
      conversationsMembersPage('cursor-3', ['U9003', 'U0001'], ''), // U0001 again: de-duplicated
    ];
    const everyone = Object.fromEntries([...first, 'U9001', 'U9002', 'U9003'].map((id) => [id, {}]));
    const info = usersInfo(everyone);

    const snapshot = await snapshotMembers({
      client: createWebClient({ token: TEST_BOT_TOKEN, logger }),
      slackTeamId: 'T1',
      source: { type: 'channel', id: 'C0TEAM' },
      directory,
    });

    for (const page of pages) expect(page.isDone()).toBe(true);
    expect(info.scope.isDone()).toBe(true);
    expect(snapshot.members).toHaveLength(203);
    expect(snapshot.members).toEqual([...snapshot.members].sort());
    expect(new Set(snapshot.members).size).toBe(203);
    expect(snapshot.members.at(-1)).toBe('U9003');
    expect(snapshot.excluded).toEqual({ bots: 0, deactivated: 0, app: 0 });
    expect(info.asked).toHaveLength(203); // each user looked up once
    expect(nock.isDone()).toBe(true);
  });

  it('reads a user group with usergroups.users.list (include_disabled false)', async () => {
    const scope = nock('https://slack.com')
      .post(
        '/api/usergroups.users.list',
        (body) => body.usergroup === 'S0GROUP' && body.include_disabled === 'false',
      )
      .reply(200, { ok: true, users: ['U0003', 'U0001', 'U0002', 'U0001'] });
    usersInfo({ U0001: {}, U0002: {}, U0003: {} });

    const snapshot = await snapshotMembers({
      client: createWebClient({ token: TEST_BOT_TOKEN, logger }),
      slackTeamId: 'T1',
      source: { type: 'usergroup', id: 'S0GROUP' },
      directory,
    });
    expect(scope.isDone()).toBe(true);
    expect(snapshot).toEqual({
      members: ['U0001', 'U0002', 'U0003'],
      excluded: { bots: 0, deactivated: 0, app: 0 },
    });
    expect(nock.isDone()).toBe(true);
  });

  it('excludes the app, bots, Slackbot and deactivated users, and counts each', async () => {
    conversationsMembersPage(
      undefined,
      ['UBOTAPP', 'USLACKBOT', 'UHUMAN1', 'UOTHERBOT', 'UGONE', 'UHUMAN2', 'UNOTFOUND'],
      '',
    );
    const info = usersInfo({
      UHUMAN1: {},
      UOTHERBOT: { is_bot: true },
      UGONE: { deleted: true },
      UHUMAN2: {},
    });
    nock('https://slack.com')
      .post('/api/users.info', (body) => body.user === 'UNOTFOUND')
      .reply(200, { ok: false, error: 'user_not_found' });

    const snapshot = await snapshotMembers({
      client: createWebClient({ token: TEST_BOT_TOKEN, logger }),
      slackTeamId: 'T1',
      source: { type: 'channel', id: 'C0TEAM' },
      botUserId: 'UBOTAPP',
      directory,
    });
    expect(snapshot).toEqual({
      members: ['UHUMAN1', 'UHUMAN2'],
      excluded: { bots: 2, deactivated: 2, app: 1 },
    });
    // neither the app's own user nor Slackbot cost a users.info call
    expect(info.asked.sort()).toEqual(['UGONE', 'UHUMAN1', 'UHUMAN2', 'UOTHERBOT']);
    expect(nock.isDone()).toBe(true);
  });

  it('uses cached profiles: a second snapshot asks Slack only for the member list', async () => {
    const client = createWebClient({ token: TEST_BOT_TOKEN, logger });
    const source = { type: 'channel', id: 'C0TEAM' } as const;
    conversationsMembersPage(undefined, ['U0001', 'U0002'], '');
    usersInfo({ U0001: {}, U0002: { deleted: true } });
    await snapshotMembers({ client, slackTeamId: 'T1', source, directory });
    expect(nock.isDone()).toBe(true);

    conversationsMembersPage(undefined, ['U0001', 'U0002'], '');
    const again = await snapshotMembers({ client, slackTeamId: 'T1', source, directory });
    expect(again).toEqual({ members: ['U0001'], excluded: { bots: 0, deactivated: 1, app: 0 } });
    expect(nock.isDone()).toBe(true);
  });

  it('surfaces Slack errors classified: channel_not_found is permanent, a 429 is rate limited', async () => {
    const client = createWebClient({ token: TEST_BOT_TOKEN, logger });
    nock('https://slack.com')
      .post('/api/conversations.members')
      .reply(200, { ok: false, error: 'channel_not_found' });
    const gone = await snapshotMembers({
      client,
      slackTeamId: 'T1',
      source: { type: 'channel', id: 'C0GONE' },
      directory,
    }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(SlackPermanentError);
    expect(gone).toMatchObject({ method: 'conversations.members', code: 'channel_not_found' });

    let requests = 0;
    nock('https://slack.com')
      .post('/api/conversations.members')
      .times(2)
      .reply(() => {
        requests++;
        return [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '2' }];
      });
    const limited = await snapshotMembers({
      client,
      slackTeamId: 'T1',
      source: { type: 'channel', id: 'C0TEAM' },
      directory,
    }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(SlackRateLimitedError);
    expect(limited).toMatchObject({ method: 'conversations.members', retryAfterMs: 2000 });
    expect(requests).toBe(1);
  });

  it('with a rate limiter, paces the list calls per workspace', async () => {
    const rateLimiter = createMemoryRateLimiter(clock);
    const client = createWebClient({ token: TEST_BOT_TOKEN, logger });
    for (let i = 0; i < 20; i++)
      await rateLimiter.reserve('T1:usergroups.users.list', { max: 20, perMs: 60_000 });
    const error = await snapshotMembers({
      client,
      slackTeamId: 'T1',
      source: { type: 'usergroup', id: 'S0GROUP' },
      directory,
      rateLimiter,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackRateLimitedError);
    expect(error).toMatchObject({ method: 'usergroups.users.list', retryAfterMs: 60_000 });
  });
});
