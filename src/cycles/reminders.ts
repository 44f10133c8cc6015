import type { PrismaClient } from '../db/client.js';
import { openParticipationKey, participationTag } from '../privacy/participation-key.js';

/**
 * Deliveries of an open cycle whose recipient has not answered and has not been
 * reminded. Answered-or-not exists only here, in memory, computed from the live key;
 * nothing about it is stored, and nobody but the bot ever learns it.
 */
export async function deliveriesToRemind(
  deps: { prisma: PrismaClient; encryptionKey: Buffer },
  cycleId: string,
): Promise<string[]> {
  const cycle = await deps.prisma.cycle.findUnique({
    where: { id: cycleId },
    select: {
      id: true,
      status: true,
      participationKeyEnc: true,
      team: { select: { workspace: { select: { slackTeamId: true } } } },
    },
  });
  if (!cycle || cycle.status !== 'open' || !cycle.participationKeyEnc) return [];
  const key = openParticipationKey(deps.encryptionKey, cycle.id, cycle.participationKeyEnc);
  try {
    const [deliveries, tags] = await Promise.all([
      deps.prisma.delivery.findMany({
        where: { cycleId, status: 'sent', remindedAt: null },
        select: { id: true, slackUserId: true },
        orderBy: { id: 'asc' },
      }),
      deps.prisma.participation.findMany({ where: { cycleId }, select: { tag: true } }),
    ]);
    const answered = new Set(tags.map((t) => Buffer.from(t.tag).toString('hex')));
    const slackTeamId = cycle.team.workspace.slackTeamId;
    return deliveries
      .filter(
        (d) =>
          !answered.has(
            participationTag(key, { slackTeamId, slackUserId: d.slackUserId, cycleId }).toString('hex'),
          ),
      )
      .map((d) => d.id);
  } finally {
    key.fill(0);
  }
}

/** Whether one recipient has answered yet; null once the cycle is no longer open. */
export async function hasAnswered(
  deps: { prisma: PrismaClient; encryptionKey: Buffer },
  delivery: { cycleId: string; slackUserId: string },
): Promise<boolean | null> {
  const cycle = await deps.prisma.cycle.findUnique({
    where: { id: delivery.cycleId },
    select: {
      id: true,
      status: true,
      participationKeyEnc: true,
      team: { select: { workspace: { select: { slackTeamId: true } } } },
    },
  });
  if (!cycle || cycle.status !== 'open' || !cycle.participationKeyEnc) return null;
  const key = openParticipationKey(deps.encryptionKey, cycle.id, cycle.participationKeyEnc);
  const tag = participationTag(key, {
    slackTeamId: cycle.team.workspace.slackTeamId,
    slackUserId: delivery.slackUserId,
    cycleId: cycle.id,
  });
  key.fill(0);
  const found = await deps.prisma.participation.findUnique({
    where: { cycleId_tag: { cycleId: cycle.id, tag: new Uint8Array(tag) } },
    select: { cycleId: true },
  });
  return found !== null;
}
