import { cryptoRng } from '../privacy/crypto-rng.js';
import { prepareComments } from '../scoring/anonymity/index.js';
import { assertValidMessage } from '../slack/block-kit-limits.js';
import { commentsMessages } from '../views/comments-message.js';
import type { SummaryPostDeps } from './post-summary.js';

/**
 * Posts a cycle's released comments as replies in the summary's thread: apart from the
 * scores, shuffled again with a CSPRNG, undated. Only when the guard released them, and
 * once: the stored ts of the last reply says they were posted.
 */
export async function postComments(
  deps: Omit<SummaryPostDeps, 'logger'>,
  summaryId: string,
): Promise<'posted' | 'none' | 'skipped'> {
  const summary = await deps.prisma.teamSummary.findUnique({
    where: { id: summaryId },
    include: { team: { include: { workspace: true } } },
  });
  if (!summary?.commentsReleased || summary.commentsPostedTs || !summary.cycleId) return 'skipped';
  const { postedTs: thread_ts, postedChannelId: channel } = summary;
  if (!thread_ts || !channel) throw new Error('the summary is not posted yet');
  const comments = await deps.prisma.comment.findMany({
    where: { cycleId: summary.cycleId },
    select: { text: true },
  });
  const prepared = prepareComments(comments, summary.respondentCount ?? 0, cryptoRng);
  if (!prepared.released || prepared.comments.length === 0) return 'none';

  const slackTeamId = summary.team.workspace.slackTeamId;
  const client = await deps.slack.forWorkspace(slackTeamId);
  let lastTs: string | undefined;
  for (const message of commentsMessages({ teamName: summary.team.name, comments: prepared.comments })) {
    assertValidMessage(message);
    const posted = await deps.slackCall(slackTeamId, 'chat.postMessage', () =>
      client.chat.postMessage({ channel, thread_ts, ...message }),
    );
    lastTs = posted.ts ?? lastTs;
  }
  await deps.prisma.teamSummary.update({
    where: { id: summaryId },
    data: { commentsPostedTs: lastTs ?? 'posted' },
  });
  return 'posted';
}
