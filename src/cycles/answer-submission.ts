import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { PrismaClient } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { AnswerValuesSchema } from '../db/stored-json.js';
import { openParticipationKey, participationTag } from '../privacy/participation-key.js';

export const MAX_COMMENT_LENGTH = 2_000;

export interface SubmitAnswerInput {
  cycleId: string;
  slackTeamId: string;
  slackUserId: string;
  /** item id → 1..5, exactly the cycle's items */
  values: Record<string, number>;
  comment?: string;
}

export type SubmitAnswerResult =
  | { status: 'stored' }
  | { status: 'already_answered' }
  | { status: 'cycle_closed' }
  | { status: 'not_invited' }
  | { status: 'invalid'; problems: string[] };

export interface SubmissionDeps {
  prisma: PrismaClient;
  encryptionKey: Buffer;
  clock: Clock;
}

class AlreadyAnswered extends Error {}

/**
 * Stores one person's answers for an open cycle through the privacy layer: the
 * participation tag (HMAC under the cycle key) and the answer are written in one
 * transaction, the answer with a random id and nothing about who or when. A second
 * attempt by the same person finds the tag and stores nothing.
 */
export async function submitAnswer(
  deps: SubmissionDeps,
  input: SubmitAnswerInput,
): Promise<SubmitAnswerResult> {
  const cycle = await deps.prisma.cycle.findUnique({
    where: { id: input.cycleId },
    select: {
      id: true,
      status: true,
      closesAt: true,
      itemIds: true,
      participationKeyEnc: true,
      team: { select: { commentsEnabled: true } },
    },
  });
  if (!cycle || cycle.status !== 'open' || !cycle.participationKeyEnc || cycle.closesAt <= deps.clock.now()) {
    return { status: 'cycle_closed' };
  }

  const problems: string[] = [];
  const values = AnswerValuesSchema.safeParse(input.values);
  if (!values.success) problems.push('every answer must be a whole number from 1 to 5');
  const given = Object.keys(input.values).sort();
  const expected = [...cycle.itemIds].sort();
  const missing = expected.filter((id) => !given.includes(id));
  const unknown = given.filter((id) => !expected.includes(id));
  if (missing.length > 0) problems.push(`missing answers: ${missing.join(', ')}`);
  if (unknown.length > 0) problems.push(`not in this check-in: ${unknown.join(', ')}`);
  const comment = input.comment?.trim() ?? '';
  if (comment && !cycle.team.commentsEnabled) problems.push('comments are off for this team');
  if (comment.length > MAX_COMMENT_LENGTH)
    problems.push(`comments are limited to ${MAX_COMMENT_LENGTH} characters`);
  if (problems.length > 0) return { status: 'invalid', problems };

  const invited = await deps.prisma.delivery.findUnique({
    where: { cycleId_slackUserId: { cycleId: cycle.id, slackUserId: input.slackUserId } },
    select: { id: true },
  });
  if (!invited) return { status: 'not_invited' };

  const key = openParticipationKey(deps.encryptionKey, cycle.id, cycle.participationKeyEnc);
  const tag = participationTag(key, {
    slackTeamId: input.slackTeamId,
    slackUserId: input.slackUserId,
    cycleId: cycle.id,
  });
  key.fill(0);

  try {
    return await deps.prisma.$transaction(async (tx) => {
      // Holds off a concurrent close until this answer is in, or sees that it won.
      const locked = await tx.$queryRaw<{ status: string }[]>`
        SELECT status::text AS status FROM "Cycle" WHERE id = ${cycle.id}::uuid FOR SHARE`;
      if (locked[0]?.status !== 'open') return { status: 'cycle_closed' as const };
      try {
        await tx.participation.create({ data: { cycleId: cycle.id, tag: new Uint8Array(tag) } });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AlreadyAnswered();
        throw error;
      }
      await tx.answer.create({ data: { id: randomUUID(), cycleId: cycle.id, values: values.data! } });
      if (comment) await tx.comment.create({ data: { id: randomUUID(), cycleId: cycle.id, text: comment } });
      return { status: 'stored' as const };
    });
  } catch (error) {
    if (error instanceof AlreadyAnswered) return { status: 'already_answered' };
    throw error;
  }
}
