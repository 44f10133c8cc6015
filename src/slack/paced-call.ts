import { type RateLimiter, type SlackMethod, takeSlackSlot } from './rate-limiter.js';
import { classifySlackError } from './slack-errors.js';

/**
 * One Slack Web API call of a background service: paced, then classified. It throws
 * only the three kinds of `slack-errors.ts` (a pacing wait is a
 * {@link import('./slack-errors.js').SlackRateLimitedError}), so the caller (a job) can
 * decide what each means for it.
 */
export type SlackCall = <T>(slackTeamId: string, method: SlackMethod, call: () => Promise<T>) => Promise<T>;

/**
 * Takes a slot from the workspace's limiter for the method first (our own pacing, below
 * Slack's limits), then makes the call; whatever it throws is classified.
 */
export function pacedSlackCall(limiter: RateLimiter): SlackCall {
  return async (slackTeamId, method, call) => {
    await takeSlackSlot(limiter, slackTeamId, method);
    try {
      return await call();
    } catch (error) {
      throw classifySlackError(method, error);
    }
  };
}
