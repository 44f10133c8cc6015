import type { webApi } from '@slack/bolt';
import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';
import { assertValidMessage } from '../slack/block-kit-limits.js';
import { type Announcement, privacyAnnouncement } from '../views/command-replies.js';

type Poster = Pick<webApi.WebClient, 'chat'>;

/**
 * Posts a privacy announcement in a team's summary channel. A team without one, or a
 * channel the bot cannot post in, is logged and skipped: the change itself is already
 * stored and audited, so an announcement failure must not undo or hide it.
 */
export async function announcePrivacyChange(
  deps: { client: Poster; logger: Logger },
  input: {
    channel: string | null;
    teamName: string;
    actorUserId: string;
    created: boolean;
    changes: Announcement[];
    k: number;
  },
): Promise<boolean> {
  const { channel, ...rest } = input;
  if (!channel || (rest.changes.length === 0 && !rest.created)) return false;
  const message = privacyAnnouncement(rest);
  assertValidMessage(message);
  try {
    await deps.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
    return true;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).name;
    deps.logger.warn({ channel, code }, 'privacy announcement could not be posted');
    return false;
  }
}

/** After a workspace-wide k raise: one announcement per distinct summary channel. */
export async function announceKRaised(
  deps: { client: Poster; logger: Logger; prisma: PrismaClient },
  input: { workspaceId: string; actorUserId: string; k: number },
): Promise<number> {
  const teams = await deps.prisma.team.findMany({
    where: { workspaceId: input.workspaceId, summaryChannelId: { not: null } },
    select: { name: true, summaryChannelId: true, minRespondents: true },
    orderBy: { name: 'asc' },
  });
  const seen = new Set<string>();
  let posted = 0;
  for (const team of teams) {
    const channel = team.summaryChannelId!;
    if (seen.has(channel)) continue;
    seen.add(channel);
    const k = Math.max(team.minRespondents, input.k);
    const ok = await announcePrivacyChange(deps, {
      channel,
      teamName: team.name,
      actorUserId: input.actorUserId,
      created: false,
      changes: [{ kind: 'k', k }],
      k,
    });
    if (ok) posted += 1;
  }
  return posted;
}
