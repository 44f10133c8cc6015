import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';
import { MIN_TEAM_SIZE } from '../scoring/anonymity/index.js';
import type { SlackCall } from '../slack/paced-call.js';
import { callSlack, type SlackClients, type WebClient } from '../slack/web-client.js';
import { summaryChannelLostText, teamTooSmallText } from '../views/lead-notices.js';
import { teamsPostingTo } from './team-overview.js';

/**
 * Tells a team lead, privately, that no check-in went out because the team is too small
 * for results of its own. Slack's errors are thrown on for the caller (a job) to map.
 */
export async function sendTeamTooSmallNotice(
  deps: { prisma: PrismaClient; slack: SlackClients; slackCall: SlackCall },
  notice: { teamId: string; slackUserId: string; eligible: number },
): Promise<'sent' | 'team_missing'> {
  const team = await deps.prisma.team.findUnique({
    where: { id: notice.teamId },
    select: { name: true, workspace: { select: { slackTeamId: true } } },
  });
  if (!team) return 'team_missing';
  const slackTeamId = team.workspace.slackTeamId;
  const client = await deps.slack.forWorkspace(slackTeamId);
  const text = teamTooSmallText({
    teamName: team.name,
    eligible: notice.eligible,
    minTeamSize: MIN_TEAM_SIZE,
  });
  await deps.slackCall(slackTeamId, 'chat.postMessage', () =>
    client.chat.postMessage({ channel: notice.slackUserId, text }),
  );
  return 'sent';
}

/**
 * The bot was removed from a channel: if teams post their summaries there, tell each of
 * their leads once, naming every team of theirs that posts there. A lead who cannot be
 * told is logged and skipped.
 */
export async function notifyLeadsOfLostChannel(
  deps: { prisma: PrismaClient; logger: Logger },
  client: WebClient,
  where: { slackTeamId: string; channelId: string },
): Promise<void> {
  const { slackTeamId, channelId } = where;
  const teams = await teamsPostingTo(deps.prisma, slackTeamId, channelId);
  if (teams.length === 0) return;
  const byLead = new Map<string, string[]>();
  for (const team of teams) {
    for (const lead of team.leads)
      byLead.set(lead.slackUserId, [...(byLead.get(lead.slackUserId) ?? []), team.name]);
  }
  deps.logger.info(
    { slackTeamId, channelId, teamIds: teams.map((t) => t.id), leads: byLead.size },
    'bot removed from a summary channel',
  );
  for (const [leadId, names] of byLead) {
    try {
      await callSlack('chat.postMessage', () =>
        client.chat.postMessage({ channel: leadId, text: summaryChannelLostText(channelId, names) }),
      );
    } catch (err) {
      const e = err as { name?: string; code?: string };
      deps.logger.warn({ err: { name: e.name, code: e.code }, leadId, channelId }, 'could not tell a lead');
    }
  }
}
