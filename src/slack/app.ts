import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type AppOptions, type InstallationStore, LogLevel } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { type EventDedupe, eventDedupeMiddleware } from './event-dedupe.js';
import { slackLogger } from './slack-logger.js';

export type HealthCheck = () => Promise<Record<string, 'ok' | 'down'>>;

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  health: HealthCheck;
  /** injected for tests and the demo; defaults to the global fetch */
  fetch?: typeof fetch;
  /** where OAuth installs are kept; required when `config.slack.auth.mode` is `oauth` */
  installationStore?: InstallationStore;
  /** drops Events API deliveries whose `event_id` was already processed */
  eventDedupe?: EventDedupe;
}

/** The bot scopes of manifest.yml: the fewest the design needs. */
export const BOT_SCOPES = [
  'chat:write',
  'commands',
  'users:read',
  'channels:read',
  'groups:read',
  'usergroups:read',
];

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_URI_PATH = '/slack/oauth_redirect';

/**
 * How Bolt authorizes requests: one bot token, or OAuth v2 with installations in our
 * store (Bolt's InstallProvider serves the install and redirect routes, verifies the
 * signed `state` against its browser cookie, and refreshes rotating tokens through the
 * store when they are within two hours of expiry).
 */
function authOptions(options: SlackAppOptions): Partial<AppOptions> {
  const { config } = options;
  const auth = config.slack.auth;
  if (auth.mode === 'single-workspace') return { token: auth.botToken };
  if (!options.installationStore) throw new Error('OAuth mode needs an installation store');
  return {
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    stateSecret: auth.stateSecret,
    scopes: BOT_SCOPES,
    installationStore: options.installationStore,
    installerOptions: {
      directInstall: true,
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_URI_PATH,
      ...(config.slack.socketMode ? { port: config.port } : {}),
    },
  };
}

function healthRoute(health: HealthCheck) {
  return async (_req: IncomingMessage, res: ServerResponse) => {
    const checks = await health().catch(() => ({ app: 'down' as const }));
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', checks }));
  };
}

/**
 * The Bolt app on the HTTP receiver (signature verification always on; Slack's
 * 5-minute replay window is enforced by Bolt's verifier), or on Socket Mode for local
 * development. Routes: /slack/events for events, interactivity and commands; /healthz;
 * in OAuth mode also /slack/install and /slack/oauth_redirect. The listeners are the
 * composition root's to register (`src/runtime.ts`), once.
 */
export function createSlackApp(options: SlackAppOptions): App {
  const { config, logger } = options;
  const app = new App({
    ...authOptions(options),
    signingSecret: config.slack.signingSecret,
    signatureVerification: true,
    // Long-running server: answer Slack as soon as ack() is called.
    processBeforeResponse: false,
    logger: slackLogger(logger, 'bolt'),
    logLevel: LogLevel.INFO,
    customRoutes: [{ path: '/healthz', method: ['GET'], handler: healthRoute(options.health) }],
    clientOptions: {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
    ...(config.slack.socketMode
      ? {
          socketMode: true,
          appToken: config.slack.appToken,
          ...(config.slack.auth.mode === 'single-workspace'
            ? { installerOptions: { port: config.port } }
            : {}),
        }
      : {}),
    deferInitialization: true,
  });
  app.error(async (error) => {
    // Bolt's error carries the original; log its kind, never the request it came with.
    logger.error(
      { err: { name: error.name, message: error.message, code: error.code } },
      'slack listener failed',
    );
  });
  if (options.eventDedupe) app.use(eventDedupeMiddleware(options.eventDedupe, logger));
  return app;
}
