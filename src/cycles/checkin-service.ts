import type { Clock } from '../clock.js';
import type { PrismaClient } from '../db/client.js';
import { getItem, type Item } from '../scoring/index.js';

export type CheckinForm =
  | {
      status: 'open';
      cycleId: string;
      items: Item[];
      commentsEnabled: boolean;
      teamName: string;
      closesAt: Date;
      timezone: string;
      k: number;
    }
  | { status: 'closed' };

/** What the check-in modal needs for a cycle, or that it is closed. Reads only. */
export async function checkinForm(
  deps: { prisma: PrismaClient; clock: Clock },
  cycleId: string,
): Promise<CheckinForm> {
  const cycle = await deps.prisma.cycle.findUnique({
    where: { id: cycleId },
    include: { team: { select: { name: true, commentsEnabled: true, timezone: true } } },
  });
  if (!cycle || cycle.status !== 'open' || cycle.closesAt <= deps.clock.now()) return { status: 'closed' };
  return {
    status: 'open',
    cycleId: cycle.id,
    items: cycle.itemIds.map((id) => getItem(cycle.bankVersion, id)),
    commentsEnabled: cycle.team.commentsEnabled,
    teamName: cycle.team.name,
    closesAt: cycle.closesAt,
    timezone: cycle.team.timezone,
    k: cycle.minRespondents,
  };
}

/** What the thank-you DM says about a cycle: its team, when it closes, its k. */
export async function thankYouContext(deps: { prisma: PrismaClient }, cycleId: string) {
  const cycle = await deps.prisma.cycle.findUnique({
    where: { id: cycleId },
    select: { closesAt: true, minRespondents: true, team: { select: { name: true, timezone: true } } },
  });
  if (!cycle) return null;
  return {
    teamName: cycle.team.name,
    closesAt: cycle.closesAt,
    timezone: cycle.team.timezone,
    k: cycle.minRespondents,
  };
}
