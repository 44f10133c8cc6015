import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Keys whose values must never reach a log line, wherever they sit in an object.
 * Answer values, free text and secrets travel under these names in Slack payloads,
 * job data and our own objects; pino's censor replaces them before serialisation.
 */
export const REDACTED_KEYS = [
  'token',
  'bot_token',
  'botToken',
  'access_token',
  'refresh_token',
  'refreshToken',
  'client_secret',
  'signing_secret',
  'signingSecret',
  'authorization',
  'cookie',
  'x-slack-signature',
  'values',
  'state',
  'answers',
  'answer',
  'comment',
  'comments',
  'text',
  'selected_option',
  'private_metadata',
  'payload',
  'body',
  'rawBody',
  'participationKey',
  'key',
  'secret',
] as const;

const REDACT_PATHS = REDACTED_KEYS.flatMap((key) => {
  const safe = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `["${key}"]`;
  const top = safe.startsWith('[') ? safe : safe;
  const nested = safe.startsWith('[') ? `*${safe}` : `*.${safe}`;
  const deep = safe.startsWith('[') ? `*.*${safe}` : `*.*.${safe}`;
  return [top, nested, deep];
});

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** A JSON logger for every process. Pass `destination` in tests to capture output. */
export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'relational-climate' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
