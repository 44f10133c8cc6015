import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { resolveEncryptionKey } from './crypto/encryption-key.js';
import { type Database, openDatabase } from './db/client.js';
import { registerListeners } from './handlers/index.js';
import { buildJobRegistry, type JobRegistry } from './jobs/registry.js';
import type { Logger } from './logger.js';
import { createJobQueue, type TimerClock } from './queue/index.js';
import type { JobQueue } from './queue/job-queue.js';
import { createSlackApp } from './slack/app.js';
import { createMemoryEventDedupe, createRedisEventDedupe, type EventDedupe } from './slack/event-dedupe.js';
import { createInstallationStore, type PrismaInstallationStore } from './slack/installation-store.js';
import { createOAuthClients } from './slack/oauth-clients.js';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './slack/rate-limiter.js';
import { createUserDirectory } from './slack/user-directory.js';
import { createWebClient, type SlackClients, singleWorkspaceClients } from './slack/web-client.js';

export interface Runtime {
  config: Config;
  db: Database;
  jobs: JobQueue;
  registry: JobRegistry;
  app?: App;
  /** OAuth mode only: the installations */
  installationStore?: PrismaInstallationStore;
  /** starts the roles this process was configured for; returns the bound HTTP port */
  start(): Promise<{ port?: number }>;
  /** graceful: stop taking requests and jobs, finish what is running, close connections */
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  fetch?: typeof fetch;
  /** our own pacing of Slack calls; defaults to Redis (with REDIS_URL) or in-memory */
  rateLimiter?: RateLimiter;
  /**
   * Simulated time for the in-process job runner (the demo). When given, the service
   * clock reads the same time unless `clock` is also given.
   */
  timerClock?: TimerClock;
}

/**
 * The composition root: builds every dependency once from the validated config and
 * hands them down explicitly. `web` serves Slack's requests, `worker` runs jobs, `all`
 * does both in one process (the embedded default).
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const timerClock = options.timerClock;
  const clock: Clock =
    options.clock ?? (timerClock ? { now: () => new Date(timerClock.now()) } : systemClock);
  const db = await openDatabase({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    logger,
  });
  let jobs: JobQueue | undefined;
  let rateLimiter: RateLimiter | undefined;
  let eventDedupe: EventDedupe | undefined;
  try {
    const encryptionKey = await resolveEncryptionKey({
      ...(config.encryptionKey ? { configured: config.encryptionKey } : {}),
      dataDir: config.dataDir,
      logger,
    });
    const auth = config.slack.auth;
    const slackApi = {
      ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    };
    // Single workspace: one bot token. OAuth: each workspace's installation, tokens sealed.
    let installationStore: PrismaInstallationStore | undefined;
    let slack: SlackClients;
    if (auth.mode === 'oauth') {
      installationStore = createInstallationStore({ prisma: db.prisma, encryptionKey, logger });
      slack = createOAuthClients({
        store: installationStore,
        logger,
        clientId: auth.clientId,
        clientSecret: auth.clientSecret,
        ...slackApi,
      });
    } else {
      slack = singleWorkspaceClients(createWebClient({ token: auth.botToken, logger, ...slackApi }));
    }
    rateLimiter =
      options.rateLimiter ??
      (config.redisUrl
        ? createRedisRateLimiter({ redisUrl: config.redisUrl, prefix: `${config.redisPrefix}-rl` })
        : createMemoryRateLimiter(clock));
    const registry = buildJobRegistry({
      prisma: db.prisma,
      logger,
      clock,
      encryptionKey,
      config,
      slack,
      rateLimiter,
      directory: createUserDirectory({ prisma: db.prisma, clock, rateLimiter }),
      queue: () => {
        if (!jobs) throw new Error('job queue not created yet');
        return jobs;
      },
    });
    jobs = createJobQueue({
      definitions: registry.definitions,
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
      prefix: config.redisPrefix,
      logger,
      ...(timerClock ? { clock: timerClock } : {}),
    });
    const queue = jobs;
    const limiter = rateLimiter;
    if (config.role !== 'worker') {
      eventDedupe = config.redisUrl
        ? createRedisEventDedupe({ redisUrl: config.redisUrl, prefix: config.redisPrefix })
        : createMemoryEventDedupe();
    }
    const dedupe = eventDedupe;
    const app =
      config.role === 'worker'
        ? undefined
        : createSlackApp({
            config,
            logger,
            health: async () => ({
              database: await db.sql.query('SELECT 1').then(
                () => 'ok' as const,
                () => 'down' as const,
              ),
            }),
            ...(options.fetch ? { fetch: options.fetch } : {}),
            ...(installationStore ? { installationStore } : {}),
            ...(dedupe ? { eventDedupe: dedupe } : {}),
          });
    if (app) {
      registerListeners(app, {
        prisma: db.prisma,
        jobs: queue,
        logger,
        clock,
        encryptionKey,
        config,
        scheduleTeam: (team) => registry.scheduleTeam(queue, team),
      });
    }

    let stopping: Promise<void> | undefined;
    return {
      config,
      db,
      jobs: queue,
      registry,
      ...(app ? { app } : {}),
      ...(installationStore ? { installationStore } : {}),
      async start() {
        let port: number | undefined;
        if (app) {
          await app.init();
          const server = (await app.start({ port: config.port, host: config.host })) as unknown;
          const address = (server as { address?: () => AddressInfo | string | null }).address?.();
          port = typeof address === 'object' && address ? address.port : config.port;
        }
        if (config.role !== 'web') {
          await registry.scheduleRecurring(queue);
          await registry.resumePending();
          await queue.start();
        }
        logger.info(
          {
            role: config.role,
            port,
            database: db.kind,
            jobs: config.redisUrl ? 'bullmq' : 'in-process',
            slack: config.slack.socketMode ? 'socket-mode' : 'http',
          },
          'relational-climate started',
        );
        return { ...(port !== undefined ? { port } : {}) };
      },
      stop() {
        stopping ??= (async () => {
          if (app) await app.stop().catch((err: unknown) => logger.warn({ err }, 'slack app stop failed'));
          await queue.close();
          await limiter.close();
          await dedupe?.close();
          await db.close();
          logger.info('relational-climate stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await jobs?.close().catch(() => undefined);
    await rateLimiter?.close().catch(() => undefined);
    await eventDedupe?.close().catch(() => undefined);
    await db.close();
    throw error;
  }
}
