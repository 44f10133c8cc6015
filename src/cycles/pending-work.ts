import type { PrismaClient } from '../db/client.js';
import { FOLLOW_UP_SELECT, followUpsOf, type OpenedCycle } from './cycle-open.js';

export interface PendingWork {
  /** open cycles: unsent deliveries, reminder, close */
  open: OpenedCycle[];
  aggregations: { cycleId: string }[];
  posts: { summaryId: string }[];
  comments: { summaryId: string }[];
}

/**
 * Everything the database says is still to do for the pulse loop: the follow-ups of open
 * cycles, closed cycles not yet aggregated, summaries not yet posted, released comments
 * not yet posted. The in-process runner keeps its delayed jobs in memory, so a restart
 * would otherwise forget them; on BullMQ the same deterministic job ids make
 * re-enqueueing a no-op.
 */
export async function findPendingWork(prisma: PrismaClient): Promise<PendingWork> {
  const [open, closed, unposted, uncommented] = await Promise.all([
    prisma.cycle.findMany({ where: { status: 'open' }, select: FOLLOW_UP_SELECT }),
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
  return {
    open: open.map(followUpsOf),
    aggregations: closed.map((c) => ({ cycleId: c.id })),
    posts: unposted.map((s) => ({ summaryId: s.id })),
    comments: uncommented.map((s) => ({ summaryId: s.id })),
  };
}
