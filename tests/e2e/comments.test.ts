import { afterEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../src/jobs/catalog.js';
import type { RateLimiter } from '../../src/slack/rate-limiter.js';
import { fakeSlack, type SlackCall } from '../helpers/fake-slack.js';
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

/**
 * Comments (off by default) through the real receiver: written in the modal, released
 * only for at least ten respondents, posted in the summary's thread apart from the
 * scores, never with fewer.
 */
const MEMBERS = Array.from({ length: 12 }, (_, i) => `UWRITER${String(i + 1).padStart(3, '0')}`);
const unlimited: RateLimiter = { reserve: async () => 0, close: async () => {} };

describe('free-text comments', () => {
  let started: StartedRuntime | undefined;
  const now = new Date('2026-11-24T10:00:00Z');
  afterEach(async () => {
    await started?.stop();
    started = undefined;
  });

  async function runCycle(respondents: number) {
    const slack = fakeSlack({
      channels: { CTEAM: MEMBERS },
      users: MEMBERS.map((id) => ({ id, tz: 'UTC' })),
    });
    started = await startTestRuntime({}, 'all', { clock: { now: () => now }, rateLimiter: unlimited });
    const { prisma } = started.runtime.db;
    await scheduleTestTeam(started.runtime, {
      name: 'Writers',
      sourceId: 'CTEAM',
      summaryChannelId: 'CSUMMARY',
      commentsEnabled: true,
    });
    await waitFor(() => slack.callsTo('chat.postMessage').length === 12, 'twelve DMs', 15_000);
    const cycle = await prisma.cycle.findFirstOrThrow();

    const written: string[] = [];
    for (let m = 0; m < respondents; m += 1) {
      const user = MEMBERS[m]!;
      const trigger = `trigger-${m}`;
      await postInteraction(
        started.baseUrl,
        startCheckinClick({ user, cycleId: cycle.id, triggerId: trigger }),
      );
      const opened = await waitFor(
        () => slack.callsTo('views.open').find((c) => c.args.trigger_id === trigger),
        'the modal',
      );
      const view = opened.args.view as OpenedModal;
      const inputs = modalInputs(view);
      expect(inputs).toContain('comment');
      const comment = m % 2 === 0 ? `note from writer ${m}: we could pair more` : '';
      if (comment) written.push(comment);
      const values = answeredState(inputs, () => 4, comment);
      const submitted = await postInteraction(started.baseUrl, checkinSubmission({ user, view, values }));
      expect(submitted.text).toBe('');
    }
    await started.runtime.jobs.promote(JOBS.cycleClose, `cycle-close-${cycle.id}`);
    const summaryPost = await waitFor(
      () =>
        slack.calls.find(
          (c) => c.method === 'chat.postMessage' && c.args.channel === 'CSUMMARY' && !c.args.thread_ts,
        ),
      'the summary',
    );
    return { slack, summaryPost, written, prisma, cycleId: cycle.id };
  }

  const threadReplies = (calls: SlackCall[]) =>
    calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts);

  it('posts the comments of ten respondents in the summary thread, apart from the scores', async () => {
    const { slack, summaryPost, written, prisma, cycleId } = await runCycle(10);
    const replies = await waitFor(
      () => (threadReplies(slack.calls).length > 0 ? threadReplies(slack.calls) : undefined),
      'the comments',
    );
    const replyText = JSON.stringify(replies.map((r) => r.args.blocks));
    for (const comment of written) expect(replyText).toContain(comment);
    expect(JSON.stringify(summaryPost.args.blocks)).not.toContain('note from writer');
    expect(replies.every((r) => r.args.channel === 'CSUMMARY')).toBe(true);
    await waitFor(
      async () => (await prisma.teamSummary.findUnique({ where: { cycleId } }))?.commentsPostedTs,
      'the mark',
    );
  });

  it('keeps the comments of nine respondents back, though their scores are released', async () => {
    const { slack, summaryPost, prisma, cycleId } = await runCycle(9);
    expect(JSON.stringify(summaryPost.args.blocks)).toContain('of 100');
    const summary = await prisma.teamSummary.findUniqueOrThrow({ where: { cycleId } });
    expect(summary).toMatchObject({ status: 'released', commentsReleased: false, commentsPostedTs: null });
    // Give any stray comment job the time it would need, then check nothing was threaded.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(threadReplies(slack.calls)).toHaveLength(0);
  });
});
