import { z } from 'zod';
import { MIN_TEAM_SIZE } from '../scoring/anonymity/index.js';
import { defineJob } from './job-definition.js';
import type { JobDeps } from './job-deps.js';
import { slackCall } from './slack-call.js';

export const LeadNoticePayloadSchema = z.object({
  teamId: z.uuid(),
  slackUserId: z.string().min(1),
  notice: z.literal('too_small'),
  /** one notice per lead per round: the week's key, e.g. 2026-W48 */
  roundKey: z.string().regex(/^\d{4}-W\d{2}$/),
  eligible: z.number().int().min(0),
});
export type LeadNoticePayload = z.infer<typeof LeadNoticePayloadSchema>;

/** Tells a team lead, privately, why no check-in went out this time. */
export function createLeadNoticeJob(deps: JobDeps) {
  return defineJob<LeadNoticePayload>({
    name: 'lead-notice',
    schema: LeadNoticePayloadSchema,
    jobId: (p) => `lead-notice-${p.teamId}-${p.slackUserId}-${p.notice}-${p.roundKey}`,
    async process(payload, ctx) {
      const team = await deps.prisma.team.findUnique({
        where: { id: payload.teamId },
        select: { name: true, workspace: { select: { slackTeamId: true } } },
      });
      if (!team) return 'team_missing';
      const slackTeamId = team.workspace.slackTeamId;
      const client = await deps.slack.forWorkspace(slackTeamId);
      const text =
        `No check-in went out for *${team.name}*: its channel or user group has ${payload.eligible} eligible ` +
        `member${payload.eligible === 1 ? '' : 's'}, and a team needs at least ${MIN_TEAM_SIZE} before it gets ` +
        'results of its own, so that no answer can be traced to a person. Teams this small roll up into their parent group; ' +
        'an HR admin can set that up.';
      await slackCall(deps, ctx, slackTeamId, 'chat.postMessage', () =>
        client.chat.postMessage({ channel: payload.slackUserId, text }),
      );
      return 'sent';
    },
  });
}
