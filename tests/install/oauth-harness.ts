import nock from 'nock';
import { expect } from 'vitest';
import type { SqlExecutor } from '../../src/db/sql-executor.js';
import type { Runtime } from '../../src/runtime.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type StartedRuntime, startTestRuntime } from '../helpers/runtime.js';
import { slackSignature, TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';

export const CLIENT_ID = '1111111111.2222222222';
export const CLIENT_SECRET = 'oauth-client-secret-0123456789';
export const STATE_SECRET = 'oauth-state-secret-0123456789';
export const APP_ID = 'A0000000001';

/** A Slack Web API call as nock saw it, with the bearer token it was sent with. */
export interface RecordedCall {
  method: string;
  authorization: string | undefined;
  args: Record<string, string>;
}

export interface WorkspaceInstall {
  teamId: string;
  teamName: string;
  installerId: string;
  botToken: string;
  /** with token rotation: the refresh token and seconds until the access token expires */
  refreshToken?: string;
  expiresIn?: number;
}

function decode(body: unknown): Record<string, string> {
  if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
  return (body ?? {}) as Record<string, string>;
}

/**
 * Slack's Web API under nock for OAuth tests: `oauth.v2.access` exchanges codes (and
 * refresh tokens) for the tokens the test registered, `auth.test` answers for whichever
 * bot token it is given, and every other method answers ok. Records each call with its
 * Authorization header.
 */
export function oauthSlack() {
  const calls: RecordedCall[] = [];
  const byCode = new Map<string, WorkspaceInstall>();
  const byRefresh = new Map<
    string,
    { token: string; refreshToken: string; expiresIn: number; teamId: string }
  >();
  const byToken = new Map<string, WorkspaceInstall>();
  let ts = 1_700_000_000;

  nock('https://slack.com')
    .persist()
    .post(/^\/api\/[\w.]+$/)
    .reply(function reply(uri, body) {
      const method = uri.replace('/api/', '');
      const args = decode(body);
      const header = this.req.headers.authorization;
      const authorization = Array.isArray(header) ? header[0] : header;
      calls.push({ method, authorization, args });
      switch (method) {
        case 'oauth.v2.access': {
          if (args.client_id !== CLIENT_ID || args.client_secret !== CLIENT_SECRET) {
            return [200, { ok: false, error: 'invalid_client_id' }];
          }
          if (args.grant_type === 'refresh_token') {
            const next = byRefresh.get(args.refresh_token ?? '');
            if (!next) return [200, { ok: false, error: 'invalid_refresh_token' }];
            return [
              200,
              {
                ok: true,
                access_token: next.token,
                refresh_token: next.refreshToken,
                expires_in: next.expiresIn,
                token_type: 'bot',
                team: { id: next.teamId },
              },
            ];
          }
          const install = byCode.get(args.code ?? '');
          if (!install) return [200, { ok: false, error: 'invalid_code' }];
          return [
            200,
            {
              ok: true,
              app_id: APP_ID,
              authed_user: { id: install.installerId },
              scope: 'chat:write,commands,users:read,channels:read,groups:read,usergroups:read',
              token_type: 'bot',
              access_token: install.botToken,
              bot_user_id: `UBOT${install.teamId}`,
              team: { id: install.teamId, name: install.teamName },
              enterprise: null,
              is_enterprise_install: false,
              ...(install.refreshToken
                ? { refresh_token: install.refreshToken, expires_in: install.expiresIn ?? 43_200 }
                : {}),
            },
          ];
        }
        case 'auth.test': {
          const token = authorization?.replace(/^Bearer /, '') ?? '';
          const install = byToken.get(token);
          if (!install) return [200, { ok: false, error: 'invalid_auth' }];
          return [
            200,
            {
              ok: true,
              url: `https://${install.teamId.toLowerCase()}.slack.com/`,
              team: install.teamName,
              team_id: install.teamId,
              user_id: `UBOT${install.teamId}`,
              bot_id: `BBOT${install.teamId}`,
            },
          ];
        }
        case 'chat.postMessage':
          ts += 1;
          return [200, { ok: true, channel: args.channel, ts: `${ts}.000100` }];
        default:
          return [200, { ok: true }];
      }
    });

  return {
    calls,
    /** the next OAuth code exchange (`code`) yields this install */
    expectInstall(code: string, install: WorkspaceInstall) {
      byCode.set(code, install);
      byToken.set(install.botToken, install);
    },
    /** refreshing `refreshToken` yields these tokens */
    expectRefresh(
      refreshToken: string,
      next: { token: string; refreshToken: string; expiresIn: number; teamId: string },
    ) {
      byRefresh.set(refreshToken, next);
    },
    posts: () => calls.filter((c) => c.method === 'chat.postMessage'),
  };
}

export type OAuthSlack = ReturnType<typeof oauthSlack>;

/**
 * Runs the browser side of an install: GET /slack/install (Bolt redirects to Slack's
 * authorize page with a signed `state` and sets the same state in a cookie), then the
 * redirect back from Slack with a code and that state, cookie included.
 */
export async function installViaOAuth(
  baseUrl: string,
  code: string,
): Promise<{ status: number; html: string }> {
  const start = await fetch(new URL('/slack/install', baseUrl), { redirect: 'manual' });
  expect(start.status).toBe(302);
  const location = new URL(start.headers.get('location') ?? '');
  expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
  expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(location.searchParams.get('scope')).toBe(
    'chat:write,commands,users:read,channels:read,groups:read,usergroups:read',
  );
  const state = location.searchParams.get('state');
  expect(state).toBeTruthy();
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toContain(state!);
  await start.text();
  const back = await fetch(
    new URL(`/slack/oauth_redirect?${new URLSearchParams({ code, state: state! })}`, baseUrl),
    { headers: { cookie }, redirect: 'manual' },
  );
  return { status: back.status, html: await back.text() };
}

/** POSTs a signed Events API envelope, with extra headers (e.g. X-Slack-Retry-Num). */
export async function postEventWith(
  baseUrl: string,
  envelope: unknown,
  headers: Record<string, string> = {},
): Promise<number> {
  const raw = JSON.stringify(envelope);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(new URL('/slack/events', baseUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(TEST_SIGNING_SECRET, timestamp, raw),
      ...headers,
    },
    body: raw,
  });
  await response.text();
  return response.status;
}

let eventCounter = 0;

/** An Events API envelope as Slack sends it; `eventTime` in Unix seconds defaults to now. */
export function envelope(
  teamId: string,
  event: Record<string, unknown>,
  options: { eventId?: string; eventTime?: number } = {},
) {
  eventCounter += 1;
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${Date.now()}${eventCounter}`,
    event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: `UBOT${teamId}`,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

export interface OAuthRuntime {
  db: TestDatabase;
  started: StartedRuntime;
  runtime: Runtime;
  baseUrl: string;
  /** the runtime's log lines, the lifecycle listeners' included */
  logs(): string[];
  stop(): Promise<void>;
}

/** The real runtime in OAuth mode (no bot token) on a fresh PostgreSQL database. */
export async function startOAuthRuntime(env: Record<string, string> = {}): Promise<OAuthRuntime> {
  const db = await createTestDatabase({ migrate: false });
  const started = await startTestRuntime({
    SLACK_BOT_TOKEN: '',
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    DATABASE_URL: db.url,
    ENCRYPTION_KEY: 'cd'.repeat(32),
    ...env,
  });
  const { runtime } = started;
  return {
    db,
    started,
    runtime,
    baseUrl: started.baseUrl,
    logs: started.logs,
    async stop() {
      await started.stop();
      await db.drop();
    },
  };
}

/** Every row of every table, as text (bytea as hex), for searching secrets. */
export async function dumpDatabase(sql: SqlExecutor): Promise<string> {
  const tables = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  expect(tables.length).toBeGreaterThan(5);
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await sql.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM "${table_name}" t`,
    );
    for (const r of rows) parts.push(`${table_name}: ${r.row}`);
  }
  return parts.join('\n');
}

/** A raw secret in any form a careless write would leave it: as is, hex (bytea) or base64. */
export function expectNowhere(dump: string, secret: string): void {
  expect(dump.includes(secret), 'raw token in the database').toBe(false);
  expect(dump.includes(Buffer.from(secret).toString('hex')), 'hex token in the database').toBe(false);
  expect(dump.includes(Buffer.from(secret).toString('base64').replace(/=+$/, '')), 'base64 token').toBe(
    false,
  );
  expect(dump.includes(Buffer.from(secret).toString('base64url').replace(/=+$/, '')), 'base64url token').toBe(
    false,
  );
}
