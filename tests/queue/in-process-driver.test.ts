/**
 * The in-process runner under simulated time: the injectable TimerClock lets a test (or
 * the demo) cover minutes, days and weeks in milliseconds of real time.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../src/logger.js';
import { createInProcessJobQueue, defineJob, type TimerClock } from '../../src/queue/index.js';

const logger = createLogger({ level: 'silent' });

/** Timers fire only when the test advances time, in due order. */
class ManualClock implements TimerClock {
  private current: number;
  private nextHandle = 1;
  private readonly timers = new Map<number, { due: number; fn: () => void }>();

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { due: this.current + Math.max(0, ms), fn });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward, firing due timers in order and letting the jobs they start settle. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const [handle, timer] = [...this.timers.entries()].sort((a, b) => a[1].due - b[1].due)[0] ?? [];
      if (handle === undefined || timer === undefined || timer.due > target) break;
      this.timers.delete(handle);
      this.current = timer.due;
      timer.fn();
      await settle();
    }
    this.current = target;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('in-process driver with a simulated clock', () => {
  it("retries on BullMQ's exponential schedule: 1, 2 and 4 minutes", async () => {
    const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
    const attemptsAt: number[] = [];
    const job = defineJob({
      name: 'flaky',
      schema: z.object({ round: z.number() }),
      jobId: (payload) => `flaky-${payload.round}`,
      attempts: 4,
      backoff: { type: 'exponential', delayMs: MINUTE },
      async process() {
        attemptsAt.push(clock.now());
        throw new Error('Slack is down');
      },
    });
    const queue = createInProcessJobQueue({ definitions: [job], logger, clock });
    await queue.start();
    const start = clock.now();

    await queue.enqueue(job, { round: 1 });
    await clock.advance(DAY);

    expect(attemptsAt.map((at) => at - start)).toEqual([0, MINUTE, 3 * MINUTE, 7 * MINUTE]);
    await queue.close();
  });

  it('de-duplicates a completed id for the retention window (7 days), then accepts it again', async () => {
    const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
    let runs = 0;
    const job = defineJob({
      name: 'remind',
      schema: z.object({ cycleId: z.string() }),
      jobId: (payload) => `remind-${payload.cycleId}`,
      async process() {
        runs += 1;
      },
    });
    const queue = createInProcessJobQueue({ definitions: [job], logger, clock });
    await queue.start();

    await queue.enqueue(job, { cycleId: 'c1' });
    await clock.advance(6 * DAY);
    const withinWindow = await queue.enqueue(job, { cycleId: 'c1' });
    await clock.advance(DAY + MINUTE);
    const afterWindow = await queue.enqueue(job, { cycleId: 'c1' });
    await clock.advance(MINUTE);

    expect(withinWindow.deduplicated).toBe(true);
    expect(afterWindow.deduplicated).toBe(false);
    expect(runs).toBe(2);
    await queue.close();
  });

  it('runs a cron schedule at the wall-clock time of its time zone', async () => {
    // From Monday 2 March 2026, 06:00 UTC. 09:00 in Berlin is 08:00 UTC until summer
    // time starts on 29 March, then 07:00 UTC.
    const clock = new ManualClock(new Date('2026-03-02T06:00:00Z'));
    const ran: string[] = [];
    const job = defineJob({
      name: 'cycle-tick',
      schema: z.object({ teamId: z.string() }),
      jobId: (payload) => `cycle-tick-${payload.teamId}`,
      async process() {
        ran.push(new Date(clock.now()).toISOString());
      },
    });
    const queue = createInProcessJobQueue({ definitions: [job], logger, clock });
    await queue.start();

    await queue.schedule(job, 'weekly-T1', { pattern: '0 9 * * 1', tz: 'Europe/Berlin' }, { teamId: 'T1' });
    await clock.advance(29 * DAY);

    expect(ran).toEqual([
      '2026-03-02T08:00:00.000Z',
      '2026-03-09T08:00:00.000Z',
      '2026-03-16T08:00:00.000Z',
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    await queue.close();
  });
});
