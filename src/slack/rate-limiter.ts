import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { type Clock, systemClock } from '../clock.js';
import { SlackPacingWait } from './slack-errors.js';

/** At most `max` calls in any window of `perMs` milliseconds. */
export interface RateLimit {
  max: number;
  perMs: number;
}

/**
 * Our own pacing of Slack calls, below Slack's limits, so a fan-out of jobs does not
 * run into 429s. BullMQ's open-source limiter is per queue, but Slack limits each method
 * per workspace, so the key is `(workspace, method)`.
 */
export interface RateLimiter {
  /**
   * Tries to take a slot under `key`. Returns 0 when the call may go now (the slot is
   * then taken), otherwise the milliseconds until a slot frees up (nothing is taken; ask
   * again after that long).
   */
  reserve(key: string, limit: RateLimit): Promise<number>;
  /** releases connections the limiter opened itself */
  close(): Promise<void>;
}

const MINUTE = 60_000;

/**
 * The Web API methods the bot calls, with the pace we allow ourselves per workspace.
 * Tiers from Slack's rate-limit docs (docs/reference/slack.md §2.2):
 *
 * - `chat.postMessage` is "Special": about one message per second *per channel*, plus an
 *   unpublished workspace-wide cap. Check-in DMs go to many different channels (one per
 *   member), so the per-channel allowance would let a fan-out burst far past whatever the
 *   workspace cap is. We keep it at one per second per workspace: a 300-member team is
 *   delivered in five minutes, and we never learn the workspace cap from a 429.
 * - Tier 2 ≈ 20/min, Tier 3 ≈ 50/min, Tier 4 ≈ 100/min.
 */
export const SLACK_METHOD_LIMITS = {
  'chat.postMessage': { max: 1, perMs: 1_000 },
  'chat.update': { max: 50, perMs: MINUTE }, // Tier 3
  'views.open': { max: 100, perMs: MINUTE }, // Tier 4
  'views.publish': { max: 100, perMs: MINUTE }, // Tier 4
  'users.info': { max: 100, perMs: MINUTE }, // Tier 4
  'conversations.members': { max: 100, perMs: MINUTE }, // Tier 4
  'usergroups.users.list': { max: 20, perMs: MINUTE }, // Tier 2
} as const satisfies Record<string, RateLimit>;

export type SlackMethod = keyof typeof SLACK_METHOD_LIMITS;

/** The limiter key for one workspace's calls to one method. */
export function limiterKey(slackTeamId: string, method: SlackMethod): string {
  return `${slackTeamId}:${method}`;
}

/**
 * Takes a slot for `method` in `slackTeamId`, or throws {@link SlackPacingWait} (a
 * {@link SlackRateLimitedError}) with the wait, so a job is put back instead of sleeping
 * (the same path as a Slack 429).
 */
export async function takeSlackSlot(
  limiter: RateLimiter,
  slackTeamId: string,
  method: SlackMethod,
): Promise<void> {
  const wait = await limiter.reserve(limiterKey(slackTeamId, method), SLACK_METHOD_LIMITS[method]);
  if (wait > 0) throw new SlackPacingWait(method, wait);
}

function assertLimit(limit: RateLimit): void {
  if (!Number.isInteger(limit.max) || limit.max < 1)
    throw new RangeError(`rate limit max must be a positive integer`);
  if (!Number.isInteger(limit.perMs) || limit.perMs < 1)
    throw new RangeError(`rate limit perMs must be a positive integer`);
}

/**
 * Sliding-window log in one sorted set per key: members are reservation ids, scores the
 * Redis server's time in ms (one clock for every worker). Atomic, so concurrent workers
 * never take more than `max` slots in a window. The key expires one window after its last
 * reservation.
 *
 * KEYS[1] = key; ARGV = max, perMs, reservation id. Returns 0 or the ms to wait.
 */
const RESERVE_SCRIPT = `
local key = KEYS[1]
local max = tonumber(ARGV[1])
local per = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - per)
if redis.call('ZCARD', key) < max then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, per)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
local wait = tonumber(oldest[2]) + per - now
if wait < 1 then wait = 1 end
if wait > per then wait = per end
return wait
`;
const RESERVE_SHA = createHash('sha1').update(RESERVE_SCRIPT).digest('hex');

export type RedisRateLimiterOptions = (
  | { redisUrl: string; redis?: never }
  | { redis: Redis; redisUrl?: never }
) & {
  /** every key is `<prefix>:ratelimit:<key>` */
  prefix: string;
};

/**
 * The limiter for the distributed deployment, shared by every worker through Redis. Give
 * it a `redis` connection you own, or a `redisUrl` and it opens (and `close()` closes) its own.
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const owned = options.redis === undefined;
  const redis = options.redis ?? new Redis(options.redisUrl as string, { maxRetriesPerRequest: 1 });

  async function run(key: string, limit: RateLimit): Promise<number> {
    const args = [1, key, limit.max, limit.perMs, randomUUID()] as const;
    try {
      return Number(await redis.evalsha(RESERVE_SHA, ...args));
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return Number(await redis.eval(RESERVE_SCRIPT, ...args));
    }
  }

  return {
    async reserve(key, limit) {
      assertLimit(limit);
      return run(`${options.prefix}:ratelimit:${key}`, limit);
    },
    async close() {
      if (owned) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * The same sliding-window log in process memory, for the embedded single-process install
 * (and tests, with an injected clock). Empty windows are dropped so idle keys do not pile up.
 */
export function createMemoryRateLimiter(clock: Clock = systemClock): RateLimiter {
  const windows = new Map<string, number[]>();
  let reservations = 0;
  let longestWindow = 0;

  function sweep(now: number): void {
    for (const [key, stamps] of windows) {
      if (stamps.length === 0 || (stamps.at(-1) as number) <= now - longestWindow) windows.delete(key);
    }
  }

  return {
    async reserve(key, limit) {
      assertLimit(limit);
      const now = clock.now().getTime();
      longestWindow = Math.max(longestWindow, limit.perMs);
      if (++reservations % 1_000 === 0) sweep(now);

      const stamps = windows.get(key) ?? [];
      while (stamps.length > 0 && (stamps[0] as number) <= now - limit.perMs) stamps.shift();
      if (stamps.length < limit.max) {
        stamps.push(now);
        windows.set(key, stamps);
        return 0;
      }
      windows.set(key, stamps);
      return Math.min(limit.perMs, Math.max(1, (stamps[0] as number) + limit.perMs - now));
    },
    async close() {
      windows.clear();
    },
  };
}
