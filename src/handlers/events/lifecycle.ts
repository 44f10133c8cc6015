import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { WebClient } from '../../slack/web-client.js';
import { notifyLeadsOfLostChannel } from '../../teams/lead-notices.js';
import { type DeleteWorkspaceDeps, deleteWorkspaceData } from '../../workspaces/delete-workspace.js';
import type { HandlerDeps } from '../handler-deps.js';

/**
 * What the lifecycle listeners need: the handler deps (HandlerDeps fits), and optionally a
 * hook to drop cached Slack clients of a deleted workspace.
 */
export type LifecycleDeps = Pick<HandlerDeps, 'prisma' | 'logger' | 'scheduleTeam'> & {
  onWorkspaceDeleted?(slackTeamId: string): void;
};

const EnvelopeSchema = z.object({
  team_id: z.string().min(1).optional(),
  enterprise_id: z.string().min(1).nullish(),
  event_id: z.string().optional(),
  /** Unix seconds of when the event happened */
  event_time: z.number().int().positive().optional(),
});

const TokensRevokedSchema = z.object({
  tokens: z.object({ bot: z.array(z.string()).optional(), oauth: z.array(z.string()).optional() }),
});

const ChannelLeftSchema = z.object({ channel: z.string().min(1) });

type EventArgs<T extends string> = SlackEventMiddlewareArgs<T> & AllMiddlewareArgs;

async function removeWorkspace(
  deps: LifecycleDeps,
  args: { body: unknown; context: { isEnterpriseInstall?: boolean; teamId?: string; enterpriseId?: string } },
  reason: 'app_uninstalled' | 'tokens_revoked',
): Promise<void> {
  const envelope = EnvelopeSchema.safeParse(args.body);
  if (!envelope.success) {
    deps.logger.warn({ reason }, 'lifecycle event envelope did not validate');
    return;
  }
  const slackTeamId = envelope.data.team_id ?? args.context.teamId;
  const enterpriseId = envelope.data.enterprise_id ?? args.context.enterpriseId;
  const isEnterpriseInstall = Boolean(args.context.isEnterpriseInstall);
  if (!(isEnterpriseInstall ? enterpriseId : slackTeamId)) {
    deps.logger.warn({ reason, eventId: envelope.data.event_id }, 'lifecycle event names no workspace');
    return;
  }
  const result = await deleteWorkspaceData(deleteDeps(deps), {
    slackTeamId,
    enterpriseId,
    isEnterpriseInstall,
    reason,
    ...(envelope.data.event_time ? { eventTime: new Date(envelope.data.event_time * 1000) } : {}),
  });
  if (result.outcome === 'deleted' && slackTeamId) deps.onWorkspaceDeleted?.(slackTeamId);
}

function deleteDeps(deps: LifecycleDeps): DeleteWorkspaceDeps {
  return { prisma: deps.prisma, logger: deps.logger, scheduleTeam: deps.scheduleTeam };
}

/** `channel_left` / `group_left`: validated, then the leads whose summaries posted there are told. */
async function onChannelLeft(deps: LifecycleDeps, client: WebClient, body: unknown, event: unknown) {
  const parsed = ChannelLeftSchema.safeParse(event);
  const envelope = EnvelopeSchema.safeParse(body);
  const slackTeamId = envelope.success ? envelope.data.team_id : undefined;
  if (!parsed.success || !slackTeamId) {
    deps.logger.warn('channel_left event did not validate');
    return;
  }
  await notifyLeadsOfLostChannel(deps, client, { slackTeamId, channelId: parsed.data.channel });
}

/**
 * The installation lifecycle:
 * - `app_uninstalled`, and `tokens_revoked` naming bot tokens: delete the workspace's data
 *   (see {@link deleteWorkspaceData}: idempotent, and a late event never deletes a
 *   reinstall). Bolt authorizes neither event, so they arrive even when the installation
 *   is already gone.
 * - `channel_left` / `group_left` (the bot was removed from a channel): if a team posts its
 *   summaries there, tell the team's leads by DM.
 * Retried deliveries are dropped earlier, by the event de-duplication middleware.
 */
export function registerLifecycle(app: App, deps: LifecycleDeps): void {
  app.event('app_uninstalled', async ({ body, context }: EventArgs<'app_uninstalled'>) => {
    await removeWorkspace(deps, { body, context }, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ body, event, context }: EventArgs<'tokens_revoked'>) => {
    const parsed = TokensRevokedSchema.safeParse(event);
    // user tokens only: we keep none, and the bot is still installed
    if (!parsed.success || (parsed.data.tokens.bot ?? []).length === 0) return;
    await removeWorkspace(deps, { body, context }, 'tokens_revoked');
  });
  app.event('channel_left', async ({ body, event, client }: EventArgs<'channel_left'>) => {
    await onChannelLeft(deps, client, body, event);
  });
  app.event('group_left', async ({ body, event, client }: EventArgs<'group_left'>) => {
    await onChannelLeft(deps, client, body, event);
  });
}
