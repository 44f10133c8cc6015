import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../src/jobs/catalog.js';
import type { RateLimiter } from '../../src/slack/rate-limiter.js';
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

/**
 * The embedded default keeps delayed jobs in memory. A restart in the middle of a cycle
 * must not strand it: the new process finds the outstanding work in the database and
 * enqueues it again, so the cycle still closes and its summary is posted.
 */
const MEMBERS = Array.from({ length: 6 }, (_, i) => `URESTART${String(i + 1).padStart(2, '0')}`);
const unlimited: RateLimiter = { reserve: async () => 0, close: async () => {} };
const now = new Date('2026-11-24T10:00:00Z');

describe('restarting the embedded default in the middle of a cycle', () => {
  let dataDir: string;
  let running: StartedRuntime | undefined;
  afterAll(async () => {
    await running?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('re-enqueues the reminder and the close, and the summary still gets posted', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'rc-restart-'));
    const slack = fakeSlack({
      channels: { CTEAM: MEMBERS },
      users: MEMBERS.map((id) => ({ id, tz: 'UTC' })),
    });
    const start = () =>
      startTestRuntime({ DATA_DIR: dataDir }, 'all', { clock: { now: () => now }, rateLimiter: unlimited });

    running = await start();
    const { prisma } = running.runtime.db;
    await scheduleTestTeam(running.runtime, {
      name: 'Night shift',
      sourceId: 'CTEAM',
      summaryChannelId: 'CSUM',
    });
    await waitFor(() => slack.callsTo('chat.postMessage').length === 6, 'six DMs', 15_000);
    const cycleId = (await prisma.cycle.findFirstOrThrow()).id;
    for (const [i, user] of MEMBERS.slice(0, 5).entries()) {
      await postInteraction(running.baseUrl, startCheckinClick({ user, cycleId, triggerId: `t${i}` }));
      const opened = await waitFor(
        () => slack.callsTo('views.open').find((c) => c.args.trigger_id === `t${i}`),
        'modal',
      );
      const view = opened.args.view as OpenedModal;
      await postInteraction(
        running.baseUrl,
        checkinSubmission({ user, view, values: answeredState(modalInputs(view), () => 4) }),
      );
    }
    await running.stop();
    running = undefined;

    running = await start();
    const resumed = running.logs().find((l) => l.includes('pending pulse work re-enqueued'));
    expect(JSON.parse(resumed!)).toMatchObject({ added: 2 }); // the reminder and the close
    expect(await running.runtime.jobs.promote(JOBS.cycleClose, `cycle-close-${cycleId}`)).toBe(true);
    await waitFor(
      () => slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'CSUM'),
      'the summary after the restart',
    );
    const summary = await running.runtime.db.prisma.teamSummary.findUniqueOrThrow({ where: { cycleId } });
    expect(summary).toMatchObject({ status: 'released', respondentCount: 5 });
    // Nobody got a second invitation from the restart.
    expect(
      slack.callsTo('chat.postMessage').filter((c) => String(c.args.channel).startsWith('URESTART')),
    ).toHaveLength(6);
  });
});
