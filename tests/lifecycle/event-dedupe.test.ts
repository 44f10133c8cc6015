import { afterEach, describe, expect, it } from 'vitest';
import {
  createMemoryEventDedupe,
  createRedisEventDedupe,
  eventDedupeKey,
} from '../../src/slack/event-dedupe.js';
import { redisKeys, TEST_REDIS_URL, testRedisPrefix } from '../helpers/redis.js';
import {
  envelope,
  installViaOAuth,
  type OAuthRuntime,
  oauthSlack,
  postEventWith,
  startOAuthRuntime,
} from '../install/oauth-harness.js';

/**
 * Slack retries an event it thinks was not delivered (X-Slack-Retry-Num, same event_id).
 * A delivery already seen is acknowledged and dropped; an event seen for the first time
 * is processed even when it carries a retry header.
 */

const TEAM = 'T0DEDUPE01';
const TOKEN = 'xoxb-dedupe-secret-444';

interface Driver {
  name: string;
  setup(): { env: Record<string, string>; prefix?: string; cleanup(): Promise<void> };
}

const DRIVERS: Driver[] = [
  { name: 'in-process (Map with expiry)', setup: () => ({ env: {}, cleanup: async () => {} }) },
  {
    name: 'Redis (SET NX EX)',
    setup() {
      const redis = testRedisPrefix();
      return {
        env: { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redis.prefix },
        prefix: redis.prefix,
        cleanup: redis.cleanup,
      };
    },
  },
];

describe.each(DRIVERS)('event de-duplication, $name', (driver) => {
  let h: OAuthRuntime | undefined;
  let cleanup: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await h?.stop();
    await cleanup?.();
    h = undefined;
    cleanup = undefined;
  });

  it('processes a retried event once, and a first delivery that carries a retry header normally', async () => {
    const slack = oauthSlack();
    slack.expectInstall('code-1', {
      teamId: TEAM,
      teamName: 'D',
      installerId: 'UINSTALLER',
      botToken: TOKEN,
    });
    const setup = driver.setup();
    cleanup = setup.cleanup;
    h = await startOAuthRuntime(setup.env);
    await installViaOAuth(h.baseUrl, 'code-1');
    const { prisma } = h.runtime.db;
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { slackTeamId: TEAM } });
    await prisma.team.create({
      data: {
        workspaceId: workspace.id,
        name: 'Platform',
        summaryChannelId: 'CSUMMARY01',
        leads: { create: [{ slackUserId: 'ULEAD00001' }] },
      },
    });

    const event = envelope(
      TEAM,
      { type: 'channel_left', channel: 'CSUMMARY01' },
      { eventId: 'Ev0DEDUPE001' },
    );
    expect(await postEventWith(h.baseUrl, event)).toBe(200);
    await expect.poll(() => slack.posts().length).toBe(1);
    for (const retry of ['1', '2']) {
      expect(
        await postEventWith(h.baseUrl, event, {
          'x-slack-retry-num': retry,
          'x-slack-retry-reason': 'http_timeout',
        }),
      ).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.posts()).toHaveLength(1);
    expect(h.logs().filter((l) => l.includes('duplicate slack event dropped'))).toHaveLength(2);

    // the first delivery never got here: its retry is the only copy, and it is processed
    const onlyRetry = envelope(
      TEAM,
      { type: 'channel_left', channel: 'CSUMMARY01' },
      { eventId: 'Ev0DEDUPE002' },
    );
    await postEventWith(h.baseUrl, onlyRetry, {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_error',
    });
    await expect.poll(() => slack.posts().length).toBe(2);

    if (setup.prefix) {
      expect((await redisKeys(`${setup.prefix}:slack-event:*`)).sort()).toEqual([
        eventDedupeKey(setup.prefix, 'Ev0DEDUPE001'),
        eventDedupeKey(setup.prefix, 'Ev0DEDUPE002'),
      ]);
    }
  });
});

describe('event de-duplication stores', () => {
  it('the in-process store forgets an id after the ttl', async () => {
    let now = 0;
    const dedupe = createMemoryEventDedupe({ ttlSeconds: 10, now: () => now });
    expect(await dedupe.firstSeen('Ev1')).toBe(true);
    expect(await dedupe.firstSeen('Ev1')).toBe(false);
    expect(await dedupe.firstSeen('Ev2')).toBe(true);
    now = 10_001;
    expect(await dedupe.firstSeen('Ev1')).toBe(true);
    expect(await dedupe.firstSeen('Ev1')).toBe(false);
  });

  it('the Redis store lets exactly one of many concurrent deliveries through, with a ttl', async () => {
    const redis = testRedisPrefix();
    const first = createRedisEventDedupe({ redisUrl: TEST_REDIS_URL, prefix: redis.prefix });
    const second = createRedisEventDedupe({ redisUrl: TEST_REDIS_URL, prefix: redis.prefix });
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? first : second).firstSeen('EvRACE')),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const { Redis } = await import('ioredis');
      const client = new Redis(TEST_REDIS_URL);
      const ttl = await client.ttl(eventDedupeKey(redis.prefix, 'EvRACE'));
      client.disconnect();
      expect(ttl).toBeGreaterThan(3_500);
      expect(ttl).toBeLessThanOrEqual(3_600);
    } finally {
      await first.close();
      await second.close();
      await redis.cleanup();
    }
  });
});
