import { z } from 'zod';
import { summaryViewFor } from '../cycles/summary-view.js';
import { assertValidMessage } from '../slack/block-kit-limits.js';
import { summaryMessage } from '../views/summary-message.js';
import { createCommentsPostJob } from './comments-post.job.js';
import { defineJob } from './job-definition.js';
import type { JobDeps } from './job-deps.js';
import { slackCall } from './slack-call.js';

export const SummaryPostPayloadSchema = z.object({ summaryId: z.uuid() });
export type SummaryPostPayload = z.infer<typeof SummaryPostPayloadSchema>;

/** Posts a team summary to the team's summary channel, once (the stored ts says it was). */
export function createSummaryPostJob(deps: JobDeps) {
  const comments = createCommentsPostJob(deps);
  return defineJob<SummaryPostPayload>({
    name: 'summary-post',
    schema: SummaryPostPayloadSchema,
    jobId: (p) => `summary-post-${p.summaryId}`,
    async process({ summaryId }, ctx) {
      const summary = await deps.prisma.teamSummary.findUnique({
        where: { id: summaryId },
        include: {
          team: { include: { workspace: true } },
          cycle: { select: { number: true, closesAt: true, minRespondents: true } },
        },
      });
      if (!summary || summary.postedTs) return 'skipped';
      if (!summary.team.summaryChannelId) {
        ctx.logger.info({ summaryId }, 'team has no summary channel; summary kept for App Home');
        return 'no_channel';
      }
      const message = summaryMessage(
        summaryViewFor(summary, {
          teamName: summary.team.name,
          cycleNumber: summary.cycle?.number ?? 0,
          closedOn: summary.cycle?.closesAt ?? summary.createdAt,
          timezone: summary.team.timezone,
          minRespondents: summary.cycle?.minRespondents ?? 5,
        }),
      );
      assertValidMessage(message);
      const slackTeamId = summary.team.workspace.slackTeamId;
      const client = await deps.slack.forWorkspace(slackTeamId);
      const channel = summary.team.summaryChannelId;
      const posted = await slackCall(deps, ctx, slackTeamId, 'chat.postMessage', () =>
        client.chat.postMessage({ channel, ...message }),
      );
      await deps.prisma.teamSummary.update({
        where: { id: summaryId },
        data: { postedChannelId: posted.channel ?? channel, postedTs: posted.ts ?? null },
      });
      if (summary.commentsReleased) await deps.queue().enqueue(comments, { summaryId });
      return 'posted';
    },
  });
}
