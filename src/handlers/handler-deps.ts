import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { TeamScheduleSettings } from '../cycles/team-schedule.js';
import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { JobQueue } from '../queue/job-queue.js';

/** What listeners may reach: services and the job queue, never SQL or scoring directly. */
export interface HandlerDeps {
  prisma: PrismaClient;
  jobs: JobQueue;
  logger: Logger;
  clock: Clock;
  /** seals and opens per-cycle participation keys */
  encryptionKey: Buffer;
  config: Pick<Config, 'minRespondents' | 'retentionDays'>;
  /** creates, replaces or (when paused) removes a team's pulse scheduler */
  scheduleTeam(team: TeamScheduleSettings & { paused: boolean }): Promise<void>;
}
