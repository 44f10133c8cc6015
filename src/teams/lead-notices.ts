import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';
import { callSlack, type WebClient } from '../slack/web-client.js';
import { summaryChannelLostText } from '../views/lead-notices.js';
import { teamsPostingTo } from './team-overview.js';

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
