import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';
import { assertValidMessage } from '../slack/block-kit-limits.js';
import type { SlackCall } from '../slack/paced-call.js';
import type { SlackClients } from '../slack/web-client.js';
import { summaryMessage } from '../views/summary-message.js';
import { summaryViewOf } from './summary-view.js';

/** What posting to a team's summary channel needs. */
export interface SummaryPostDeps {
  prisma: PrismaClient;
  logger: Logger;
  slack: SlackClients;
  slackCall: SlackCall;
}

export type PostSummaryOutcome =
  | { status: 'skipped' | 'no_channel' }
  | { status: 'posted'; commentsReleased: boolean };

/**
 * Posts a team summary to the team's summary channel, once: the stored ts says it was.
 * A team without a summary channel keeps its summary for App Home and `/climate report`.
 */
export async function postSummary(deps: SummaryPostDeps, summaryId: string): Promise<PostSummaryOutcome> {
  const summary = await deps.prisma.teamSummary.findUnique({
    where: { id: summaryId },
    include: {
      team: { include: { workspace: true } },
      cycle: { select: { number: true, closesAt: true, minRespondents: true } },
    },
  });
  if (!summary || summary.postedTs) return { status: 'skipped' };
  const channel = summary.team.summaryChannelId;
  if (!channel) {
    deps.logger.info({ summaryId }, 'team has no summary channel; summary kept for App Home');
    return { status: 'no_channel' };
  }
  const message = summaryMessage(summaryViewOf(summary, summary.team));
  assertValidMessage(message);
  const slackTeamId = summary.team.workspace.slackTeamId;
  const client = await deps.slack.forWorkspace(slackTeamId);
  const posted = await deps.slackCall(slackTeamId, 'chat.postMessage', () =>
    client.chat.postMessage({ channel, ...message }),
  );
  await deps.prisma.teamSummary.update({
    where: { id: summaryId },
    data: { postedChannelId: posted.channel ?? channel, postedTs: posted.ts ?? null },
  });
  return { status: 'posted', commentsReleased: summary.commentsReleased };
}
