import nock from 'nock';

export interface SlackCall {
  method: string;
  /** the request's fields; JSON-encoded fields (blocks, view) are decoded */
  args: Record<string, unknown>;
}

export interface FakeUser {
  id: string;
  tz?: string;
  is_bot?: boolean;
  deleted?: boolean;
}

export interface FakeSlackOptions {
  /** members of each channel, served by conversations.members in pages of `pageSize` */
  channels?: Record<string, string[]>;
  users?: FakeUser[];
  pageSize?: number;
  /** return a 429 with this Retry-After (seconds) for the nth chat.postMessage (1-based) */
  rateLimitNthPost?: { n: number; retryAfterSeconds: number };
}

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

function decode(body: unknown): Record<string, unknown> {
  const raw =
    typeof body === 'string'
      ? Object.fromEntries(new URLSearchParams(body))
      : ((body ?? {}) as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    out[key] = JSON_FIELDS.has(key) && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return out;
}

/**
 * Slack's Web API as nock sees it: answers the methods the bot uses the way Slack does
 * and records every call, so tests assert on what the bot actually sent.
 */
export function fakeSlack(options: FakeSlackOptions = {}) {
  const calls: SlackCall[] = [];
  const users = new Map((options.users ?? []).map((u) => [u.id, u]));
  const pageSize = options.pageSize ?? 200;
  let posts = 0;
  let ts = 1_700_000_000;

  const scope = nock('https://slack.com')
    .persist()
    .post(/^\/api\/[\w.]+$/)
    .reply(function reply(uri, body) {
      const method = uri.replace('/api/', '');
      const args = decode(body);
      calls.push({ method, args });
      switch (method) {
        case 'auth.test':
          return [200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0000000001' }];
        case 'conversations.members': {
          const members = options.channels?.[String(args.channel)];
          if (!members) return [200, { ok: false, error: 'channel_not_found' }];
          const start = Number(args.cursor ?? 0);
          const page = members.slice(start, start + pageSize);
          const next = start + pageSize < members.length ? String(start + pageSize) : '';
          return [200, { ok: true, members: page, response_metadata: { next_cursor: next } }];
        }
        case 'users.info': {
          const user = users.get(String(args.user));
          if (!user) return [200, { ok: false, error: 'user_not_found' }];
          return [
            200,
            {
              ok: true,
              user: {
                id: user.id,
                tz: user.tz ?? 'UTC',
                is_bot: Boolean(user.is_bot),
                deleted: Boolean(user.deleted),
              },
            },
          ];
        }
        case 'chat.postMessage': {
          posts += 1;
          if (options.rateLimitNthPost && posts === options.rateLimitNthPost.n) {
            calls.at(-1)!.method = 'chat.postMessage (429)';
            return [
              429,
              { ok: false, error: 'ratelimited' },
              { 'Retry-After': String(options.rateLimitNthPost.retryAfterSeconds) },
            ];
          }
          const channel = String(args.channel);
          ts += 1;
          return [
            200,
            {
              ok: true,
              channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel,
              ts: `${ts}.000100`,
            },
          ];
        }
        case 'chat.update':
          return [200, { ok: true, channel: args.channel, ts: args.ts }];
        case 'views.open':
          return [200, { ok: true, view: { id: 'V1', ...(args.view as object) } }];
        default:
          return [200, { ok: false, error: 'unknown_method' }];
      }
    });

  return {
    calls,
    callsTo: (method: string) => calls.filter((c) => c.method === method),
    done: () => scope.persist(false),
  };
}
