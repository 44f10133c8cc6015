import { webApi } from '@slack/bolt';

// @slack/web-api reached through Bolt's re-export: the project depends on Bolt only.
const { ErrorCode, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } =
  webApi;
type ErrorCode = webApi.ErrorCode;
type WebAPIHTTPError = webApi.WebAPIHTTPError;
type WebAPIPlatformError = webApi.WebAPIPlatformError;
type WebAPIRateLimitedError = webApi.WebAPIRateLimitedError;
type WebAPIRequestError = webApi.WebAPIRequestError;

/**
 * What a failed Slack Web API call means for the job that made it. Every error from
 * @slack/web-api is mapped onto exactly one of three kinds:
 *
 * - {@link SlackRateLimitedError}: Slack said "not now" (HTTP 429 with `Retry-After`, or
 *   a `ratelimited` answer). Put the job back after `retryAfterMs` without using an attempt.
 * - {@link SlackPermanentError}: the same call will fail the same way however often it is
 *   repeated (the channel is gone, the token was revoked, a scope is missing…). Fail now.
 * - {@link SlackTransientError}: everything else — network failures, timeouts, 5xx from a
 *   proxy, Slack's own `internal_error` / `fatal_error` / `service_unavailable`, and error
 *   codes we do not know. Retry with backoff; the job's attempt limit bounds the cost of
 *   guessing wrong about an unknown code.
 *
 * Messages carry only the method name and Slack's error code: never the token, the request
 * arguments (which hold message text) or the response body.
 */
export abstract class SlackApiError extends Error {
  abstract readonly kind: 'rate_limited' | 'permanent' | 'transient';
  /** the Web API method that failed, e.g. `chat.postMessage` */
  readonly method: string;

  constructor(method: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.method = method;
  }
}

export class SlackRateLimitedError extends SlackApiError {
  readonly kind = 'rate_limited';
  /** how long to wait before calling this method for this workspace again */
  readonly retryAfterMs: number;

  constructor(method: string, retryAfterMs: number, options?: ErrorOptions) {
    super(method, `${method}: rate limited, retry after ${retryAfterMs} ms`, options);
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Our own limiter said "not yet" before any request was made: the same fate as a 429
 * (wait, then try again without using an attempt), but nothing Slack needs to hear about.
 */
export class SlackPacingWait extends SlackRateLimitedError {}

export class SlackPermanentError extends SlackApiError {
  readonly kind = 'permanent';
  /** Slack's error code, e.g. `channel_not_found` */
  readonly code: string;

  constructor(method: string, code: string, options?: ErrorOptions) {
    super(method, `${method}: ${code}`, options);
    this.code = code;
  }
}

export class SlackTransientError extends SlackApiError {
  readonly kind = 'transient';
  /**
   * Slack's error code for platform errors (`internal_error`, …), `http_<status>` for an
   * unexpected HTTP status, `timeout` or `request_error` for transport failures, `unknown`
   * for anything that did not come from the Slack client.
   */
  readonly code: string;

  constructor(method: string, code: string, options?: ErrorOptions) {
    super(method, `${method}: ${code}`, options);
    this.code = code;
  }
}

export type ClassifiedSlackError = SlackRateLimitedError | SlackPermanentError | SlackTransientError;

/**
 * Platform error codes that no retry can fix. Anything not listed is treated as
 * transient, which costs at most the job's remaining attempts.
 */
export const PERMANENT_SLACK_ERROR_CODES: ReadonlySet<string> = new Set([
  // authentication and authorisation: the installation is broken or gone
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'access_denied',
  'team_access_not_granted',
  'ekm_access_denied',
  'org_login_required',
  'two_factor_setup_required',
  'enterprise_is_restricted',
  'restricted_action',
  'team_not_found',
  // the target does not exist or cannot receive this
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'users_not_found',
  'user_not_visible',
  'user_disabled',
  'user_is_bot',
  'cannot_dm_bot',
  'messages_tab_disabled',
  'method_not_supported_for_channel_type',
  'no_such_subteam',
  'subteam_not_found',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'not_found',
  // the request itself is wrong: sending it again sends the same wrong request
  'invalid_arguments',
  'invalid_arg_name',
  'invalid_array_arg',
  'invalid_charset',
  'invalid_form_data',
  'invalid_post_type',
  'missing_post_type',
  'invalid_json',
  'json_not_object',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_attachments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'invalid_cursor',
  'invalid_ts_latest',
  'invalid_ts_oldest',
  'msg_too_long',
  'no_text',
  'too_many_attachments',
  'too_many_users',
  'view_too_large',
  'duplicate_external_id',
  'expired_trigger_id',
  'exchanged_trigger_id',
  'invalid_trigger_id',
  'deprecated_endpoint',
  'method_deprecated',
  'unknown_method',
]);

/** Slack's own "try again later" codes; listed for documentation, they are transient like any unknown code. */
export const TRANSIENT_SLACK_ERROR_CODES: ReadonlySet<string> = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** used when Slack signals a rate limit without saying for how long */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

const RATE_LIMITED_CODES = new Set(['ratelimited', 'rate_limited']);

function retryAfterFromResult(data: { response_metadata?: { retryAfter?: number } }): number {
  const seconds = data.response_metadata?.retryAfter;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? Math.ceil(seconds * 1000)
    : DEFAULT_RETRY_AFTER_MS;
}

function hasCode(error: unknown, code: ErrorCode): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/**
 * Maps whatever a Slack call threw onto one of the three kinds (idempotent: an already
 * classified error is returned as it is). The original error is kept as `cause`, which is
 * not enumerable and so not copied into log lines.
 */
export function classifySlackError(method: string, error: unknown): ClassifiedSlackError {
  if (
    error instanceof SlackRateLimitedError ||
    error instanceof SlackPermanentError ||
    error instanceof SlackTransientError
  ) {
    return error;
  }
  const cause = { cause: error };

  // Checked by `code` as well as by class, so a second copy of @slack/web-api (Bolt's
  // own dependency, say) is still recognised.
  if (error instanceof WebAPIRateLimitedError || hasCode(error, ErrorCode.RateLimitedError)) {
    const seconds = (error as WebAPIRateLimitedError).retryAfter;
    const ms = Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : DEFAULT_RETRY_AFTER_MS;
    return new SlackRateLimitedError(method, ms, cause);
  }

  if (error instanceof WebAPIPlatformError || hasCode(error, ErrorCode.PlatformError)) {
    const data = (error as WebAPIPlatformError).data ?? { ok: false, error: 'unknown' };
    const code = typeof data.error === 'string' && data.error.length > 0 ? data.error : 'unknown';
    if (RATE_LIMITED_CODES.has(code))
      return new SlackRateLimitedError(method, retryAfterFromResult(data), cause);
    if (PERMANENT_SLACK_ERROR_CODES.has(code)) return new SlackPermanentError(method, code, cause);
    return new SlackTransientError(method, code, cause);
  }

  if (error instanceof WebAPIHTTPError || hasCode(error, ErrorCode.HTTPError)) {
    const status = (error as WebAPIHTTPError).statusCode;
    if (status === 429) {
      const header = Number((error as WebAPIHTTPError).headers?.['retry-after']);
      return new SlackRateLimitedError(
        method,
        Number.isFinite(header) && header > 0 ? header * 1000 : DEFAULT_RETRY_AFTER_MS,
        cause,
      );
    }
    return new SlackTransientError(method, `http_${status}`, cause);
  }

  if (error instanceof WebAPIRequestError || hasCode(error, ErrorCode.RequestError)) {
    const original = (error as WebAPIRequestError).original;
    const timedOut = original?.name === 'TimeoutError' || original?.name === 'AbortError';
    return new SlackTransientError(method, timedOut ? 'timeout' : 'request_error', cause);
  }

  // The client rejects a 429 whose Retry-After header it cannot parse with a plain Error.
  if (error instanceof Error && /Retry header did not contain a valid timeout/.test(error.message)) {
    return new SlackRateLimitedError(method, DEFAULT_RETRY_AFTER_MS, cause);
  }

  return new SlackTransientError(method, 'unknown', cause);
}

/** true when retrying the same call cannot help */
export function isPermanentSlackError(error: unknown): error is SlackPermanentError {
  return error instanceof SlackPermanentError;
}
