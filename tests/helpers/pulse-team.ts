import { teamSchedulerId } from '../../src/cycles/team-schedule.js';
import type { Prisma } from '../../src/generated/prisma/client.js';
import { JOBS } from '../../src/jobs/catalog.js';
import type { Runtime } from '../../src/runtime.js';
import { TEST_SLACK_TEAM } from './slack-payloads.js';

/**
 * The test workspace and one team (weekly, Tuesdays 10:00 UTC unless overridden), with
 * its pulse scheduled to fire at once: the first run opens the cycle.
 */
export async function scheduleTestTeam(
  runtime: Runtime,
  team: Omit<Prisma.TeamUncheckedCreateInput, 'workspaceId'>,
) {
  const { prisma } = runtime.db;
  const workspace = await prisma.workspace.upsert({
    where: { slackTeamId: TEST_SLACK_TEAM },
    create: { slackTeamId: TEST_SLACK_TEAM },
    update: {},
  });
  const created = await prisma.team.create({
    data: {
      sourceType: 'channel',
      timezone: 'UTC',
      weekday: 2,
      hour: 10,
      cadence: 'weekly',
      ...team,
      workspaceId: workspace.id,
    },
  });
  await runtime.jobs.schedule(
    JOBS.cycleOpen,
    teamSchedulerId(created.id),
    { every: 86_400_000 },
    { teamId: created.id },
  );
  return created;
}
