import { z } from 'zod';
import { cryptoRng } from '../privacy/crypto-rng.js';
import { prepareComments } from '../scoring/anonymity/index.js';
import { assertValidMessage } from '../slack/block-kit-limits.js';
import { commentsMessages } from '../views/comments-message.js';
import { defineJob } from './job-definition.js';
import type { JobDeps } from './job-deps.js';
import { slackCall } from './slack-call.js';

export const CommentsPostPayloadSchema = z.object({ summaryId: z.uuid() });
export type CommentsPostPayload = z.infer<typeof CommentsPostPayloadSchema>;

/**
 * Posts a cycle's released comments as replies in the summary's thread: apart from the
 * scores, shuffled again with a CSPRNG, undated. Only when the guard released them.
 */
export function createCommentsPostJob(deps: JobDeps) {
  return defineJob<CommentsPostPayload>({
    name: 'comments-post',
    schema: CommentsPostPayloadSchema,
    jobId: (p) => `comments-post-${p.summaryId}`,
    async process({ summaryId }, ctx) {
      const summary = await deps.prisma.teamSummary.findUnique({
        where: { id: summaryId },
        include: { team: { include: { workspace: true } } },
      });
      if (!summary?.commentsReleased || summary.commentsPostedTs || !summary.cycleId) return 'skipped';
      if (!summary.postedTs || !summary.postedChannelId) throw new Error('the summary is not posted yet');
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
        const channel = summary.postedChannelId;
        const thread_ts = summary.postedTs;
        const posted = await slackCall(deps, ctx, slackTeamId, 'chat.postMessage', () =>
          client.chat.postMessage({ channel, thread_ts, ...message }),
        );
        lastTs = posted.ts ?? lastTs;
      }
      await deps.prisma.teamSummary.update({
        where: { id: summaryId },
        data: { commentsPostedTs: lastTs ?? 'posted' },
      });
      return 'posted';
    },
  });
}
