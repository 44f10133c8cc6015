import { afterEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../src/jobs/catalog.js';
import {
  composePulse,
  GOOD_THINGS,
  getItem,
  ITEM_BANK_VERSION,
  measureLabel,
} from '../../src/scoring/index.js';
import type { RateLimiter } from '../../src/slack/rate-limiter.js';
import { renderMessageAsText } from '../../src/views/summary-message.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { fakeSlack, type SlackCall } from '../helpers/fake-slack.js';
import { scheduleTestTeam } from '../helpers/pulse-team.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../helpers/redis.js';
import { type StartedRuntime, startTestRuntime } from '../helpers/runtime.js';
import {
  answeredState,
  checkinSubmission,
  modalInputs,
  type OpenedModal,
  startCheckinClick,
} from '../helpers/slack-payloads.js';
import { postInteraction } from '../helpers/slack-requests.js';

/**
 * The whole pulse loop through the real Bolt HTTP receiver and the real job queue, with
 * Slack's Web API faked by nock: a team of 8 gets a scheduled check-in, members answer
 * through block_actions → views.open → view_submission, one reminder goes out, the cycle
 * closes and the summary is posted. Time is the service clock (a Tuesday at 10:00 UTC);
 * jobs due days later are promoted when the test moves the clock there.
 */

const TEAM_CHANNEL = 'CTEAM000001';
const SUMMARY_CHANNEL = 'CSUMMARY001';
const MEMBERS = Array.from({ length: 8 }, (_, i) => `UMEMBER${String(i + 1).padStart(3, '0')}`);
const START = new Date('2026-11-24T10:00:00Z');
const HOUR = 3_600_000;

// Our own pacing (1 DM per second per workspace) has its own tests; here it would only
// make the suite slow, so every reservation goes through.
const unlimited: RateLimiter = { reserve: async () => 0, close: async () => {} };

interface Driver {
  name: string;
  setup(): Promise<{ env: Record<string, string>; teardown(): Promise<void> }>;
}

const DRIVERS: Driver[] = [
  {
    name: 'in-process runner on PGlite',
    async setup() {
      return { env: {}, teardown: async () => {} };
    },
  },
  {
    name: 'BullMQ on Redis with PostgreSQL',
    async setup() {
      const db: TestDatabase = await createTestDatabase({ migrate: false });
      const redis = testRedisPrefix();
      return {
        env: {
          DATABASE_URL: db.url,
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: redis.prefix,
          ENCRYPTION_KEY: 'ab'.repeat(32),
        },
        async teardown() {
          await db.drop();
          await redis.cleanup();
        },
      };
    },
  },
];

// Rows: members; columns: the cycle's items in pulse order (five good things, then the
// rotating item). Chosen so people differ: composites 4.4, 4.0, 3.0, 4.4, 2.6, 4.0.
const ANSWERS = [
  [5, 4, 4, 5, 4, 2],
  [4, 4, 3, 4, 5, 1],
  [3, 2, 3, 3, 4, 3],
  [5, 5, 4, 4, 4, 1],
  [2, 3, 2, 3, 3, 4],
  [4, 3, 5, 4, 4, 2],
];

function answerOf(member: number, position: number): number {
  return ANSWERS[member]![position]!;
}

function dmsTo(calls: SlackCall[], channel: string) {
  return calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
}

function buttonValue(call: SlackCall): string {
  const blocks = call.args.blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[];
  for (const block of blocks) {
    for (const element of block.elements ?? [])
      if (element.action_id === 'checkin_start') return element.value!;
  }
  throw new Error('no Start button in the DM');
}

describe.each(DRIVERS)('the pulse loop on the $name', (driver) => {
  let started: StartedRuntime | undefined;
  let teardown: (() => Promise<void>) | undefined;
  let now = START;
  const clock = { now: () => now };

  afterEach(async () => {
    await started?.stop();
    await teardown?.();
    started = undefined;
    teardown = undefined;
  });

  async function boot(options: { rateLimitNthPost?: { n: number; retryAfterSeconds: number } } = {}) {
    now = START;
    const slack = fakeSlack({
      pageSize: 5,
      channels: { [TEAM_CHANNEL]: [...MEMBERS, 'UBOT', 'UOTHERBOT', 'UGONE'] },
      users: [
        ...MEMBERS.map((id) => ({ id, tz: 'UTC' })),
        { id: 'UBOT', is_bot: true },
        { id: 'UOTHERBOT', is_bot: true },
        { id: 'UGONE', deleted: true },
      ],
      ...(options.rateLimitNthPost ? { rateLimitNthPost: options.rateLimitNthPost } : {}),
    });
    const setup = await driver.setup();
    teardown = setup.teardown;
    started = await startTestRuntime(setup.env, 'all', { clock, rateLimiter: unlimited });
    const team = await scheduleTestTeam(started.runtime, {
      name: 'Platform',
      sourceId: TEAM_CHANNEL,
      summaryChannelId: SUMMARY_CHANNEL,
      responseWindowHours: 72,
      reminderHoursBeforeClose: 24,
    });
    return { slack, team, runtime: started.runtime, baseUrl: started.baseUrl };
  }

  async function answer(
    baseUrl: string,
    slack: ReturnType<typeof fakeSlack>,
    member: number,
    cycleId: string,
  ) {
    const user = MEMBERS[member]!;
    const triggerId = `trigger-${member}`;
    const clicked = await postInteraction(baseUrl, startCheckinClick({ user, cycleId, triggerId }));
    expect(clicked.status).toBe(200);
    await expect
      .poll(() => slack.callsTo('views.open').find((c) => c.args.trigger_id === triggerId), {
        timeout: 5_000,
      })
      .toBeDefined();
    const view = slack.callsTo('views.open').find((c) => c.args.trigger_id === triggerId)!.args
      .view as OpenedModal;
    const inputs = modalInputs(view).filter((id) => id !== 'comment');
    const values = answeredState(inputs, (_id, position) => answerOf(member, position));
    const submitted = await postInteraction(baseUrl, checkinSubmission({ user, view, values }));
    return { submitted, inputs };
  }

  it('checks in a team of 8, reminds the 2 who did not answer, and posts the numbers the 6 answers give', async () => {
    const { slack, runtime, baseUrl } = await boot();

    await expect.poll(() => slack.callsTo('chat.postMessage').length, { timeout: 15_000 }).toBe(8);
    expect(new Set(slack.callsTo('chat.postMessage').map((c) => c.args.channel))).toEqual(new Set(MEMBERS));
    const cycleId = buttonValue(slack.callsTo('chat.postMessage')[0]!);
    const cycle = await runtime.db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
    expect(cycle).toMatchObject({ invitedCount: 8, minRespondents: 5, number: 1 });

    let inputs: string[] = [];
    for (let member = 0; member < 6; member += 1) {
      const result = await answer(baseUrl, slack, member, cycleId);
      expect(result.submitted.status).toBe(200);
      expect(result.submitted.text).toBe('');
      inputs = result.inputs;
    }
    await expect.poll(() => slack.callsTo('chat.update').length, { timeout: 5_000 }).toBe(6);
    expect(inputs).toEqual(composePulse(ITEM_BANK_VERSION, 1).map((i) => i.id));

    // A second submission by the same person stores nothing and says so.
    const again = await answer(baseUrl, slack, 0, cycleId);
    expect(again.submitted.json()).toMatchObject({ response_action: 'update' });
    expect(await runtime.db.prisma.answer.count({ where: { cycleId } })).toBe(6);

    // The reminder time: one reminder each, to the two who have not answered.
    now = new Date(cycle.closesAt.getTime() - 24 * HOUR);
    expect(await runtime.jobs.promote(JOBS.cycleRemind, `cycle-remind-${cycleId}`)).toBe(true);
    await expect.poll(() => slack.callsTo('chat.postMessage').length, { timeout: 10_000 }).toBe(10);
    const reminded = slack
      .callsTo('chat.postMessage')
      .slice(8)
      .map((c) => c.args.channel);
    expect(reminded.sort()).toEqual([MEMBERS[6], MEMBERS[7]]);

    // Close: the cycle key goes, the summary is computed and posted.
    now = cycle.closesAt;
    expect(await runtime.jobs.promote(JOBS.cycleClose, `cycle-close-${cycleId}`)).toBe(true);
    await expect.poll(() => dmsTo(slack.calls, SUMMARY_CHANNEL).length, { timeout: 10_000 }).toBe(1);
    const post = dmsTo(slack.calls, SUMMARY_CHANNEL)[0]!;
    const text = renderMessageAsText({ text: String(post.args.text), blocks: post.args.blocks as never });
    // 8 invitations, 2 reminders, 1 summary: the repeated reminder jobs sent nothing.
    expect(slack.callsTo('chat.postMessage')).toHaveLength(11);

    // The expected numbers, computed here from the answers the members gave.
    const items = inputs.map((id) => getItem(ITEM_BANK_VERSION, id));
    const perPerson = Array.from({ length: 6 }, (_, member) => {
      const goods = items.flatMap((item, position) =>
        (GOOD_THINGS as readonly string[]).includes(item.dimension) ? [answerOf(member, position)] : [],
      );
      return goods.reduce((a, b) => a + b, 0) / goods.length;
    });
    const composite = perPerson.reduce((a, b) => a + b, 0) / 6;
    const connectionIndex = Math.round(((composite - 1) / 4) * 100);
    expect(connectionIndex).toBe(68);
    expect(text).toContain(`${connectionIndex} of 100`);
    for (const [position, item] of items.entries()) {
      if (!(GOOD_THINGS as readonly string[]).includes(item.dimension)) continue;
      const mean =
        Array.from({ length: 6 }, (_, member) => answerOf(member, position)).reduce((a, b) => a + b, 0) / 6;
      expect(text).toMatch(
        new RegExp(`${measureLabel(item.dimension)}[\\s\\S]{0,80}${mean.toFixed(1).replace('.', '\\.')}`),
      );
    }
    expect(text).toContain('5–9'); // the response band, never the exact count

    const closed = await runtime.db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
    expect(closed).toMatchObject({ status: 'aggregated', participationKeyEnc: null, respondentCount: 6 });
    expect(await runtime.db.prisma.delivery.count({ where: { cycleId } })).toBe(0);
    expect(await runtime.db.prisma.reminderMark.count({ where: { cycleId } })).toBe(0);
    await expect
      .poll(async () => (await runtime.db.prisma.teamSummary.findUnique({ where: { cycleId } }))?.postedTs, {
        timeout: 5_000,
      })
      .toBeTruthy();
    const summary = await runtime.db.prisma.teamSummary.findUniqueOrThrow({ where: { cycleId } });
    expect(summary).toMatchObject({ status: 'released', postedChannelId: SUMMARY_CHANNEL });
    expect(summary.connectionIndex).toBeCloseTo(((composite - 1) / 4) * 100, 6);
  });

  it('posts a suppressed summary with no numbers when only 4 answer', async () => {
    const { slack, runtime, baseUrl } = await boot();
    await expect.poll(() => slack.callsTo('chat.postMessage').length, { timeout: 15_000 }).toBe(8);
    const cycleId = buttonValue(slack.callsTo('chat.postMessage')[0]!);
    for (let member = 0; member < 4; member += 1) await answer(baseUrl, slack, member, cycleId);

    const cycle = await runtime.db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
    now = cycle.closesAt;
    await runtime.jobs.promote(JOBS.cycleClose, `cycle-close-${cycleId}`);
    await expect.poll(() => dmsTo(slack.calls, SUMMARY_CHANNEL).length, { timeout: 10_000 }).toBe(1);
    const post = dmsTo(slack.calls, SUMMARY_CHANNEL)[0]!;
    const text = renderMessageAsText({ text: String(post.args.text), blocks: post.args.blocks as never });
    expect(text.toLowerCase()).toContain('not enough responses');
    // No digit at all except in the closing date.
    expect(text).toMatch(/closed \d{1,2} November 2026/);
    expect(text.replace(/closed \d{1,2} November 2026/, '')).not.toMatch(/\d/);
    const summary = await runtime.db.prisma.teamSummary.findUniqueOrThrow({ where: { cycleId } });
    expect(summary).toMatchObject({
      status: 'suppressed',
      reason: 'below_k',
      respondentCount: null,
      stats: null,
    });
  });

  it('delivers every DM exactly once when Slack answers the 3rd with 429 and Retry-After: 2', async () => {
    const { slack } = await boot({ rateLimitNthPost: { n: 3, retryAfterSeconds: 2 } });
    await expect.poll(() => slack.callsTo('chat.postMessage').length, { timeout: 20_000 }).toBe(8);
    expect(slack.callsTo('chat.postMessage (429)')).toHaveLength(1);
    const perMember = MEMBERS.map((m) => dmsTo(slack.calls, m).length);
    expect(perMember).toEqual(MEMBERS.map(() => 1));
    // Nothing more arrives once every DM is out.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(8);
  });
});
