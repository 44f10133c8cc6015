import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type ProcessRole } from '../../src/config.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.js';
import { captureLogger } from './logger.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './slack-requests.js';

export interface StartedRuntime {
  runtime: Runtime;
  baseUrl: string;
  logs: () => string[];
  stop(): Promise<void>;
}

/**
 * Starts the real runtime (Bolt HTTP receiver on an ephemeral port, database, job
 * queue) with test Slack credentials. Without DATABASE_URL/REDIS_URL in `env` it runs
 * on the embedded default: PGlite in a temporary directory and the in-process runner.
 */
export async function startTestRuntime(
  env: Record<string, string> = {},
  role: ProcessRole = 'all',
  overrides: Pick<RuntimeOptions, 'clock' | 'rateLimiter'> = {},
): Promise<StartedRuntime> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rc-runtime-'));
  const config = loadConfig(
    {
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...env,
    },
    role,
  );
  const { logger, lines } = captureLogger();
  const runtime = await createRuntime({ config, logger, ...overrides });
  const { port } = await runtime.start();
  return {
    runtime,
    baseUrl: `http://127.0.0.1:${port}`,
    logs: lines,
    async stop() {
      await runtime.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null)
      return value as Exclude<T, undefined | null | false>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
