import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  limiterKey,
  type RateLimiter,
  SLACK_METHOD_LIMITS,
  takeSlackSlot,
} from '../../src/slack/rate-limiter.js';
import { SlackRateLimitedError } from '../../src/slack/slack-errors.js';
import { redisKeys, TEST_REDIS_URL, testRedisPrefix } from '../helpers/redis.js';

function manualClock(start = Date.UTC(2026, 0, 5, 9)) {
  let t = start;
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

describe('SLACK_METHOD_LIMITS and limiterKey', () => {
  it('pace each method at or below its Slack tier', () => {
    const perMinute = (m: keyof typeof SLACK_METHOD_LIMITS) =>
      (SLACK_METHOD_LIMITS[m].max * 60_000) / SLACK_METHOD_LIMITS[m].perMs;
    expect(SLACK_METHOD_LIMITS['chat.postMessage']).toEqual({ max: 1, perMs: 1_000 });
    expect(perMinute('chat.update')).toBeLessThanOrEqual(50);
    expect(perMinute('views.open')).toBeLessThanOrEqual(100);
    expect(perMinute('views.publish')).toBeLessThanOrEqual(100);
    expect(perMinute('users.info')).toBeLessThanOrEqual(100);
    expect(perMinute('conversations.members')).toBeLessThanOrEqual(100);
    expect(perMinute('usergroups.users.list')).toBeLessThanOrEqual(20);
  });

  it('keys by workspace and method', () => {
    expect(limiterKey('T1', 'users.info')).toBe('T1:users.info');
    expect(limiterKey('T1', 'users.info')).not.toBe(limiterKey('T2', 'users.info'));
    expect(limiterKey('T1', 'users.info')).not.toBe(limiterKey('T1', 'chat.update'));
  });
});

describe('memory rate limiter', () => {
  it('allows max per window, then says how long until the oldest slot frees', async () => {
    const clock = manualClock();
    const limiter = createMemoryRateLimiter(clock);
    const limit = { max: 2, perMs: 1_000 };
    expect(await limiter.reserve('k', limit)).toBe(0);
    clock.advance(300);
    expect(await limiter.reserve('k', limit)).toBe(0);
    clock.advance(200);
    expect(await limiter.reserve('k', limit)).toBe(500); // first slot (t=0) frees at t=1000; now t=500
    expect(await limiter.reserve('k', limit)).toBe(500); // a refusal takes nothing
    clock.advance(499);
    expect(await limiter.reserve('k', limit)).toBe(1);
    clock.advance(1);
    expect(await limiter.reserve('k', limit)).toBe(0); // t=1000: the t=0 slot has left the window
    expect(await limiter.reserve('k', limit)).toBe(300); // t=300 slot frees at t=1300
  });

  it('isolates keys (workspaces, methods)', async () => {
    const limiter = createMemoryRateLimiter(manualClock());
    const limit = SLACK_METHOD_LIMITS['chat.postMessage'];
    expect(await limiter.reserve(limiterKey('T1', 'chat.postMessage'), limit)).toBe(0);
    expect(await limiter.reserve(limiterKey('T1', 'chat.postMessage'), limit)).toBeGreaterThan(0);
    expect(await limiter.reserve(limiterKey('T2', 'chat.postMessage'), limit)).toBe(0);
    expect(await limiter.reserve(limiterKey('T1', 'chat.update'), SLACK_METHOD_LIMITS['chat.update'])).toBe(
      0,
    );
  });

  it('concurrent reservations never exceed max', async () => {
    const limiter = createMemoryRateLimiter(manualClock());
    const waits = await Promise.all(
      Array.from({ length: 20 }, () => limiter.reserve('k', { max: 5, perMs: 1_000 })),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w > 0 && w <= 1_000)).toHaveLength(15);
  });

  it('rejects nonsense limits', async () => {
    const limiter = createMemoryRateLimiter(manualClock());
    await expect(limiter.reserve('k', { max: 0, perMs: 1_000 })).rejects.toThrow(RangeError);
    await expect(limiter.reserve('k', { max: 1, perMs: 0 })).rejects.toThrow(RangeError);
  });

  it('takeSlackSlot throws SlackRateLimitedError with the wait when no slot is free', async () => {
    const clock = manualClock();
    const limiter = createMemoryRateLimiter(clock);
    await takeSlackSlot(limiter, 'T1', 'chat.postMessage');
    clock.advance(400);
    const error = await takeSlackSlot(limiter, 'T1', 'chat.postMessage').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackRateLimitedError);
    expect(error).toMatchObject({ method: 'chat.postMessage', retryAfterMs: 600 });
  });
});

describe('redis rate limiter', () => {
  const { prefix, cleanup } = testRedisPrefix();
  let limiter: RateLimiter;

  beforeAll(() => {
    limiter = createRedisRateLimiter({ redisUrl: TEST_REDIS_URL, prefix });
  });

  afterAll(async () => {
    await limiter.close();
    await cleanup();
  });

  it('allows max per window; the next reservation within it waits at most perMs', async () => {
    const limit = { max: 2, perMs: 200 };
    expect(await limiter.reserve('window', limit)).toBe(0);
    expect(await limiter.reserve('window', limit)).toBe(0);
    const wait = await limiter.reserve('window', limit);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(limit.perMs);
    await new Promise((resolve) => setTimeout(resolve, wait + 20));
    expect(await limiter.reserve('window', limit)).toBe(0);
  });

  it('isolates keys (workspaces)', async () => {
    const limit = { max: 1, perMs: 60_000 };
    expect(await limiter.reserve(limiterKey('T1', 'chat.postMessage'), limit)).toBe(0);
    expect(await limiter.reserve(limiterKey('T1', 'chat.postMessage'), limit)).toBeGreaterThan(0);
    expect(await limiter.reserve(limiterKey('T2', 'chat.postMessage'), limit)).toBe(0);
  });

  it('20 concurrent reservations with max 5: exactly 5 go, from several connections', async () => {
    const second = createRedisRateLimiter({ redisUrl: TEST_REDIS_URL, prefix });
    try {
      const limit = { max: 5, perMs: 60_000 };
      const waits = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? limiter : second).reserve('burst', limit)),
      );
      expect(waits.filter((w) => w === 0)).toHaveLength(5);
      for (const w of waits.filter((w) => w !== 0)) {
        expect(w).toBeGreaterThan(0);
        expect(w).toBeLessThanOrEqual(limit.perMs);
      }
    } finally {
      await second.close();
    }
  });

  it('keeps its keys under the prefix, with an expiry', async () => {
    await limiter.reserve('ttl-check', { max: 3, perMs: 5_000 });
    const keys = await redisKeys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith(`${prefix}:ratelimit:`))).toBe(true);
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const ttl = await redis.pttl(`${prefix}:ratelimit:ttl-check`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(5_000);
    } finally {
      redis.disconnect();
    }
  });

  it('uses a connection it is given, and leaves it open on close', async () => {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const shared = createRedisRateLimiter({ redis, prefix });
      expect(await shared.reserve('shared', { max: 1, perMs: 60_000 })).toBe(0);
      expect(await shared.reserve('shared', { max: 1, perMs: 60_000 })).toBeGreaterThan(0);
      await shared.close();
      expect(await redis.ping()).toBe('PONG');
    } finally {
      redis.disconnect();
    }
  });

  it('falls back to EVAL when the server does not have the script cached', async () => {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      let evalCalls = 0;
      const forgetful = {
        evalsha: async () => {
          throw new Error('NOSCRIPT No matching script. Please use EVAL.');
        },
        eval: (...args: Parameters<Redis['eval']>) => {
          evalCalls++;
          return redis.eval(...args);
        },
      } as unknown as Redis;
      const shared = createRedisRateLimiter({ redis: forgetful, prefix });
      expect(await shared.reserve('noscript', { max: 1, perMs: 60_000 })).toBe(0);
      expect(await shared.reserve('noscript', { max: 1, perMs: 60_000 })).toBeGreaterThan(0);
      expect(evalCalls).toBe(2);
    } finally {
      redis.disconnect();
    }
  });
});
