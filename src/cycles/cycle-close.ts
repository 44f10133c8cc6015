import { randomInt, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';

export interface CloseCycleResult {
  /** false when the cycle was already closed (closing is idempotent) */
  closed: boolean;
  respondentCount: number;
}

/** Fisher–Yates with a cryptographic source: the order must not be guessable. */
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Closes a cycle in one transaction so that afterwards nothing stored links an answer
 * to a person:
 * - the respondent count is taken from the participation tags, then the tags, the
 *   reminder marks, the sealed participation key and the delivery rows (who was
 *   invited) are deleted;
 * - answers and comments are rewritten once, in a random order, with new random ids,
 *   so physical order, ids and transaction ids (`xmin`, now one value for all) carry
 *   no trace of submission order.
 * A VACUUM afterwards reclaims the dead tuples the rewrite left behind.
 */
export async function closeCycle(
  deps: { prisma: PrismaClient; logger: Logger },
  cycleId: string,
  closedAt: Date,
): Promise<CloseCycleResult> {
  const result = await deps.prisma.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ status: string; respondentCount: number | null }[]>`
        SELECT status::text AS status, "respondentCount" FROM "Cycle" WHERE id = ${cycleId}::uuid FOR UPDATE`;
      const cycle = rows[0];
      if (!cycle) throw new Error(`cycle ${cycleId} does not exist`);
      if (cycle.status !== 'open') return { closed: false, respondentCount: cycle.respondentCount ?? 0 };

      const respondentCount = await tx.participation.count({ where: { cycleId } });
      const answers = await tx.answer.findMany({ where: { cycleId }, select: { values: true } });
      const comments = await tx.comment.findMany({ where: { cycleId }, select: { text: true } });
      await tx.answer.deleteMany({ where: { cycleId } });
      await tx.comment.deleteMany({ where: { cycleId } });
      if (answers.length > 0) {
        await tx.answer.createMany({
          data: shuffle(answers).map((a) => ({ id: randomUUID(), cycleId, values: a.values as object })),
        });
      }
      if (comments.length > 0) {
        await tx.comment.createMany({
          data: shuffle(comments).map((c) => ({ id: randomUUID(), cycleId, text: c.text })),
        });
      }
      await tx.participation.deleteMany({ where: { cycleId } });
      await tx.reminderMark.deleteMany({ where: { cycleId } });
      await tx.delivery.deleteMany({ where: { cycleId } });
      await tx.cycle.update({
        where: { id: cycleId },
        data: { status: 'closed', closedAt, respondentCount, participationKeyEnc: null },
      });
      return { closed: true, respondentCount };
    },
    { timeout: 60_000 },
  );
  if (result.closed) {
    for (const table of ['Answer', 'Comment', 'Participation', 'ReminderMark', 'Delivery']) {
      await deps.prisma.$executeRawUnsafe(`VACUUM "${table}"`).catch((err: unknown) => {
        deps.logger.warn(
          { err, table },
          'vacuum after cycle close failed; dead tuples stay until autovacuum',
        );
      });
    }
    deps.logger.info({ cycleId, event: 'participation_key_destroyed' }, 'cycle closed');
  }
  return result;
}

/** Closes a cycle as of its own `closesAt` (the close job's work); 'missing' once it is gone. */
export async function closeCycleWhenDue(
  deps: { prisma: PrismaClient; logger: Logger },
  cycleId: string,
): Promise<CloseCycleResult | 'missing'> {
  const cycle = await deps.prisma.cycle.findUnique({ where: { id: cycleId }, select: { closesAt: true } });
  if (!cycle) return 'missing';
  return closeCycle(deps, cycleId, cycle.closesAt);
}

/**
 * Deletes raw answers and comments of cycles aggregated more than `retentionDays` ago;
 * the released aggregates stay.
 */
export async function purgeExpiredAnswers(
  prisma: PrismaClient,
  now: Date,
  retentionDays: number,
): Promise<{ cycles: number; answers: number; comments: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const cycles = await prisma.cycle.findMany({
    where: {
      status: 'aggregated',
      closedAt: { lt: cutoff },
      OR: [{ answers: { some: {} } }, { comments: { some: {} } }],
    },
    select: { id: true },
  });
  const ids = cycles.map((c) => c.id);
  if (ids.length === 0) return { cycles: 0, answers: 0, comments: 0 };
  const [answers, comments] = await prisma.$transaction([
    prisma.answer.deleteMany({ where: { cycleId: { in: ids } } }),
    prisma.comment.deleteMany({ where: { cycleId: { in: ids } } }),
  ]);
  return { cycles: ids.length, answers: answers.count, comments: comments.count };
}
