import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { RateLimiter } from '../slack/rate-limiter.js';
import type { UserDirectory } from '../slack/user-directory.js';
import type { SlackClients } from '../slack/web-client.js';

/** Everything a job processor may use, passed in once by the runtime. */
export interface JobDeps {
  prisma: PrismaClient;
  logger: Logger;
  clock: Clock;
  encryptionKey: Buffer;
  config: Pick<Config, 'minRespondents' | 'retentionDays'>;
  slack: SlackClients;
  rateLimiter: RateLimiter;
  directory: UserDirectory;
  /** the queue this registry runs on, for jobs that fan out; set once it exists */
  queue(): JobQueue;
}
