import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from './sim-clock.js';

/** A user as `users.info` describes them. */
export interface StandInUser {
  id: string;
  name: string;
  tz: string;
  isBot?: boolean;
  deleted?: boolean;
}

/** A message the bot posted (chat.postMessage), as the stand-in stored it. */
export interface PostedMessage {
  /** the channel the bot asked for (a user id for a DM, a channel id otherwise) */
  requested: string;
  /** the channel Slack answers with (a DM channel `D…` for a user id) */
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  /** simulated time of the post, ms */
  at: number;
  updates: number;
}

export interface StandInOptions {
  botToken: string;
  slackTeamId: string;
  botUserId: string;
  users: StandInUser[];
  /** channel id → member ids */
  channels: Record<string, string[]>;
  /** channels the bot may post to besides the member channels (summary channels) */
  postableChannels: string[];
  clock: { now(): number };
  activity: Activity;
  /** called while chat.postMessage is answered (the message is stored by then) */
  onPost?: (message: PostedMessage) => void;
}

interface Window {
  max: number;
  perMs: number;
}

const MINUTE = 60_000;
const TIER_2: Window = { max: 20, perMs: MINUTE };
const TIER_3: Window = { max: 50, perMs: MINUTE };
const TIER_4: Window = { max: 100, perMs: MINUTE };

/**
 * Slack's documented limits (docs/reference/slack.md §2), per method per workspace per
 * app; chat.postMessage is "about one message per second per channel". Slack's
 * unpublished workspace-wide cap on chat.postMessage is not modelled.
 */
export const STAND_IN_LIMITS: Record<string, Window | undefined> = {
  'chat.postMessage': { max: 1, perMs: 1_000 },
  'chat.update': TIER_3,
  'views.open': TIER_4,
  'users.info': TIER_4,
  'conversations.members': TIER_4,
  'usergroups.users.list': TIER_2,
};

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

function decode(raw: string, contentType: string | undefined): Record<string, unknown> {
  let fields: Record<string, unknown>;
  if (contentType?.includes('application/json'))
    fields = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  else fields = Object.fromEntries(new URLSearchParams(raw));
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (JSON_FIELDS.has(key) && typeof value === 'string') {
      try {
        fields[key] = JSON.parse(value);
      } catch {
        // left as sent; the method answers invalid_arguments below where it matters
      }
    }
  }
  return fields;
}

type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/**
 * A local stand-in for Slack's Web API on 127.0.0.1: the methods the bot calls, with the
 * shapes Slack answers, its rate limits measured on the simulated clock (429 with
 * `Retry-After`), and a record of every call. Members' DMs and the summary posts are
 * kept, so the simulated workforce can answer and the demo can write the posts out.
 */
export class SlackStandIn {
  private server: Server | undefined;
  private nextTs = 1_700_000_000;
  private readonly users: Map<string, StandInUser>;
  private readonly windows = new Map<string, number[]>();
  private readonly waiters = new Map<string, { resolve: (v: Record<string, unknown>) => void }>();
  private readonly arrived = new Map<string, Record<string, unknown>>();
  private readonly messages = new Map<string, PostedMessage>();
  readonly posts: PostedMessage[] = [];
  readonly calls: Record<string, number> = {};
  readonly rateLimited: Record<string, number> = {};
  readonly errors: Record<string, number> = {};
  url = '';

  constructor(private readonly options: StandInOptions) {
    this.users = new Map(options.users.map((u) => [u.id, u]));
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api/`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Resolves with the arguments of the call identified by `key` (`views.open:<trigger>`
   * or `chat.update:<channel>:<ts>`), whether it already arrived or arrives later; rejects
   * after `timeoutMs` of real time.
   */
  waitFor(key: string, timeoutMs: number): Promise<Record<string, unknown>> {
    const seen = this.arrived.get(key);
    if (seen) {
      this.arrived.delete(key);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(new Error(`the bot never called ${key.split(':')[0]}`));
      }, timeoutMs);
      this.waiters.set(key, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      });
    });
  }

  private notify(key: string, args: Record<string, unknown>): void {
    const waiter = this.waiters.get(key);
    if (waiter) {
      this.waiters.delete(key);
      waiter.resolve(args);
    } else {
      this.arrived.set(key, args);
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const { activity } = this.options;
    activity.begin();
    let ended = false;
    const end = () => {
      if (!ended) {
        ended = true;
        activity.end();
      }
    };
    res.once('finish', end);
    res.once('close', end);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => {
      res.destroy();
      end();
    });
    req.on('end', () => {
      let answer: Answer;
      try {
        answer = this.answer(req, Buffer.concat(chunks).toString('utf8'));
      } catch {
        answer = { status: 200, body: { ok: false, error: 'invalid_arguments' } };
      }
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      if (answer.status === 429) this.rateLimited[method] = (this.rateLimited[method] ?? 0) + 1;
      else if (answer.body.ok === false) this.errors[method] = (this.errors[method] ?? 0) + 1;
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  }

  /** Takes a slot in the method's window on the simulated clock, or says how long to wait. */
  private reserve(key: string, limit: Window): number {
    const now = this.options.clock.now();
    const stamps = this.windows.get(key) ?? [];
    while (stamps.length > 0 && stamps[0]! <= now - limit.perMs) stamps.shift();
    this.windows.set(key, stamps);
    if (stamps.length < limit.max) {
      stamps.push(now);
      return 0;
    }
    return stamps[0]! + limit.perMs - now;
  }

  private answer(req: IncomingMessage, raw: string): Answer {
    const ok = (body: Record<string, unknown>): Answer => ({ status: 200, body: { ok: true, ...body } });
    const fail = (error: string): Answer => ({ status: 200, body: { ok: false, error } });
    if (req.method !== 'POST' || !req.url?.startsWith('/api/')) return { status: 404, body: { ok: false } };
    const method = req.url.replace(/^\/api\//, '').split('?')[0] ?? '';
    this.calls[method] = (this.calls[method] ?? 0) + 1;
    const args = decode(raw, req.headers['content-type']);
    const bearer = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? args.token;
    if (!bearer) return fail('not_authed');
    if (bearer !== this.options.botToken) return fail('invalid_auth');

    const limit = STAND_IN_LIMITS[method];
    if (limit) {
      const key = method === 'chat.postMessage' ? `${method}:${String(args.channel)}` : method;
      const wait = this.reserve(key, limit);
      if (wait > 0) {
        return {
          status: 429,
          body: { ok: false, error: 'ratelimited' },
          headers: { 'Retry-After': String(Math.max(1, Math.ceil(wait / 1_000))) },
        };
      }
    }

    const { slackTeamId, botUserId } = this.options;
    switch (method) {
      case 'auth.test':
        return ok({
          url: 'https://demo.example.slack.com/',
          team: 'Demo Organisation',
          user: 'relational-climate',
          team_id: slackTeamId,
          user_id: botUserId,
          bot_id: 'BDEMOBOT01',
          is_enterprise_install: false,
        });
      case 'conversations.members': {
        const members = this.options.channels[String(args.channel)];
        if (!members) return fail('channel_not_found');
        const pageSize = Math.min(1_000, Math.max(1, Number(args.limit ?? 100) || 100));
        const start = args.cursor ? Number(Buffer.from(String(args.cursor), 'base64').toString('utf8')) : 0;
        if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
        const page = members.slice(start, start + pageSize);
        const next =
          start + pageSize < members.length ? Buffer.from(String(start + pageSize)).toString('base64') : '';
        return ok({ members: page, response_metadata: { next_cursor: next } });
      }
      case 'usergroups.users.list': {
        const members = this.options.channels[String(args.usergroup)];
        if (!members) return fail('no_such_subteam');
        return ok({ users: members });
      }
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return fail('user_not_found');
        return ok({
          user: {
            id: user.id,
            team_id: slackTeamId,
            name: user.name,
            real_name: user.name,
            tz: user.tz,
            is_bot: Boolean(user.isBot),
            deleted: Boolean(user.deleted),
          },
        });
      }
      case 'chat.postMessage': {
        const requested = String(args.channel ?? '');
        let channel: string;
        if (requested.startsWith('U')) {
          const user = this.users.get(requested);
          if (!user || user.deleted) return fail('user_not_found');
          if (user.isBot) return fail('cannot_dm_bot');
          channel = `D${requested.slice(1)}`;
        } else if (this.options.postableChannels.includes(requested) || this.options.channels[requested]) {
          channel = requested;
        } else {
          return fail('channel_not_found');
        }
        if (typeof args.text !== 'string' && !Array.isArray(args.blocks)) return fail('no_text');
        this.nextTs += 1;
        const message: PostedMessage = {
          requested,
          channel,
          ts: `${this.nextTs}.000100`,
          text: String(args.text ?? ''),
          blocks: Array.isArray(args.blocks) ? args.blocks : [],
          at: this.options.clock.now(),
          updates: 0,
        };
        this.messages.set(`${channel}:${message.ts}`, message);
        this.posts.push(message);
        this.options.onPost?.(message);
        return ok({ channel, ts: message.ts, message: { text: message.text, ts: message.ts } });
      }
      case 'chat.update': {
        const key = `${String(args.channel)}:${String(args.ts)}`;
        const message = this.messages.get(key);
        if (!message) return fail('message_not_found');
        message.text = String(args.text ?? message.text);
        if (Array.isArray(args.blocks)) message.blocks = args.blocks;
        message.updates += 1;
        this.notify(`chat.update:${key}`, args);
        return ok({ channel: message.channel, ts: message.ts, text: message.text });
      }
      case 'views.open': {
        const trigger = String(args.trigger_id ?? '');
        if (!trigger) return fail('invalid_trigger_id');
        const view = args.view as Record<string, unknown> | undefined;
        if (!view || typeof view !== 'object') return fail('invalid_arguments');
        this.notify(`views.open:${trigger}`, args);
        return ok({
          view: { id: `V${trigger.replace(/\W/g, '').slice(-10)}`, team_id: slackTeamId, ...view },
        });
      }
      default:
        return fail('unknown_method');
    }
  }
}
