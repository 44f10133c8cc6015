import { limiterKey, SLACK_METHOD_LIMITS, type SlackMethod } from '../slack/rate-limiter.js';
import { classifySlackError, SlackPermanentError, SlackRateLimitedError } from '../slack/slack-errors.js';
import type { JobContext } from './job-definition.js';
import { UnrecoverableJobError } from './job-definition.js';
import type { JobDeps } from './job-deps.js';

/**
 * Every Slack call from a job goes through here: it takes a slot from the workspace's
 * limiter for the method first (our own pacing, below Slack's limits), and maps Slack's
 * answers onto the job's fate: 429 → put the job back for Retry-After without using an
 * attempt; a permanent error → fail now; anything else → throw, so the job retries with
 * backoff.
 */
export async function slackCall<T>(
  deps: Pick<JobDeps, 'rateLimiter'>,
  ctx: JobContext,
  slackTeamId: string,
  method: SlackMethod,
  call: () => Promise<T>,
): Promise<T> {
  const wait = await deps.rateLimiter.reserve(limiterKey(slackTeamId, method), SLACK_METHOD_LIMITS[method]);
  if (wait > 0) await ctx.rateLimit(wait);
  try {
    return await call();
  } catch (error) {
    const classified = classifySlackError(method, error);
    if (classified instanceof SlackRateLimitedError) {
      ctx.logger.warn({ method, retryAfterMs: classified.retryAfterMs }, 'slack rate limited; job put back');
      await ctx.rateLimit(classified.retryAfterMs);
    }
    if (classified instanceof SlackPermanentError) {
      throw new UnrecoverableJobError(`${method} failed permanently: ${classified.code}`);
    }
    throw classified;
  }
}
