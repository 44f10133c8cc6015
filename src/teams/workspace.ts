import type { PrismaClient } from '../db/client.js';
import type { Workspace } from '../generated/prisma/client.js';
import { normaliseK } from '../scoring/anonymity/index.js';

/**
 * The workspace row for a Slack team id, created on first use with the operator's k
 * (`MIN_RESPONDENTS`, never below 5). The install flow may already have created it;
 * an upsert makes both orders safe.
 */
export async function ensureWorkspace(
  prisma: PrismaClient,
  slackTeamId: string,
  defaults: { minRespondents: number; retentionDays: number },
): Promise<Workspace> {
  return prisma.workspace.upsert({
    where: { slackTeamId },
    create: {
      slackTeamId,
      minRespondents: normaliseK(defaults.minRespondents),
      retentionDays: defaults.retentionDays,
    },
    update: {},
  });
}
