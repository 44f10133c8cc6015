import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_ANSWER, SAVE_FAILED } from '../../src/handlers/views/checkin-submit.js';
import type { RateLimiter } from '../../src/slack/rate-limiter.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { fakeSlack } from '../helpers/fake-slack.js';
import { scheduleTestTeam } from '../helpers/pulse-team.js';
import { type StartedRuntime, startTestRuntime, waitFor } from '../helpers/runtime.js';
import {
  answeredState,
  checkinSubmission,
  modalInputs,
  type OpenedModal,
  startCheckinClick,
} from '../helpers/slack-payloads.js';
import { postInteraction } from '../helpers/slack-requests.js';
import { keepNockBetweenTests } from '../setup/per-file.js';

keepNockBetweenTests();

const MEMBERS = Array.from({ length: 7 }, (_, i) => `UPERSON${String(i + 1).padStart(3, '0')}`);
const GONE = MEMBERS[6]!; // Slack refuses to DM this one: channel_not_found
const unlimited: RateLimiter = { reserve: async () => 0, close: async () => {} };

const submission = (user: string, view: OpenedModal, values: object) =>
  checkinSubmission({ user, view, values });
const click = (user: string, cycleId: string, triggerId: string) =>
  startCheckinClick({ user, cycleId, triggerId });

describe('check-in failures, on PostgreSQL with the in-process runner', () => {
  let db: TestDatabase;
  let started: StartedRuntime;
  let slack: ReturnType<typeof fakeSlack>;
  let cycleId: string;
  let view: OpenedModal;
  const now = new Date('2026-11-24T10:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    // Slack refuses one DM for good; everything else goes to the recording fake.
    nock('https://slack.com')
      .post('/api/chat.postMessage', (body) => JSON.stringify(body).includes(GONE))
      .times(10)
      .reply(200, { ok: false, error: 'channel_not_found' });
    slack = fakeSlack({ channels: { CTEAM: MEMBERS }, users: MEMBERS.map((id) => ({ id, tz: 'UTC' })) });
    started = await startTestRuntime({ DATABASE_URL: db.url, ENCRYPTION_KEY: 'ef'.repeat(32) }, 'all', {
      clock: { now: () => now },
      rateLimiter: unlimited,
    });
    const { prisma } = started.runtime.db;
    await scheduleTestTeam(started.runtime, {
      name: 'Support',
      sourceId: 'CTEAM',
    });
    await waitFor(() => slack.callsTo('chat.postMessage').length === 6, 'six DMs', 15_000);
    cycleId = (await prisma.cycle.findFirstOrThrow()).id;

    const opened = await postInteraction(started.baseUrl, click(MEMBERS[0]!, cycleId, 'trigger-open'));
    expect(opened.status).toBe(200);
    await waitFor(() => slack.callsTo('views.open').length === 1, 'the modal');
    view = slack.callsTo('views.open')[0]!.args.view as typeof view;
  });
  afterAll(async () => {
    await started?.stop();
    await db?.drop();
  });

  const inputs = () => modalInputs(view);
  const allAnswered = () => answeredState(inputs(), () => 4);

  it('ends a DM Slack refuses for good in a visible failed delivery, without retrying it', async () => {
    await expect
      .poll(
        async () =>
          (await started.runtime.db.prisma.delivery.findFirst({ where: { slackUserId: GONE } }))?.status,
        {
          timeout: 10_000,
        },
      )
      .toBe('failed');
    const delivery = await started.runtime.db.prisma.delivery.findFirstOrThrow({
      where: { slackUserId: GONE },
    });
    expect(delivery.lastError).toContain('channel_not_found');
    const logged = started.logs().filter((l) => l.includes('delivery failed for good'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toMatch(/blocks|check-in:|text/);
  });

  it('returns missing answers inline and stores nothing', async () => {
    const values = allAnswered();
    const [first, second] = inputs();
    delete (values as Record<string, unknown>)[first!];
    (values as Record<string, { answer: { selected_option: unknown } }>)[second!]!.answer.selected_option =
      null;
    const response = await postInteraction(started.baseUrl, submission(MEMBERS[0]!, view, values));
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ response_action: 'errors', errors: { [second!]: MISSING_ANSWER } });
    expect(await started.runtime.db.prisma.answer.count()).toBe(0);
  });

  it('shows "could not save, please try again" when the database fails, leaves nothing half-written, and accepts the retry', async () => {
    await db.sql.exec('ALTER TABLE "Answer" RENAME TO "Answer_unavailable"');
    try {
      const failed = await postInteraction(started.baseUrl, submission(MEMBERS[1]!, view, allAnswered()));
      expect(failed.json()).toEqual({ response_action: 'errors', errors: { [inputs()[0]!]: SAVE_FAILED } });
      expect(await started.runtime.db.prisma.participation.count()).toBe(0);
    } finally {
      await db.sql.exec('ALTER TABLE "Answer_unavailable" RENAME TO "Answer"');
    }
    const retried = await postInteraction(started.baseUrl, submission(MEMBERS[1]!, view, allAnswered()));
    expect(retried.status).toBe(200);
    expect(retried.text).toBe('');
    expect(await started.runtime.db.prisma.answer.count()).toBe(1);
    expect(await started.runtime.db.prisma.participation.count()).toBe(1);
    const errorLines = started.logs().filter((l) => l.includes('could not be stored'));
    expect(errorLines.length).toBeGreaterThan(0);
    for (const line of errorLines) expect(line).not.toMatch(/"values"\s*:\s*\{/);
  });

  it('tells someone who opens a closed check-in that it is closed', async () => {
    await started.runtime.db.prisma.cycle.update({ where: { id: cycleId }, data: { status: 'closed' } });
    const clickedClosed = await postInteraction(
      started.baseUrl,
      click(MEMBERS[2]!, cycleId, 'trigger-closed'),
    );
    expect(clickedClosed.status).toBe(200);
    await expect.poll(() => slack.callsTo('views.open').length, { timeout: 5_000 }).toBe(2);
    const closedView = slack.callsTo('views.open')[1]!.args.view as {
      callback_id?: string;
      blocks: unknown[];
    };
    expect(JSON.stringify(closedView).toLowerCase()).toContain('closed');
    expect(JSON.stringify(closedView)).not.toContain('radio_buttons');
    const late = await postInteraction(started.baseUrl, submission(MEMBERS[3]!, view, allAnswered()));
    expect(late.json()).toMatchObject({ response_action: 'update' });
    expect(await started.runtime.db.prisma.answer.count()).toBe(1);
  });
});
