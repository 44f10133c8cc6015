import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateCycle } from '../../src/cycles/cycle-aggregate.js';
import { closeCycle } from '../../src/cycles/cycle-close.js';
import { type Database, openDatabase, type PrismaClient } from '../../src/db/client.js';
import { JOBS } from '../../src/jobs/catalog.js';
import { createLogger } from '../../src/logger.js';
import type { JobQueue } from '../../src/queue/job-queue.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../helpers/redis.js';
import { type StartedRuntime, startTestRuntime, waitFor } from '../helpers/runtime.js';
import { startWorkerProcesses, type WorkerProcesses } from '../helpers/worker-processes.js';
import { attackReleases, observeReleases } from './ledger/release-attacker.js';
import { openAndAnswer, overlappingTeams } from './ledger/scenarios.js';
import { LedgerWorld, type OpenedWorldCycle } from './ledger/world.js';

/**
 * Bypass 1 of issue 11: two overlapping teams (B = A + one person) on the same schedule
 * close at the same instant, and two workers aggregate them at the same time. Each read
 * the ledger before the other wrote it, so both were released and the extra person's
 * answers followed by subtraction. Every repetition uses a fresh workspace.
 */

const REPETITIONS = 20;
const KEY_HEX = 'e1'.repeat(32);

interface Tally {
  bothReleased: number;
  oneReleased: number;
  noneReleased: number;
  disclosures: number;
  /** disclosures that gave the extra person's answers exactly */
  exact: number;
}

async function closeTogetherRepeatedly(
  world: LedgerWorld,
  prisma: PrismaClient,
  jobs: JobQueue,
  label: string,
): Promise<{ tally: Tally; cycles: OpenedWorldCycle[][] }> {
  const tally: Tally = { bothReleased: 0, oneReleased: 0, noneReleased: 0, disclosures: 0, exact: 0 };
  const pairs: OpenedWorldCycle[][] = [];
  for (let rep = 0; rep < REPETITIONS; rep += 1) {
    const now = new Date();
    const workspaceId = await world.workspace(prisma, `T${label}${String(rep).padStart(3, '0')}`);
    const teams = await overlappingTeams(world, prisma, workspaceId);
    const a = await openAndAnswer(world, prisma, teams.a, teams, now);
    const b = await openAndAnswer(world, prisma, teams.b, teams, now);
    await Promise.all([
      jobs.enqueue(JOBS.cycleClose, { cycleId: a.id }),
      jobs.enqueue(JOBS.cycleClose, { cycleId: b.id }),
    ]);
    const summaries = await waitFor(
      async () => {
        const rows = await prisma.teamSummary.findMany({ where: { cycleId: { in: [a.id, b.id] } } });
        return rows.length === 2 ? rows : undefined;
      },
      `both summaries of repetition ${rep}`,
      60_000,
    );
    const released = summaries.filter((s) => s.status === 'released').length;
    if (released === 2) tally.bothReleased += 1;
    else if (released === 1) tally.oneReleased += 1;
    else tally.noneReleased += 1;
    recordAttack(tally, await observeReleases(prisma, [a, b]), [a, b], teams.extra);
    pairs.push([a, b]);
  }
  return { tally, cycles: pairs };
}

function recordAttack(
  tally: Tally,
  observations: Awaited<ReturnType<typeof observeReleases>>,
  cycles: OpenedWorldCycle[],
  extra: string,
): void {
  const disclosure = attackReleases(observations, cycles, 5);
  if (!disclosure) return;
  tally.disclosures += 1;
  const exact =
    disclosure.people.length === 1 &&
    disclosure.people[0] === extra &&
    [...disclosure.truth].every(([measure, total]) => disclosure.derived.get(measure) === total);
  if (exact) tally.exact += 1;
}

describe('two real worker processes on BullMQ close overlapping teams at the same instant', () => {
  let db: TestDatabase;
  const redis = testRedisPrefix();
  const world = new LedgerWorld(Buffer.from(KEY_HEX, 'hex'));
  let workers: WorkerProcesses | undefined;
  let producer: StartedRuntime | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    const apiUrl = await world.start();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redis.prefix,
      ENCRYPTION_KEY: KEY_HEX,
      SLACK_API_URL: apiUrl,
    };
    workers = await startWorkerProcesses(2, env);
    producer = await startTestRuntime(env, 'web');
  }, 120_000);

  afterAll(async () => {
    await producer?.stop();
    await workers?.stop();
    await world.stop();
    await db?.drop();
    await redis.cleanup();
  });

  it(`never releases both, and the attacker learns nothing, in ${REPETITIONS} repetitions`, async () => {
    const { tally } = await closeTogetherRepeatedly(world, db.prisma, producer!.runtime.jobs, 'RACE');
    // One process releases the first team it aggregates and suppresses the second.
    expect(tally).toEqual({
      bothReleased: 0,
      oneReleased: REPETITIONS,
      noneReleased: 0,
      disclosures: 0,
      exact: 0,
    });
    // Both processes did the work: this was a race between processes, not a queue.
    const aggregatedBy = workers!.workers.map(
      (w) => w.output().filter((line) => line.includes('"cycle aggregated"')).length,
    );
    expect(aggregatedBy.every((n) => n > 0)).toBe(true);
  }, 600_000);
});

describe('the in-process runner on PGlite closes overlapping teams at the same instant', () => {
  const world = new LedgerWorld(Buffer.from(KEY_HEX, 'hex'));
  let started: StartedRuntime | undefined;

  beforeAll(async () => {
    const apiUrl = await world.start();
    started = await startTestRuntime({ SLACK_API_URL: apiUrl, ENCRYPTION_KEY: KEY_HEX });
  }, 120_000);

  afterAll(async () => {
    await started?.stop();
    await world.stop();
  });

  it(`never releases both, and the attacker learns nothing, in ${REPETITIONS} repetitions`, async () => {
    const runtime = started!.runtime;
    const { tally } = await closeTogetherRepeatedly(world, runtime.db.prisma, runtime.jobs, 'LOCAL');
    expect(tally).toEqual({
      bothReleased: 0,
      oneReleased: REPETITIONS,
      noneReleased: 0,
      disclosures: 0,
      exact: 0,
    });
  }, 600_000);
});

describe.each([
  { name: 'PGlite', open: async () => openDatabase({ dataDir: 'memory://' }) },
  { name: 'PostgreSQL', open: async (): Promise<Database> => createTestDatabase() },
])('one process aggregating both teams at once on $name', ({ name, open }) => {
  const world = new LedgerWorld(Buffer.from(KEY_HEX, 'hex'));
  const logger = createLogger({ level: 'silent' });
  let db: Database | undefined;

  beforeAll(async () => {
    await world.start();
    db = await open();
  }, 120_000);

  afterAll(async () => {
    if (db && 'drop' in db) await (db as TestDatabase).drop();
    else await db?.close();
    await world.stop();
  });

  it(`never releases both, and the attacker learns nothing, in ${REPETITIONS} repetitions`, async () => {
    const prisma = db!.prisma;
    const tally: Tally = { bothReleased: 0, oneReleased: 0, noneReleased: 0, disclosures: 0, exact: 0 };
    for (let rep = 0; rep < REPETITIONS; rep += 1) {
      const now = new Date();
      const workspaceId = await world.workspace(prisma, `TONE${name}${String(rep).padStart(3, '0')}`);
      const teams = await overlappingTeams(world, prisma, workspaceId);
      const a = await openAndAnswer(world, prisma, teams.a, teams, now);
      const b = await openAndAnswer(world, prisma, teams.b, teams, now);
      await closeCycle({ prisma, logger }, a.id, now);
      await closeCycle({ prisma, logger }, b.id, now);
      const results = await Promise.all([
        aggregateCycle({ prisma, logger }, a.id),
        aggregateCycle({ prisma, logger }, b.id),
      ]);
      const released = results.filter((r) => r.status === 'released').length;
      if (released === 2) tally.bothReleased += 1;
      else if (released === 1) tally.oneReleased += 1;
      else tally.noneReleased += 1;
      recordAttack(tally, await observeReleases(prisma, [a, b]), [a, b], teams.extra);
    }
    expect(tally).toEqual({
      bothReleased: 0,
      oneReleased: REPETITIONS,
      noneReleased: 0,
      disclosures: 0,
      exact: 0,
    });
  }, 600_000);
});
