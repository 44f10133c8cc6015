import { webApi } from '@slack/bolt';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import {
  classifySlackError,
  DEFAULT_RETRY_AFTER_MS,
  SlackPermanentError,
  SlackRateLimitedError,
  SlackTransientError,
} from '../../src/slack/slack-errors.js';
import { callSlack, createWebClient, singleWorkspaceClients } from '../../src/slack/web-client.js';
import { captureLogger } from '../helpers/logger.js';
import { TEST_BOT_TOKEN } from '../helpers/slack-requests.js';

const logger = createLogger({ level: 'silent' });

/** Created inside each test, after nock is active (the client captures fetch when constructed). */
function client(options: { timeoutMs?: number } = {}) {
  return createWebClient({ token: TEST_BOT_TOKEN, logger, ...options });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('createWebClient + callSlack', () => {
  it('posts form-encoded arguments with the token in the Authorization header only', async () => {
    const scope = nock('https://slack.com', { reqheaders: { authorization: `Bearer ${TEST_BOT_TOKEN}` } })
      .post(
        '/api/chat.postMessage',
        (body) => body.channel === 'U0001' && body.text === 'hi' && !('token' in body),
      )
      .reply(200, { ok: true, channel: 'D0001', ts: '1.2' });
    const slack = client();
    const result = await callSlack('chat.postMessage', () =>
      slack.chat.postMessage({ channel: 'U0001', text: 'hi' }),
    );
    expect(result.channel).toBe('D0001');
    expect(scope.isDone()).toBe(true);
  });

  it('a 429 with Retry-After: 2 rejects at once as SlackRateLimitedError(2000) after exactly one request', async () => {
    let requests = 0;
    const scope = nock('https://slack.com')
      .post('/api/chat.postMessage')
      .times(3) // room for retries, so that one would be counted rather than fail differently
      .reply(() => {
        requests++;
        return [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '2' }];
      });
    const slack = client();
    const started = Date.now();
    const error = await caught(
      callSlack('chat.postMessage', () => slack.chat.postMessage({ channel: 'U0001', text: 'hi' })),
    );
    expect(error).toBeInstanceOf(SlackRateLimitedError);
    expect(error).toMatchObject({ method: 'chat.postMessage', retryAfterMs: 2000, kind: 'rate_limited' });
    expect(requests).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_500); // it did not sleep for Retry-After
    expect(scope.pendingMocks()).toHaveLength(1); // the remaining two replies were never asked for
  });

  it('channel_not_found is permanent', async () => {
    const scope = nock('https://slack.com')
      .post('/api/chat.postMessage')
      .reply(200, { ok: false, error: 'channel_not_found' });
    const slack = client();
    const error = await caught(
      callSlack('chat.postMessage', () => slack.chat.postMessage({ channel: 'C404', text: 'hi' })),
    );
    expect(error).toBeInstanceOf(SlackPermanentError);
    expect(error).toMatchObject({ method: 'chat.postMessage', code: 'channel_not_found' });
    expect(scope.isDone()).toBe(true);
  });

  it('an HTTP 500 is transient, after exactly one request', async () => {
    let requests = 0;
    nock('https://slack.com')
      .post('/api/users.info')
      .times(3)
      .reply(() => {
        requests++;
        return [500, 'upstream broke'];
      });
    const slack = client();
    const error = await caught(callSlack('users.info', () => slack.users.info({ user: 'U0001' })));
    expect(error).toBeInstanceOf(SlackTransientError);
    expect(error).toMatchObject({ method: 'users.info', code: 'http_500' });
    expect(requests).toBe(1);
  });

  it('internal_error, fatal_error and service_unavailable are transient; unknown codes too', async () => {
    const slack = client();
    for (const code of ['internal_error', 'fatal_error', 'service_unavailable', 'something_new']) {
      const scope = nock('https://slack.com').post('/api/users.info').reply(200, { ok: false, error: code });
      const error = await caught(callSlack('users.info', () => slack.users.info({ user: 'U0001' })));
      expect(error).toBeInstanceOf(SlackTransientError);
      expect(error).toMatchObject({ code });
      expect(scope.isDone()).toBe(true);
    }
  });

  it('network failures and timeouts are transient', async () => {
    nock('https://slack.com').post('/api/users.info').replyWithError('socket hang up');
    const error = await caught(callSlack('users.info', () => client().users.info({ user: 'U0001' })));
    expect(error).toMatchObject({ kind: 'transient', code: 'request_error' });

    nock('https://slack.com')
      .post('/api/users.info')
      .delay(500)
      .reply(200, { ok: true, user: { id: 'U0001' } });
    const timedOut = await caught(
      callSlack('users.info', () => client({ timeoutMs: 50 }).users.info({ user: 'U0001' })),
    );
    expect(timedOut).toBeInstanceOf(SlackTransientError);
    expect(timedOut).toMatchObject({ code: 'timeout' });
  });

  it('honours apiUrl (with or without the trailing slash)', async () => {
    const scope = nock('http://127.0.0.1:9')
      .post('/stub/api/auth.test')
      .twice()
      .reply(200, { ok: true, user_id: 'UBOT' });
    for (const apiUrl of ['http://127.0.0.1:9/stub/api/', 'http://127.0.0.1:9/stub/api']) {
      const slack = createWebClient({ token: TEST_BOT_TOKEN, logger, apiUrl });
      await expect(slack.auth.test()).resolves.toMatchObject({ user_id: 'UBOT' });
    }
    expect(scope.isDone()).toBe(true);
  });

  it('uses an injected fetch', async () => {
    const urls: string[] = [];
    const fetch: webApi.FetchFunction = async (url) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ ok: true, user_id: 'UBOT' }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const slack = createWebClient({ token: TEST_BOT_TOKEN, logger, fetch });
    await expect(slack.auth.test()).resolves.toMatchObject({ user_id: 'UBOT' });
    expect(urls).toEqual(['https://slack.com/api/auth.test']);
  });

  it('never logs the token or message text, even with debug logging on', async () => {
    const { logger: capture, lines } = captureLogger('debug');
    nock('https://slack.com')
      .post('/api/chat.postMessage')
      .reply(200, {
        ok: true,
        channel: 'D0001',
        message: { text: 'very private words' },
        response_metadata: { warnings: ['missing_charset'] },
      });
    nock('https://slack.com').post('/api/chat.postMessage').replyWithError('connection reset');
    const slack = createWebClient({ token: TEST_BOT_TOKEN, logger: capture });
    await slack.chat.postMessage({ channel: 'U0001', text: 'very private words' });
    await caught(slack.chat.postMessage({ channel: 'U0001', text: 'very private words' }));
    const log = lines().join('\n');
    expect(log).toContain('missing_charset'); // the client's warnings do come through
    expect(log).not.toContain('very private words');
    expect(log).not.toContain(TEST_BOT_TOKEN);
  });

  it('singleWorkspaceClients hands out the one client for any team', async () => {
    const slack = client();
    const clients = singleWorkspaceClients(slack);
    expect(await clients.forWorkspace('T0001')).toBe(slack);
    expect(await clients.forWorkspace('T0002')).toBe(slack);
  });
});

describe('classifySlackError', () => {
  it('maps each @slack/web-api error class', () => {
    expect(classifySlackError('m', new webApi.WebAPIRateLimitedError(7))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 7000,
    });
    for (const code of [
      'not_in_channel',
      'user_not_found',
      'account_inactive',
      'invalid_auth',
      'missing_scope',
    ]) {
      expect(
        classifySlackError('m', new webApi.WebAPIPlatformError({ ok: false, error: code })),
      ).toMatchObject({
        kind: 'permanent',
        code,
      });
    }
    for (const code of ['is_archived', 'cannot_dm_bot', 'user_disabled', 'token_revoked']) {
      expect(classifySlackError('m', new webApi.WebAPIPlatformError({ ok: false, error: code })).kind).toBe(
        'permanent',
      );
    }
    expect(
      classifySlackError(
        'm',
        new webApi.WebAPIPlatformError({
          ok: false,
          error: 'ratelimited',
          response_metadata: { retryAfter: 3 },
        }),
      ),
    ).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
    expect(
      classifySlackError('m', new webApi.WebAPIPlatformError({ ok: false, error: 'rate_limited' })),
    ).toMatchObject({ kind: 'rate_limited', retryAfterMs: DEFAULT_RETRY_AFTER_MS });
    expect(classifySlackError('m', new webApi.WebAPIHTTPError(502, 'Bad Gateway', {}, ''))).toMatchObject({
      kind: 'transient',
      code: 'http_502',
    });
    expect(classifySlackError('m', new webApi.WebAPIRequestError(new Error('ECONNRESET')))).toMatchObject({
      kind: 'transient',
      code: 'request_error',
    });
    expect(classifySlackError('m', new TypeError('boom'))).toMatchObject({
      kind: 'transient',
      code: 'unknown',
    });
  });

  it('is idempotent and keeps the original as a non-enumerable cause', () => {
    const original = new webApi.WebAPIPlatformError({ ok: false, error: 'channel_not_found' });
    const classified = classifySlackError('chat.postMessage', original);
    expect(classifySlackError('other', classified)).toBe(classified);
    expect(classified.cause).toBe(original);
    expect(Object.keys(classified)).not.toContain('cause');
    expect(classified.message).toBe('chat.postMessage: channel_not_found');
  });
});
