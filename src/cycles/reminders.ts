import type { PrismaClient } from '../db/client.js';
import { openParticipationKey, participationTag, reminderTag } from '../privacy/participation-key.js';

type Deps = { prisma: PrismaClient; encryptionKey: Buffer };

async function openCycleKey(deps: Deps, cycleId: string) {
  const cycle = await deps.prisma.cycle.findUnique({
    where: { id: cycleId },
    select: {
      id: true,
      status: true,
      participationKeyEnc: true,
      team: { select: { workspace: { select: { slackTeamId: true } } } },
    },
  });
  if (!cycle || cycle.status !== 'open' || !cycle.participationKeyEnc) return null;
  return {
    key: openParticipationKey(deps.encryptionKey, cycle.id, cycle.participationKeyEnc),
    slackTeamId: cycle.team.workspace.slackTeamId,
  };
}

const hex = (tag: Uint8Array) => Buffer.from(tag).toString('hex');

/**
 * Deliveries of an open cycle whose recipient has neither answered nor been reminded.
 * Answered-or-not exists only here, in memory, computed from the live key; nothing about
 * it is stored, and nobody but the bot ever learns it.
 */
export async function deliveriesToRemind(deps: Deps, cycleId: string): Promise<string[]> {
  const opened = await openCycleKey(deps, cycleId);
  if (!opened) return [];
  const { key, slackTeamId } = opened;
  try {
    const [deliveries, tags, marks] = await Promise.all([
      deps.prisma.delivery.findMany({
        where: { cycleId, status: 'sent' },
        select: { id: true, slackUserId: true },
        orderBy: { id: 'asc' },
      }),
      deps.prisma.participation.findMany({ where: { cycleId }, select: { tag: true } }),
      deps.prisma.reminderMark.findMany({ where: { cycleId }, select: { tag: true } }),
    ]);
    const answered = new Set(tags.map((t) => hex(t.tag)));
    const reminded = new Set(marks.map((m) => hex(m.tag)));
    return deliveries
      .filter((d) => {
        const ids = { slackTeamId, slackUserId: d.slackUserId, cycleId };
        return (
          !answered.has(participationTag(key, ids).toString('hex')) &&
          !reminded.has(reminderTag(key, ids).toString('hex'))
        );
      })
      .map((d) => d.id);
  } finally {
    key.fill(0);
  }
}

/**
 * Whether one recipient may be reminded now: the cycle is open, they have not answered
 * and have not been reminded. Null once the cycle is no longer open.
 */
export async function mayRemind(
  deps: Deps,
  delivery: { cycleId: string; slackUserId: string },
): Promise<boolean | null> {
  const opened = await openCycleKey(deps, delivery.cycleId);
  if (!opened) return null;
  const ids = {
    slackTeamId: opened.slackTeamId,
    slackUserId: delivery.slackUserId,
    cycleId: delivery.cycleId,
  };
  const tag = participationTag(opened.key, ids);
  const mark = reminderTag(opened.key, ids);
  opened.key.fill(0);
  const [answered, reminded] = await Promise.all([
    deps.prisma.participation.findUnique({
      where: { cycleId_tag: { cycleId: delivery.cycleId, tag: new Uint8Array(tag) } },
      select: { cycleId: true },
    }),
    deps.prisma.reminderMark.findUnique({
      where: { cycleId_tag: { cycleId: delivery.cycleId, tag: new Uint8Array(mark) } },
      select: { cycleId: true },
    }),
  ]);
  return answered === null && reminded === null;
}

/** Records that a recipient was reminded, as a keyed mark; true if it was not yet recorded. */
export async function markReminded(
  deps: Deps,
  delivery: { cycleId: string; slackUserId: string },
): Promise<boolean> {
  const opened = await openCycleKey(deps, delivery.cycleId);
  if (!opened) return false;
  const mark = reminderTag(opened.key, {
    slackTeamId: opened.slackTeamId,
    slackUserId: delivery.slackUserId,
    cycleId: delivery.cycleId,
  });
  opened.key.fill(0);
  const created = await deps.prisma.reminderMark.createMany({
    data: [{ cycleId: delivery.cycleId, tag: new Uint8Array(mark) }],
    skipDuplicates: true,
  });
  return created.count === 1;
}
