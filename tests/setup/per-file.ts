import nock from 'nock';
import { afterAll, afterEach } from 'vitest';

// Slack's Web API is only ever reached through nock; local services (PostgreSQL, Redis,
// the bot's own HTTP receiver, the demo's Slack stand-in) live on loopback.
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));

const KEEP = Symbol.for('relational-climate.keep-nock-between-tests');

/**
 * For suites that install one Slack fake in beforeAll and drive it across several
 * tests: keep interceptors until the file ends instead of clearing them after each test.
 */
export function keepNockBetweenTests(): void {
  (globalThis as Record<symbol, unknown>)[KEEP] = true;
}

afterEach(() => {
  if (!(globalThis as Record<symbol, unknown>)[KEEP]) nock.cleanAll();
});
afterAll(() => {
  nock.cleanAll();
});
