import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import type { Config } from '../config.js';
import type { HandlerDeps } from '../handlers/handler-deps.js';
import { registerListeners } from '../handlers/index.js';
import type { Logger } from '../logger.js';
import { slackLogger } from './slack-logger.js';

export type HealthCheck = () => Promise<Record<string, 'ok' | 'down'>>;

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  deps: HandlerDeps;
  health: HealthCheck;
  /** injected for tests and the demo; defaults to the global fetch */
  fetch?: typeof fetch;
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
 * development. Routes: /slack/events for events, interactivity and commands; /healthz.
 */
export function createSlackApp(options: SlackAppOptions): App {
  const { config, logger } = options;
  const auth = config.slack.auth;
  if (auth.mode !== 'single-workspace') {
    throw new Error('OAuth multi-workspace installs are not available yet; set SLACK_BOT_TOKEN');
  }
  const app = new App({
    token: auth.botToken,
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
      ? { socketMode: true, appToken: config.slack.appToken, installerOptions: { port: config.port } }
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
  registerListeners(app, options.deps);
  return app;
}
