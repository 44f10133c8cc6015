import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const SLACK = { SLACK_SIGNING_SECRET: 'secret', SLACK_BOT_TOKEN: 'xoxb-1' };

function problemsOf(env: Record<string, string>, role: 'all' | 'web' | 'worker' = 'all'): string[] {
  try {
    loadConfig(env, role);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the embedded defaults when only Slack credentials are given', () => {
    const config = loadConfig(SLACK);
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '.data',
      minRespondents: 5,
      retentionDays: 90,
      slack: { auth: { mode: 'single-workspace', botToken: 'xoxb-1' }, socketMode: false },
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it('names every missing Slack variable and points to the demo', () => {
    try {
      loadConfig({});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('SLACK_BOT_TOKEN');
      expect(message).toContain('SLACK_SIGNING_SECRET');
      expect(message).toContain('npm run demo');
    }
  });

  it('lets a worker start without the signing secret, which only the web process needs', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }, 'worker').role).toBe('worker');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be a port number'],
    [
      { DATABASE_URL: 'mysql://db/x', ENCRYPTION_KEY: 'a'.repeat(64) },
      'DATABASE_URL: must be a postgres:// URL',
    ],
    [{ REDIS_URL: 'http://cache' }, 'REDIS_URL: must be a redis:// or rediss:// URL'],
    [{ MIN_RESPONDENTS: '4' }, 'MIN_RESPONDENTS: must be at least 5'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user' }, 'SLACK_BOT_TOKEN: must start with xoxb-'],
    [{ ENCRYPTION_KEY: 'short' }, 'ENCRYPTION_KEY: must be 32 bytes'],
    [{ SLACK_SOCKET_MODE: 'yes' }, 'SLACK_SOCKET_MODE'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
  ])('rejects %o with a message naming the variable', (override, expected) => {
    expect(problemsOf({ ...SLACK, ...override }).join('\n')).toContain(expected);
  });

  it('requires ENCRYPTION_KEY alongside DATABASE_URL', () => {
    expect(problemsOf({ ...SLACK, DATABASE_URL: 'postgres://db/x' }).join('\n')).toMatch(
      /^ENCRYPTION_KEY: required/m,
    );
  });

  it('accepts the key as hex or base64', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ ...SLACK, ENCRYPTION_KEY: hex }).encryptionKey).toEqual(Buffer.from(hex, 'hex'));
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...SLACK, ENCRYPTION_KEY: b64 }).encryptionKey).toEqual(Buffer.alloc(32, 7));
  });

  it('treats "false" as false for boolean flags', () => {
    expect(loadConfig({ ...SLACK, SLACK_SOCKET_MODE: 'false' }).slack.socketMode).toBe(false);
  });

  it('needs an app token in Socket Mode', () => {
    expect(problemsOf({ ...SLACK, SLACK_SOCKET_MODE: 'true' }).join('\n')).toContain('SLACK_APP_TOKEN');
  });

  it('refuses a bot token and OAuth credentials together', () => {
    expect(problemsOf({ ...SLACK, SLACK_CLIENT_ID: 'id' }).join('\n')).toContain('choose one mode');
  });

  it('names the OAuth variables that are still missing', () => {
    const problems = problemsOf({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'id' }).join('\n');
    expect(problems).toContain('SLACK_CLIENT_SECRET, SLACK_STATE_SECRET');
  });
});

describe('npm start without any environment', () => {
  it('exits non-zero with the missing-credentials message', async () => {
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '' },
    });
    const error = await run.then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr).toContain('missing SLACK_SIGNING_SECRET');
    expect(error?.stderr).toContain('npm run demo');
  });
});
