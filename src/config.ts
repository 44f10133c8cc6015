import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** AES-256 key: 32 bytes, given as 64 hex characters or base64. */
const encryptionKey = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
    if (bytes.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'must be 32 bytes as 64 hex characters or base64' });
      return z.NEVER;
    }
    return bytes;
  });

const EnvSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),

  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString.refine(
    (v) => v === undefined || v.startsWith('xoxb-'),
    'must start with xoxb-',
  ),
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.refine(
    (v) => v === undefined || v.startsWith('xapp-'),
    'must start with xapp-',
  ),
  SLACK_SOCKET_MODE: booleanFlag.default(false),
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),

  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  DATA_DIR: z.string().default('.data'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]+$/, 'letters, digits, -, _ and {} only')
    .default('rc'),

  ENCRYPTION_KEY: encryptionKey.optional(),
  MIN_RESPONDENTS: z.coerce
    .number({ error: 'must be a whole number' })
    .int()
    .min(5, 'must be at least 5: no group smaller than 5 respondents is ever reported')
    .default(5),
  RETENTION_DAYS: z.coerce.number({ error: 'must be a number of days' }).int().min(1).max(3650).default(90),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(25_000),
});

export type ProcessRole = 'all' | 'web' | 'worker';

export type SlackAuth =
  | { mode: 'single-workspace'; botToken: string }
  | { mode: 'oauth'; clientId: string; clientSecret: string; stateSecret: string };

export interface Config {
  role: ProcessRole;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  port: number;
  host: string;
  slack: {
    signingSecret: string;
    auth: SlackAuth;
    socketMode: boolean;
    appToken?: string;
    apiUrl?: string;
  };
  databaseUrl?: string;
  dataDir: string;
  redisUrl?: string;
  redisPrefix: string;
  /** absent only on the embedded default, which keeps a generated key in DATA_DIR */
  encryptionKey?: Buffer;
  minRespondents: number;
  retentionDays: number;
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    readonly hint?: string,
  ) {
    super(
      ['Configuration error:', ...problems.map((p) => `  - ${p}`), ...(hint ? ['', hint] : [])].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const DEMO_HINT =
  'To see the bot work without a Slack workspace, run `npm run demo`. ' +
  'To connect it to Slack, create the app from manifest.yml (see README, "Slack app set-up").';

/**
 * Parses the environment once, at start-up. Every problem is reported at the same
 * time, each naming its variable, so one restart fixes them all.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, role: ProcessRole = 'all'): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const missing: string[] = [];

  let auth: SlackAuth | undefined;
  const oauthVars = {
    SLACK_CLIENT_ID: e.SLACK_CLIENT_ID,
    SLACK_CLIENT_SECRET: e.SLACK_CLIENT_SECRET,
    SLACK_STATE_SECRET: e.SLACK_STATE_SECRET,
  };
  const oauthGiven = Object.entries(oauthVars).filter(([, v]) => v !== undefined);
  if (e.SLACK_BOT_TOKEN) {
    auth = { mode: 'single-workspace', botToken: e.SLACK_BOT_TOKEN };
    if (oauthGiven.length > 0) {
      problems.push(
        `SLACK_BOT_TOKEN and ${oauthGiven.map(([k]) => k).join(', ')}: choose one mode, a single-workspace bot token or OAuth`,
      );
    }
  } else if (oauthGiven.length === 3) {
    auth = {
      mode: 'oauth',
      clientId: e.SLACK_CLIENT_ID!,
      clientSecret: e.SLACK_CLIENT_SECRET!,
      stateSecret: e.SLACK_STATE_SECRET!,
    };
  } else if (oauthGiven.length > 0) {
    const absent = Object.entries(oauthVars)
      .filter(([, v]) => v === undefined)
      .map(([k]) => k);
    missing.push(
      `${absent.join(', ')} (OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)`,
    );
  } else {
    missing.push(
      'SLACK_BOT_TOKEN (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for OAuth)',
    );
  }
  if (role !== 'worker' && !e.SLACK_SIGNING_SECRET) missing.push('SLACK_SIGNING_SECRET');
  if (e.SLACK_SOCKET_MODE && !e.SLACK_APP_TOKEN)
    missing.push('SLACK_APP_TOKEN (required when SLACK_SOCKET_MODE=true)');
  if (e.DATABASE_URL && !e.ENCRYPTION_KEY) {
    problems.push(
      'ENCRYPTION_KEY: required with DATABASE_URL (32 bytes, e.g. `openssl rand -hex 32`); ' +
        'only the embedded database keeps a generated key in DATA_DIR',
    );
  }

  if (missing.length > 0 || problems.length > 0) {
    throw new ConfigError(
      [...missing.map((m) => `missing ${m}`), ...problems],
      missing.length > 0 ? DEMO_HINT : undefined,
    );
  }

  return {
    role,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    host: e.HOST,
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET ?? '',
      auth: auth!,
      socketMode: e.SLACK_SOCKET_MODE,
      ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
      ...(e.SLACK_API_URL
        ? { apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/` }
        : {}),
    },
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    dataDir: e.DATA_DIR,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    redisPrefix: e.REDIS_PREFIX,
    ...(e.ENCRYPTION_KEY ? { encryptionKey: e.ENCRYPTION_KEY } : {}),
    minRespondents: e.MIN_RESPONDENTS,
    retentionDays: e.RETENTION_DAYS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
