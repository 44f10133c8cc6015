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

const REDACTED = new Set<string>(REDACTED_KEYS.map((k) => k.toLowerCase()));
const CENSOR = '[redacted]';
const MAX_DEPTH = 12;

/**
 * Copies a log object with every value under a redacted key replaced, at any depth
 * (pino's own path-based redaction needs every path spelled out in advance).
 */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return CENSOR;
  if (value instanceof Error) {
    const copy: Record<string, unknown> = { type: value.name, message: value.message, stack: value.stack };
    for (const [k, v] of Object.entries(value))
      copy[k] = REDACTED.has(k.toLowerCase()) ? CENSOR : redact(v, depth + 1);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = REDACTED.has(k.toLowerCase()) ? CENSOR : redact(v, depth + 1);
  return out;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** A JSON logger for every process. Pass `destination` in tests to capture output. */
export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'relational-climate' },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object) as Record<string, unknown>,
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
