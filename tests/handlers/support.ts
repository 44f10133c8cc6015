import nock from 'nock';
import { expect } from 'vitest';
import { postCommand, postEvent, postInteraction } from '../helpers/slack-requests.js';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
}

const JSON_FIELDS = new Set(['blocks', 'view']);

function decode(body: unknown): Record<string, unknown> {
  const raw =
    typeof body === 'string'
      ? Object.fromEntries(new URLSearchParams(body))
      : ((body ?? {}) as Record<string, unknown>);
  return Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, JSON_FIELDS.has(k) && typeof v === 'string' ? JSON.parse(v) : v]),
  );
}

/**
 * Slack as these tests need it: the Web API methods the settings and Home listeners call
 * (views.open, views.publish, chat.postMessage) and the response_url hooks, all recorded.
 */
export function fakeSlackSurfaces() {
  const calls: RecordedCall[] = [];
  const hooks = new Map<string, Record<string, unknown>[]>();
  nock('https://slack.com')
    .persist()
    .post(/^\/api\/[\w.]+$/)
    .reply((uri, body) => {
      const method = uri.replace('/api/', '');
      const args = decode(body);
      calls.push({ method, args });
      switch (method) {
        case 'auth.test':
          return [200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0000000001' }];
        case 'views.open':
        case 'views.publish':
          return [200, { ok: true, view: { id: 'V1', ...(args.view as object) } }];
        case 'chat.postMessage':
          return [200, { ok: true, channel: args.channel, ts: '1700000000.000100' }];
        default:
          return [200, { ok: false, error: 'unknown_method' }];
      }
    });
  nock('https://hooks.slack.com')
    .persist()
    .post(/.*/)
    .reply(function reply(uri, body) {
      const list = hooks.get(uri) ?? [];
      list.push(body as Record<string, unknown>);
      hooks.set(uri, list);
      return [200, 'ok'];
    });
  return {
    calls,
    callsTo: (method: string) => calls.filter((c) => c.method === method),
    hookReplies: (path: string) => hooks.get(path) ?? [],
  };
}

export type FakeSlackSurfaces = ReturnType<typeof fakeSlackSurfaces>;

let hookCounter = 0;

export interface Driver {
  baseUrl: string;
  slack: FakeSlackSurfaces;
  slackTeamId: string;
}

/** Runs `/climate <text>` and returns the ephemeral reply posted to its response_url. */
export async function climate(
  driver: Driver,
  userId: string,
  text: string,
  triggerId = `trigger-${hookCounter}`,
) {
  hookCounter += 1;
  const path = `/commands/${driver.slackTeamId}/${hookCounter}/x`;
  const response = await postCommand(driver.baseUrl, {
    command: '/climate',
    text,
    user_id: userId,
    team_id: driver.slackTeamId,
    trigger_id: triggerId,
    response_url: `https://hooks.slack.com${path}`,
  });
  expect(response.status).toBe(200);
  return {
    /** waits for the ephemeral reply */
    reply: async () => {
      await expect.poll(() => driver.slack.hookReplies(path).length, { timeout: 5_000 }).toBeGreaterThan(0);
      return driver.slack.hookReplies(path)[0] as { text: string; response_type: string; blocks?: unknown[] };
    },
    /** true when no reply arrived within a short wait */
    noReply: async () => {
      await new Promise((r) => setTimeout(r, 300));
      return driver.slack.hookReplies(path).length === 0;
    },
  };
}

export async function replyText(driver: Driver, userId: string, text: string): Promise<string> {
  return (await (await climate(driver, userId, text)).reply()).text;
}

/** Submits a view (view_submission) and returns the JSON Slack would get back ('' when plain ack). */
export async function submitView(
  driver: Driver,
  userId: string,
  view: { callback_id: string; private_metadata: string; state: { values: Record<string, unknown> } },
) {
  const response = await postInteraction(driver.baseUrl, {
    type: 'view_submission',
    team: { id: driver.slackTeamId, domain: 'example' },
    user: { id: userId, username: userId.toLowerCase(), team_id: driver.slackTeamId },
    api_app_id: 'A0000000001',
    token: 'legacy',
    trigger_id: 'submit-trigger',
    view: { id: 'V1', team_id: driver.slackTeamId, type: 'modal', hash: 'h', blocks: [], ...view },
  });
  expect(response.status).toBe(200);
  return response.text ? (response.json() as Record<string, unknown>) : {};
}

let eventCounter = 0;

export async function openHome(driver: Driver, userId: string) {
  eventCounter += 1;
  const before = driver.slack.callsTo('views.publish').length;
  const response = await postEvent(driver.baseUrl, {
    token: 'legacy',
    team_id: driver.slackTeamId,
    api_app_id: 'A0000000001',
    type: 'event_callback',
    event_id: `Ev${Date.now()}${eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home', event_ts: '1.2' },
  });
  expect(response.status).toBe(200);
  await expect.poll(() => driver.slack.callsTo('views.publish').length, { timeout: 5_000 }).toBe(before + 1);
  return driver.slack.callsTo('views.publish').at(-1)!.args as {
    user_id: string;
    view: { type: 'home'; blocks: { type: string; block_id?: string }[] };
  };
}
