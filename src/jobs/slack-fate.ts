import type { JobContext } from '../queue/job-definition.js';
import { UnrecoverableJobError } from '../queue/job-definition.js';
import { SlackPacingWait, SlackPermanentError, SlackRateLimitedError } from '../slack/slack-errors.js';

/**
 * What a Slack error a service let through means for the job that ran it: a pacing wait
 * or Slack's 429 puts the job back for the wait without using an attempt; a permanent
 * error fails it now; anything else is thrown on, so the job retries with backoff.
 * Every job step that talks to Slack runs inside this, so the mapping lives in one place.
 */
export async function withSlackFate<T>(ctx: JobContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SlackRateLimitedError) {
      if (!(error instanceof SlackPacingWait)) {
        ctx.logger.warn(
          { method: error.method, retryAfterMs: error.retryAfterMs },
          'slack rate limited; job put back',
        );
      }
      await ctx.rateLimit(error.retryAfterMs);
    }
    if (error instanceof SlackPermanentError) {
      throw new UnrecoverableJobError(`${error.method} failed permanently: ${error.code}`);
    }
    throw error;
  }
}
