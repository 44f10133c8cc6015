import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { JOBS } from '../../src/jobs/catalog.js';
import { type PulseServices, pulsePipeline } from '../../src/jobs/pulse-pipeline.js';
import { createLogger } from '../../src/logger.js';
import { type JobContext, type JobSpec, UnrecoverableJobError } from '../../src/queue/job-definition.js';
import { SlackPacingWait, SlackPermanentError, SlackRateLimitedError } from '../../src/slack/slack-errors.js';

/**
 * The pipeline with every service faked: what each step calls, what it enqueues next
 * and with what delay, and how it maps the service's outcome onto the job's fate.
 */

const NOW = new Date('2026-11-24T09:00:00Z');
const clock = { now: () => NOW };
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const id = () => randomUUID();

interface Enqueued {
  job: string;
  id: string;
  payload: unknown;
  delayMs: number;
}

const unused = (): never => {
  throw new Error('this step should not call that service');
};
const idle: PulseServices = {
  openCycle: unused,
  deliverCheckin: unused,
  deliveriesToRemind: unused,
  remindMember: unused,
  closeCycle: unused,
  aggregateCycle: unused,
  postSummary: unused,
  postComments: unused,
  sendTeamTooSmallNotice: unused,
  purgeExpiredAnswers: unused,
};

function harness(services: Partial<PulseServices>) {
  const enqueued: Enqueued[] = [];
  const queue = {
    async enqueue<P>(spec: JobSpec<P>, payload: P, opts?: { delayMs?: number }) {
      const jobId = spec.jobId(spec.schema.parse(payload));
      enqueued.push({ job: spec.name, id: jobId, payload, delayMs: opts?.delayMs ?? 0 });
      return { id: jobId, deduplicated: false };
    },
  };
  const pipeline = pulsePipeline({ services: { ...idle, ...services }, clock, queue: () => queue });
  const logger = createLogger({ level: 'silent' });
  const warn = vi.spyOn(logger, 'warn');
  const rateLimit = vi.fn(async (ms: number): Promise<never> => {
    throw new Error(`put back for ${ms} ms`);
  });
  const run = async (name: string, payload: unknown, attempt = 1) => {
    const def = pipeline.definitions.find((d) => d.name === name)!;
    const ctx: JobContext = { jobId: 'test', attempt, logger, rateLimit };
    return def.process(def.schema.parse(payload), ctx);
  };
  return { pipeline, enqueued, run, rateLimit, warn };
}

describe('the pulse pipeline', () => {
  it('binds every job of the catalog once, in the order the pulse runs', () => {
    const { pipeline } = harness({});
    expect(pipeline.definitions.map((d) => d.name)).toEqual([
      'cycle-open',
      'checkin-deliver',
      'cycle-remind',
      'checkin-remind',
      'cycle-close',
      'cycle-aggregate',
      'summary-post',
      'comments-post',
      'lead-notice',
      'retention-purge',
    ]);
    const catalog = Object.values(JOBS);
    expect(pipeline.definitions).toHaveLength(catalog.length);
    for (const def of pipeline.definitions) {
      const spec = catalog.find((s) => s.name === def.name)!;
      expect(def).toMatchObject({ ...spec, process: expect.any(Function) });
    }
  });

  it('1. open: each delivery at its send time, the reminder and the close at theirs', async () => {
    const cycle = {
      id: id(),
      closesAt: at(72),
      remindAt: at(48),
      deliveries: [
        { id: id(), sendAt: at(1) },
        { id: id(), sendAt: at(10) },
      ],
    };
    const teamId = id();
    const { run, enqueued } = harness({ openCycle: async () => ({ status: 'opened', cycle }) });
    expect(await run('cycle-open', { teamId })).toBe('opened');
    expect(enqueued).toEqual([
      {
        job: 'checkin-deliver',
        id: `checkin-deliver-${cycle.deliveries[0]!.id}`,
        payload: { deliveryId: cycle.deliveries[0]!.id },
        delayMs: 3_600_000,
      },
      {
        job: 'checkin-deliver',
        id: `checkin-deliver-${cycle.deliveries[1]!.id}`,
        payload: { deliveryId: cycle.deliveries[1]!.id },
        delayMs: 36_000_000,
      },
      {
        job: 'cycle-remind',
        id: `cycle-remind-${cycle.id}`,
        payload: { cycleId: cycle.id },
        delayMs: 48 * 3_600_000,
      },
      {
        job: 'cycle-close',
        id: `cycle-close-${cycle.id}`,
        payload: { cycleId: cycle.id },
        delayMs: 72 * 3_600_000,
      },
    ]);
  });

  it('1. open: a retry that finds the cycle enqueues the same ids; no reminder when there is no time for one', async () => {
    const cycle = { id: id(), closesAt: at(-1), remindAt: null, deliveries: [] };
    const { run, enqueued } = harness({ openCycle: async () => ({ status: 'already_open', cycle }) });
    await run('cycle-open', { teamId: id() });
    expect(enqueued).toEqual([
      { job: 'cycle-close', id: `cycle-close-${cycle.id}`, payload: { cycleId: cycle.id }, delayMs: 0 },
    ]);
  });

  it('1. open: a team too small gets a notice to each lead, and nothing else', async () => {
    const teamId = id();
    const { run, enqueued } = harness({
      openCycle: async () => ({
        status: 'too_small',
        eligible: 3,
        leads: ['U0LEAD01', 'U0LEAD02'],
        roundKey: '2026-W48',
      }),
    });
    expect(await run('cycle-open', { teamId })).toBe('too_small');
    expect(enqueued.map((e) => [e.job, e.id])).toEqual([
      ['lead-notice', `lead-notice-${teamId}-U0LEAD01-too_small-2026-W48`],
      ['lead-notice', `lead-notice-${teamId}-U0LEAD02-too_small-2026-W48`],
    ]);
    expect(enqueued[0]!.payload).toEqual({
      teamId,
      slackUserId: 'U0LEAD01',
      notice: 'too_small',
      eligible: 3,
      roundKey: '2026-W48',
    });
  });

  it('1. open: a paused, unsourced or off-week team enqueues nothing', async () => {
    const { run, enqueued } = harness({ openCycle: async () => ({ status: 'skipped', reason: 'paused' }) });
    expect(await run('cycle-open', { teamId: id() })).toBe('skipped');
    expect(enqueued).toEqual([]);
  });

  it('2. deliver: tells the service when this is the last attempt, and enqueues nothing', async () => {
    const deliverCheckin = vi.fn(async () => 'sent');
    const { run, enqueued } = harness({ deliverCheckin });
    const deliveryId = id();
    await run('checkin-deliver', { deliveryId }, 5);
    await run('checkin-deliver', { deliveryId }, 6);
    expect(deliverCheckin.mock.calls).toEqual([
      [deliveryId, { finalAttempt: false }],
      [deliveryId, { finalAttempt: true }],
    ]);
    expect(enqueued).toEqual([]);
  });

  it('3. remind: one reminder job per member yet to answer, at once', async () => {
    const ids = [id(), id()];
    const { run, enqueued } = harness({ deliveriesToRemind: async () => ids });
    expect(await run('cycle-remind', { cycleId: id() })).toBe(2);
    expect(enqueued.map((e) => [e.job, e.id, e.delayMs])).toEqual(
      ids.map((d) => ['checkin-remind', `checkin-remind-${d}`, 0]),
    );
  });

  it('4. close: then aggregate, also after a retry that found the cycle closed; a vanished cycle ends it', async () => {
    const cycleId = id();
    const closing = harness({ closeCycle: async () => ({ closed: false, respondentCount: 6 }) });
    await closing.run('cycle-close', { cycleId });
    expect(closing.enqueued.map((e) => e.id)).toEqual([`cycle-aggregate-${cycleId}`]);
    const gone = harness({ closeCycle: async () => 'missing' });
    expect(await gone.run('cycle-close', { cycleId })).toBe('missing');
    expect(gone.enqueued).toEqual([]);
  });

  it('5. aggregate: then post the summary, released or suppressed; a cycle not closed fails for good', async () => {
    const cycleId = id();
    const summaryId = id();
    for (const status of ['released', 'suppressed'] as const) {
      const { run, enqueued } = harness({ aggregateCycle: async () => ({ status, summaryId }) });
      expect(await run('cycle-aggregate', { cycleId })).toBe(status);
      expect(enqueued.map((e) => e.id)).toEqual([`summary-post-${summaryId}`]);
    }
    const missing = harness({ aggregateCycle: async () => ({ status: 'missing' }) });
    expect(await missing.run('cycle-aggregate', { cycleId })).toBe('missing');
    expect(missing.enqueued).toEqual([]);
    const open = harness({ aggregateCycle: async () => ({ status: 'not_closed' }) });
    await expect(open.run('cycle-aggregate', { cycleId })).rejects.toBeInstanceOf(UnrecoverableJobError);
  });

  it('6. post: then the comments, only when released and the summary was posted', async () => {
    const summaryId = id();
    const cases = [
      [{ status: 'posted', commentsReleased: true }, [`comments-post-${summaryId}`]],
      [{ status: 'posted', commentsReleased: false }, []],
      [{ status: 'no_channel' }, []],
      [{ status: 'skipped' }, []],
    ] as const;
    for (const [outcome, next] of cases) {
      const { run, enqueued } = harness({ postSummary: async () => outcome });
      expect(await run('summary-post', { summaryId })).toBe(outcome.status);
      expect(enqueued.map((e) => e.id)).toEqual(next);
    }
  });

  it('7. comments, the lead notice and the purge end there', async () => {
    const { run, enqueued } = harness({
      postComments: async () => 'posted',
      sendTeamTooSmallNotice: async () => 'sent',
      purgeExpiredAnswers: async () => ({ cycles: 1, answers: 6, comments: 2, retentionDays: 30 }),
      remindMember: async () => 'sent',
    });
    await run('comments-post', { summaryId: id() });
    await run('checkin-remind', { deliveryId: id() });
    await run('lead-notice', {
      teamId: id(),
      slackUserId: 'U0LEAD01',
      notice: 'too_small',
      roundKey: '2026-W48',
      eligible: 2,
    });
    expect(await run('retention-purge', {})).toEqual({
      cycles: 1,
      answers: 6,
      comments: 2,
      retentionDays: 30,
    });
    expect(enqueued).toEqual([]);
  });

  it('puts a Slack step back without using an attempt on a 429 or a pacing wait, and fails it at once on a permanent error', async () => {
    const limited = harness({
      postSummary: async () => {
        throw new SlackRateLimitedError('chat.postMessage', 2_000);
      },
    });
    await expect(limited.run('summary-post', { summaryId: id() })).rejects.toThrow('put back for 2000 ms');
    expect(limited.warn).toHaveBeenCalledWith(
      { method: 'chat.postMessage', retryAfterMs: 2_000 },
      'slack rate limited; job put back',
    );

    const paced = harness({
      remindMember: async () => {
        throw new SlackPacingWait('chat.postMessage', 800);
      },
    });
    await expect(paced.run('checkin-remind', { deliveryId: id() })).rejects.toThrow('put back for 800 ms');
    expect(paced.warn).not.toHaveBeenCalled();

    const gone = harness({
      postComments: async () => {
        throw new SlackPermanentError('chat.postMessage', 'channel_not_found');
      },
    });
    const failure = await gone.run('comments-post', { summaryId: id() }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UnrecoverableJobError);
    expect((failure as Error).message).toBe('chat.postMessage failed permanently: channel_not_found');
    expect(gone.rateLimit).not.toHaveBeenCalled();
  });

  it('resumes what the database says is due at the step it is due for', async () => {
    const cycle = { id: id(), closesAt: at(5), remindAt: at(2), deliveries: [{ id: id(), sendAt: at(-1) }] };
    const [closed, unposted, uncommented] = [id(), id(), id()];
    const { pipeline, enqueued } = harness({});
    await pipeline.enqueuePending({
      open: [cycle],
      aggregations: [{ cycleId: closed }],
      posts: [{ summaryId: unposted }],
      comments: [{ summaryId: uncommented }],
    });
    expect(enqueued.map((e) => [e.id, e.delayMs])).toEqual([
      [`checkin-deliver-${cycle.deliveries[0]!.id}`, 0],
      [`cycle-remind-${cycle.id}`, 2 * 3_600_000],
      [`cycle-close-${cycle.id}`, 5 * 3_600_000],
      [`cycle-aggregate-${closed}`, 0],
      [`summary-post-${unposted}`, 0],
      [`comments-post-${uncommented}`, 0],
    ]);
  });
});
