import type { TeamScheduleSettings } from '../cycles/team-schedule.js';
import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';

export interface DeleteWorkspaceDeps {
  prisma: PrismaClient;
  logger: Logger;
  /** with `paused: true`, removes a team's pulse scheduler */
  scheduleTeam(team: TeamScheduleSettings & { paused: boolean }): Promise<void>;
}

export interface DeleteWorkspaceRequest {
  /** the workspace the event came from */
  slackTeamId?: string | undefined;
  enterpriseId?: string | undefined;
  /** an org-wide install: the installation is keyed by enterprise id and covers all its workspaces */
  isEnterpriseInstall?: boolean | undefined;
  /**
   * When the uninstall or revocation happened (the envelope's `event_time`). Only data
   * that existed before then is deleted; without it, everything is.
   */
  eventTime?: Date | undefined;
  reason: 'app_uninstalled' | 'tokens_revoked' | 'admin_request';
}

export type DeleteWorkspaceResult =
  | {
      outcome: 'deleted';
      workspaces: number;
      installations: number;
      slackUsers: number;
      schedulersRemoved: number;
    }
  /** the installation is newer than the event: a reinstall after it; nothing was deleted */
  | { outcome: 'reinstalled_since' };

/**
 * The instant from which a row counts as created after the event. Slack's `event_time`
 * has whole seconds, so the event happened somewhere in [t, t+1 s): rows created at or
 * after the end of that second are certainly newer and survive; rows from within it are
 * treated as older. (A reinstall takes a person several seconds of OAuth consent, so it
 * never lands in the uninstall's own second; clock skew between Slack and us must stay
 * below that.)
 */
export function newerThanEventFrom(eventTime: Date): Date {
  return new Date(Math.floor(eventTime.getTime() / 1000) * 1000 + 1000);
}

/**
 * Deletes everything the service holds for a workspace (or, for an org-wide install,
 * every workspace of the organisation): the Workspace rows (which cascade to admins,
 * teams, leads, cycles, deliveries, participations, answers, comments, summaries, the
 * release ledger and audit events), the Installation row with its sealed tokens, and the
 * cached SlackUser rows; and removes the teams' pulse schedulers.
 *
 * Idempotent: a second call finds nothing and deletes nothing. A late event (Slack can
 * send `tokens_revoked` after `app_uninstalled`, and either after a reinstall) never
 * deletes a fresh install: if the Installation row was (re)installed after `eventTime`
 * (see {@link newerThanEventFrom}) nothing is deleted, and Workspace rows created after it
 * are kept. The check and the deletes run in one transaction holding the installation
 * row's lock, which a concurrent reinstall's upsert waits for.
 */
export async function deleteWorkspaceData(
  deps: DeleteWorkspaceDeps,
  request: DeleteWorkspaceRequest,
): Promise<DeleteWorkspaceResult> {
  const { prisma, logger } = deps;
  const isEnterpriseInstall = Boolean(request.isEnterpriseInstall);
  const installKey = isEnterpriseInstall ? request.enterpriseId : request.slackTeamId;
  if (!installKey)
    throw new Error('deleteWorkspaceData needs a team id (or an enterprise id for org installs)');
  const newerFrom = request.eventTime ? newerThanEventFrom(request.eventTime) : undefined;
  const createdBefore = newerFrom ? { createdAt: { lt: newerFrom } } : {};
  const workspaceWhere = isEnterpriseInstall
    ? { enterpriseId: installKey, ...createdBefore }
    : { slackTeamId: installKey, ...createdBefore };

  const result = await prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ installedAt: Date }[]>`
      SELECT "installedAt" FROM "Installation" WHERE "installKey" = ${installKey} FOR UPDATE`;
    const installedAt = locked[0]?.installedAt;
    if (installedAt && newerFrom && installedAt >= newerFrom)
      return { outcome: 'reinstalled_since' as const };

    const workspaces = await tx.workspace.findMany({
      where: workspaceWhere,
      select: { id: true, slackTeamId: true },
    });
    const teams = await tx.team.findMany({
      where: { workspaceId: { in: workspaces.map((w) => w.id) } },
      select: { id: true, cadence: true, weekday: true, hour: true, timezone: true },
    });
    const teamIds = new Set(workspaces.map((w) => w.slackTeamId));
    if (request.slackTeamId) teamIds.add(request.slackTeamId);
    const installations = await tx.installation.deleteMany({ where: { installKey } });
    const deleted = await tx.workspace.deleteMany({ where: { id: { in: workspaces.map((w) => w.id) } } });
    const slackUsers = await tx.slackUser.deleteMany({ where: { slackTeamId: { in: [...teamIds] } } });
    return {
      outcome: 'deleted' as const,
      teams,
      workspaces: deleted.count,
      installations: installations.count,
      slackUsers: slackUsers.count,
    };
  });
  if (result.outcome !== 'deleted') {
    logger.info(
      { installKey, reason: request.reason },
      'workspace reinstalled after the event; nothing deleted',
    );
    return result;
  }

  // After the commit: a scheduler that fires in between finds no team and does nothing.
  let schedulersRemoved = 0;
  for (const team of result.teams) {
    try {
      await deps.scheduleTeam({ ...team, paused: true });
      schedulersRemoved += 1;
    } catch (err) {
      logger.warn(
        { err: { name: (err as Error)?.name }, teamId: team.id },
        'could not remove a team scheduler',
      );
    }
  }
  const { teams: _teams, ...counts } = result;
  logger.info({ installKey, reason: request.reason, ...counts, schedulersRemoved }, 'workspace data deleted');
  return { ...counts, schedulersRemoved };
}
