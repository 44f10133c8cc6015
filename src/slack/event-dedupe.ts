import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

/** Slack retries an event up to three times within about five minutes; keep ids for an hour. */
export const EVENT_DEDUPE_TTL_SECONDS = 3_600;

export interface EventDedupe {
  /** true the first time `eventId` is seen within the ttl, false for every later delivery */
  firstSeen(eventId: string): Promise<boolean>;
  close(): Promise<void>;
}

export type RedisEventDedupeOptions = { prefix: string; ttlSeconds?: number } & (
  | { redis: Redis; redisUrl?: never }
  | { redisUrl: string; redis?: never }
);

/** The redis key of one event id: under the configured prefix, like every key this service writes. */
export function eventDedupeKey(prefix: string, eventId: string): string {
  return `${prefix}:slack-event:${eventId}`;
}

/**
 * Shared by every web process: `SET key 1 NX EX ttl` claims an event id atomically, so
 * of two processes receiving the same retry only one goes on.
 */
export function createRedisEventDedupe(options: RedisEventDedupeOptions): EventDedupe {
  const owned = !options.redis;
  const redis = options.redis ?? new Redis(options.redisUrl as string, { maxRetriesPerRequest: 1 });
  const ttl = options.ttlSeconds ?? EVENT_DEDUPE_TTL_SECONDS;
  return {
    async firstSeen(eventId) {
      const set = await redis.set(eventDedupeKey(options.prefix, eventId), '1', 'EX', ttl, 'NX');
      return set === 'OK';
    },
    async close() {
      if (owned) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** For one process (the embedded default): a Map of event id → expiry, swept as it grows. */
export function createMemoryEventDedupe(
  options: { ttlSeconds?: number; now?: () => number; maxEntries?: number } = {},
): EventDedupe {
  const ttlMs = (options.ttlSeconds ?? EVENT_DEDUPE_TTL_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  const seen = new Map<string, number>();
  function sweep(at: number) {
    for (const [id, expires] of seen) {
      // insertion order is expiry order (one ttl for all), so the first live entry ends the sweep
      if (expires > at) break;
      seen.delete(id);
    }
    while (seen.size >= maxEntries) seen.delete(seen.keys().next().value as string);
  }
  return {
    async firstSeen(eventId) {
      const at = now();
      sweep(at);
      const expires = seen.get(eventId);
      if (expires !== undefined && expires > at) return false;
      seen.set(eventId, at + ttlMs);
      return true;
    },
    async close() {
      seen.clear();
    },
  };
}

/**
 * Global Bolt middleware: an Events API delivery whose `event_id` was already seen is
 * dropped (Bolt has acknowledged it with 200 already, so Slack stops retrying). Only ids
 * already seen are dropped, never every request with `X-Slack-Retry-Num`: when the first
 * delivery failed before it got here, the retry is the only copy. If the store is down the
 * event is processed (at-least-once rather than lost). Logs ids only.
 */
export function eventDedupeMiddleware(dedupe: EventDedupe, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && eventId.length > 0) {
      const first = await dedupe.firstSeen(eventId).catch((err: unknown) => {
        logger.warn({ err: { name: (err as Error)?.name }, eventId }, 'event de-duplication unavailable');
        return true;
      });
      if (!first) {
        logger.info({ eventId }, 'duplicate slack event dropped');
        return;
      }
    }
    await next();
  };
}
