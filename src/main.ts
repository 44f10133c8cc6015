/**
 * npm start | npm run web | npm run worker
 *
 * Validates the environment once, builds the runtime and runs until SIGINT/SIGTERM,
 * then shuts down gracefully within SHUTDOWN_TIMEOUT_MS.
 */
import { ConfigError, loadConfig, type ProcessRole } from './config.js';
import { createLogger } from './logger.js';
import { createRuntime } from './runtime.js';

const ROLES = ['all', 'web', 'worker'] as const;

async function main(): Promise<void> {
  const arg = process.argv[2] ?? 'all';
  if (!ROLES.includes(arg as ProcessRole)) {
    console.error(`Unknown process role "${arg}". Use one of: ${ROLES.join(', ')}.`);
    process.exit(2);
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, arg as ProcessRole);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const logger = createLogger({ level: config.logLevel });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });

  const runtime = await createRuntime({ config, logger });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    runtime.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  try {
    await runtime.start();
  } catch (error) {
    logger.fatal({ err: error }, 'could not start; check the Slack credentials and services named above');
    await runtime.stop().catch(() => undefined);
    process.exit(1);
  }
}

await main();
