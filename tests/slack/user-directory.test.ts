import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createMemoryRateLimiter } from '../../src/slack/rate-limiter.js';
import { SlackPermanentError, SlackRateLimitedError } from '../../src/slack/slack-errors.js';
import { createUserDirectory, DEFAULT_USER_TTL_MS } from '../../src/slack/user-directory.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { TEST_BOT_TOKEN } from '../helpers/slack-requests.js';

const logger = createLogger({ level: 'silent' });
const DAY = 24 * 3_600_000;

function manualClock(start = Date.UTC(2026, 0, 5, 9)) {
  let t = start;
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

function usersInfo(userId: string, user: Record<string, unknown>) {
  return nock('https://slack.com')
    .post('/api/users.info', (body) => body.user === userId)
    .reply(200, { ok: true, user: { id: userId, ...user } });
}

describe('user directory', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(async () => {
    await db.prisma.slackUser.deleteMany();
  });

  it('fetches users.info once, caches it in SlackUser, and answers the second lookup from the cache', async () => {
    const clock = manualClock();
    const directory = createUserDirectory({ prisma: db.prisma, clock });
    const client = createWebClient({ token: TEST_BOT_TOKEN, logger });
    const scope = usersInfo('U0001', { tz: 'Europe/Berlin', is_bot: false, deleted: false });

    expect(await directory.lookup(client, 'T1', 'U0001')).toEqual({
      timezone: 'Europe/Berlin',
      isBot: false,
      deleted: false,
    });
    expect(scope.isDone()).toBe(true);

    clock.advance(DEFAULT_USER_TTL_MS - 1);
    // a second answer is on offer; the cached lookups must not ask for it
    const unused = usersInfo('U0001', { tz: 'Asia/Tokyo' });
    expect(await directory.lookup(client, 'T1', 'U0001')).toEqual({
      timezone: 'Europe/Berlin',
      isBot: false,
      deleted: false,
    });
    // a fresh directory (another worker) shares the cache
    const other = createUserDirectory({ prisma: db.prisma, clock });
    expect((await other.lookup(client, 'T1', 'U0001')).timezone).toBe('Europe/Berlin');
    expect(unused.isDone()).toBe(false);

    const row = await db.prisma.slackUser.findUniqueOrThrow({
      where: { slackTeamId_slackUserId: { slackTeamId: 'T1', slackUserId: 'U0001' } },
    });
    expect(row).toMatchObject({ timezone: 'Europe/Berlin', isBot: false, deleted: false });
    expect(row.fetchedAt.getTime()).toBe(Date.UTC(2026, 0, 5, 9));
  });

  it('refreshes after the ttl and updates the row in place', async () => {
    const clock = manualClock();
    const directory = createUserDirectory({ prisma: db.prisma, clock, ttlMs: 7 * DAY });
    const client = createWebClient({ token: TEST_BOT_TOKEN, logger });
    usersInfo('U0002', { tz: 'America/New_York' });
    expect((await directory.lookup(client, 'T1', 'U0002')).timezone).toBe('America/New_York');

    clock.advance(7 * DAY);
    const refresh = usersInfo('U0002', { tz: 'Asia/Tokyo', deleted: true });
    expect(await directory.lookup(client, 'T1', 'U0002')).toEqual({
      timezone: 'Asia/Tokyo',
      isBot: false,
      deleted: true,
    });
    expect(refresh.isDone()).toBe(true);
    const rows = await db.prisma.slackUser.findMany({ where: { slackUserId: 'U0002' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.fetchedAt.getTime()).toBe(clock.now().getTime());
  });

  it('keeps workspaces apart, records bots, and null when Slack gives no time zone', async () => {
    const directory = createUserDirectory({ prisma: db.prisma, clock: manualClock() });
    const client = createWebClient({ token: TEST_BOT_TOKEN, logger });
    usersInfo('U0003', { tz: 'Europe/Paris' });
    usersInfo('U0003', { is_bot: true });
    expect((await directory.lookup(client, 'T1', 'U0003')).timezone).toBe('Europe/Paris');
    expect(await directory.lookup(client, 'T2', 'U0003')).toEqual({
      timezone: null,
      isBot: true,
      deleted: false,
    });
    expect(nock.isDone()).toBe(true);
  });

  it('coalesces concurrent lookups of one user into one request', async () => {
    const directory = createUserDirectory({ prisma: db.prisma, clock: manualClock() });
    const client = createWebClient({ token: TEST_BOT_TOKEN, logger });
    usersInfo('U0004', { tz: 'UTC' });
    const results = await Promise.all([1, 2, 3].map(() => directory.lookup(client, 'T1', 'U0004')));
    expect(results.map((r) => r.timezone)).toEqual(['UTC', 'UTC', 'UTC']);
    expect(nock.isDone()).toBe(true);
  });

  it('falls back to a stale profile when the refresh is rate limited or fails, but not when the user is gone', async () => {
    const clock = manualClock();
    const directory = createUserDirectory({ prisma: db.prisma, clock });
    const client = createWebClient({ token: TEST_BOT_TOKEN, logger });
    usersInfo('U0005', { tz: 'Europe/Madrid' });
    await directory.lookup(client, 'T1', 'U0005');
    clock.advance(8 * DAY);

    nock('https://slack.com')
      .post('/api/users.info')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '5' });
    expect((await directory.lookup(client, 'T1', 'U0005')).timezone).toBe('Europe/Madrid');
    nock('https://slack.com').post('/api/users.info').reply(200, { ok: false, error: 'internal_error' });
    expect((await directory.lookup(client, 'T1', 'U0005')).timezone).toBe('Europe/Madrid');
    nock('https://slack.com').post('/api/users.info').reply(200, { ok: false, error: 'user_not_found' });
    await expect(directory.lookup(client, 'T1', 'U0005')).rejects.toBeInstanceOf(SlackPermanentError);
    expect(nock.isDone()).toBe(true);

    // with nothing cached, a 429 surfaces
    nock('https://slack.com')
      .post('/api/users.info')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '5' });
    await expect(directory.lookup(client, 'T1', 'U9999')).rejects.toMatchObject({ retryAfterMs: 5000 });
  });

  it('with a rate limiter, a lookup beyond the pace throws SlackRateLimitedError without calling Slack', async () => {
    const clock = manualClock();
    const rateLimiter = createMemoryRateLimiter(clock);
    for (let i = 0; i < 100; i++) await rateLimiter.reserve('T1:users.info', { max: 100, perMs: 60_000 });
    const directory = createUserDirectory({ prisma: db.prisma, clock, rateLimiter });
    const client = createWebClient({ token: TEST_BOT_TOKEN, logger });
    const error = await directory.lookup(client, 'T1', 'U0006').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackRateLimitedError);
    expect(error).toMatchObject({ method: 'users.info', retryAfterMs: 60_000 });
    // another workspace has its own allowance
    const scope = usersInfo('U0006', { tz: 'UTC' });
    expect((await directory.lookup(client, 'T2', 'U0006')).timezone).toBe('UTC');
    expect(scope.isDone()).toBe(true);
  });
});
