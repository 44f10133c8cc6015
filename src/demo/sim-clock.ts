import type { TimerClock } from '../queue/index.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * Simulated time for the whole demo: a discrete-event clock. Timers wait in a queue
 * ordered by due time (then by creation order); time never moves on its own. The driver
 * calls {@link SimulatedClock.fireNext} only when the system is idle (see
 * {@link Activity}), which jumps `now` to the earliest due timer and runs every timer
 * due at that instant. Work in between (jobs, HTTP exchanges) sees a frozen clock, so a
 * week of the bot's life takes as long as the work it does, not as long as the waits.
 */
export class SimulatedClock implements TimerClock {
  private time: number;
  private seq = 0;
  /** sorted by (at, seq) */
  private readonly queue: Timer[] = [];

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer: Timer = { at: this.time + Math.max(0, Number.isFinite(ms) ? ms : 0), seq: this.seq++, fn };
    // binary search for the insertion point, keeping (at, seq) order
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.queue[mid]!;
      if (other.at < timer.at || (other.at === timer.at && other.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    const index = this.queue.indexOf(handle as Timer);
    if (index >= 0) this.queue.splice(index, 1);
  }

  /** When the next timer is due, or undefined when none is waiting. */
  nextDue(): number | undefined {
    return this.queue[0]?.at;
  }

  pending(): number {
    return this.queue.length;
  }

  /**
   * Moves time to the earliest due timer (never backwards) and runs every timer due
   * then, in order. Returns false when no timer is due at or before `until`.
   */
  fireNext(until = Number.POSITIVE_INFINITY): boolean {
    const first = this.queue[0];
    if (!first || first.at > until) return false;
    this.time = Math.max(this.time, first.at);
    const due: Timer[] = [];
    while (this.queue.length > 0 && this.queue[0]!.at <= this.time) due.push(this.queue.shift()!);
    for (const timer of due) timer.fn();
    return true;
  }

  /** Moves time forward without firing anything (to the end of the simulated span). */
  advanceTo(time: number): void {
    this.time = Math.max(this.time, time);
  }
}

/**
 * Everything that may still be working at the current simulated instant: running jobs,
 * HTTP exchanges with the Slack stand-in, members answering a check-in. The driver
 * moves time only when this is idle.
 */
export class Activity {
  private busy = 0;
  private changes = 0;
  private waiters: (() => void)[] = [];

  begin(): void {
    this.busy += 1;
    this.changes += 1;
  }

  end(): void {
    this.busy -= 1;
    this.changes += 1;
    if (this.busy === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Runs `work` counted as busy. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.begin();
    try {
      return await work();
    } finally {
      this.end();
    }
  }

  get inFlight(): number {
    return this.busy;
  }

  /**
   * Resolves once nothing is busy and nothing started or finished across two turns of
   * the event loop (so promise chains that continue after a job or request settle —
   * a job runner starting the next job, a listener continuing after ack — get to run).
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.busy > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
      const before = this.changes;
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      if (this.busy === 0 && this.changes === before) return;
    }
  }
}
