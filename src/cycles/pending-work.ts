import type { PrismaClient } from '../db/client.js';

const HOUR = 3_600_000;

export interface PendingWork {
  deliveries: { deliveryId: string; sendAt: Date }[];
  reminders: { cycleId: string; remindAt: Date }[];
  closes: { cycleId: string; closesAt: Date }[];
  aggregations: { cycleId: string }[];
  posts: { summaryId: string }[];
  comments: { summaryId: string }[];
}

/**
 * Everything the database says is still to do for the pulse loop: deliveries not yet
 * sent, reminders and closes of open cycles, closed cycles not yet aggregated, released
 * or suppressed summaries not yet posted, released comments not yet posted. The in-process runner keeps its delayed jobs
 * in memory, so a restart would otherwise forget them; on BullMQ the same deterministic
 * job ids make re-enqueueing a no-op.
 */
export async function findPendingWork(prisma: PrismaClient): Promise<PendingWork> {
  const [open, closed, unposted, uncommented] = await Promise.all([
    prisma.cycle.findMany({
      where: { status: 'open' },
      select: {
        id: true,
        closesAt: true,
        team: { select: { reminderHoursBeforeClose: true } },
        deliveries: { select: { id: true, sendAt: true, status: true }, orderBy: { sendAt: 'asc' } },
      },
    }),
    prisma.cycle.findMany({ where: { status: 'closed' }, select: { id: true } }),
    prisma.teamSummary.findMany({
      where: { postedTs: null, team: { summaryChannelId: { not: null } } },
      select: { id: true },
    }),
    prisma.teamSummary.findMany({
      where: { commentsReleased: true, commentsPostedTs: null, postedTs: { not: null } },
      select: { id: true },
    }),
  ]);
  const work: PendingWork = {
    deliveries: [],
    reminders: [],
    closes: [],
    aggregations: [],
    posts: [],
    comments: [],
  };
  for (const cycle of open) {
    for (const d of cycle.deliveries)
      if (d.status === 'pending') work.deliveries.push({ deliveryId: d.id, sendAt: d.sendAt });
    const lastSend = cycle.deliveries.at(-1)?.sendAt ?? cycle.closesAt;
    const remindAt = new Date(cycle.closesAt.getTime() - cycle.team.reminderHoursBeforeClose * HOUR);
    if (remindAt > lastSend) work.reminders.push({ cycleId: cycle.id, remindAt });
    work.closes.push({ cycleId: cycle.id, closesAt: cycle.closesAt });
  }
  for (const cycle of closed) work.aggregations.push({ cycleId: cycle.id });
  for (const summary of unposted) work.posts.push({ summaryId: summary.id });
  for (const summary of uncommented) work.comments.push({ summaryId: summary.id });
  return work;
}
