import { webApi } from '@slack/bolt';
import type { Logger } from '../logger.js';
import { classifySlackError } from './slack-errors.js';
import { slackLogger } from './slack-logger.js';

export type WebClient = webApi.WebClient;
export type FetchFunction = webApi.FetchFunction;

/** Slack's default; `apiUrl` overrides it for a local stand-in (demo, benchmarks). */
export const SLACK_API_URL = 'https://slack.com/api/';

/** One request may take this long before it fails as a transient `timeout`. */
export const DEFAULT_SLACK_TIMEOUT_MS = 20_000;

export interface CreateWebClientOptions {
  /** bot token (`xoxb-…`); sent only in the Authorization header, never logged */
  token: string;
  /** base URL ending in '/', default `https://slack.com/api/` */
  apiUrl?: string;
  /** a WHATWG fetch; default the global fetch as it is when the client is created */
  fetch?: FetchFunction;
  logger: Logger;
  /** per-request timeout in ms; default {@link DEFAULT_SLACK_TIMEOUT_MS} */
  timeoutMs?: number;
}

/** The WebClient's own logger, adapted onto ours (bodies at debug level are dropped). */
export function webClientLogger(logger: Logger): webApi.Logger {
  return slackLogger(logger, 'slack-web-api');
}

/**
 * A WebClient for job workers:
 * - `rejectRateLimitedCalls`: a 429 rejects at once (→ {@link SlackRateLimitedError}) instead
 *   of sleeping inside the client, which would hold a worker slot and let the job's lock
 *   lapse; the job driver puts the job back for `Retry-After`.
 * - `retryConfig: { retries: 0 }`: exactly one HTTP request per call; jobs retry with backoff.
 * - a request timeout, so a hung connection fails as a transient error.
 */
export function createWebClient(options: CreateWebClientOptions): WebClient {
  let slackApiUrl = options.apiUrl ?? SLACK_API_URL;
  if (!slackApiUrl.endsWith('/')) slackApiUrl += '/';
  return new webApi.WebClient(options.token, {
    slackApiUrl,
    logger: webClientLogger(options.logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? DEFAULT_SLACK_TIMEOUT_MS,
    // never follow an absolute URL given as a method name away from slackApiUrl
    allowAbsoluteUrls: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/**
 * Runs one Slack call and rethrows any failure as a classified error
 * ({@link SlackRateLimitedError}, {@link SlackPermanentError} or {@link SlackTransientError})
 * naming `method`.
 *
 * @example const page = await callSlack('conversations.members', () => client.conversations.members({ channel }));
 */
export async function callSlack<T>(method: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw classifySlackError(method, error);
  }
}

/** Where jobs get the client for a workspace. */
export interface SlackClients {
  forWorkspace(slackTeamId: string): Promise<WebClient>;
}

/**
 * The single-workspace install: one bot token, one client, whatever team is asked for.
 * (Multi-workspace OAuth will look the installation up by team instead.)
 */
export function singleWorkspaceClients(client: WebClient): SlackClients {
  return {
    forWorkspace: async () => client,
  };
}
