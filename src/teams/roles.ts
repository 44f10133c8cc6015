/**
 * Who may do what. Three roles, always decided on the server from our own tables,
 * never from anything in a Slack payload beyond the caller's user and workspace ids:
 *
 * - `hr_admin`: a row in WorkspaceAdmin for the workspace. The person who installed the
 *   app (Installation.installerUserId) is the first admin: while a workspace has no
 *   admin, the installer is promoted on first contact. Where no installer is recorded
 *   (a single-workspace bot token has no OAuth install), the first person to run
 *   `/climate setup` becomes the admin and is told so ({@link claimFirstAdmin}). After
 *   that, only admins add admins (`/climate admin add-admin @user`).
 * - `lead`: a TeamLead row; lead rights are per team.
 * - `employee`: everyone else.
 */
import type { PrismaClient } from '../db/client.js';
import { recordAudit } from './audit.js';

export type Role = 'hr_admin' | 'lead' | 'employee';

/** What the caller tried, for the polite refusal the handlers show. */
export type ForbiddenAction =
  | 'admin'
  | 'setup_new_team'
  | 'setup_team'
  | 'pause'
  | 'resume'
  | 'report'
  | 'status_team';

/** A role check failed. Handlers turn it into an ephemeral refusal, never a stack trace. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(
    readonly action: ForbiddenAction,
    readonly role: Role,
    readonly teamName?: string,
  ) {
    super(`${role} may not ${action}${teamName ? ` for ${teamName}` : ''}`);
  }
}

export interface Caller {
  slackTeamId: string;
  userId: string;
}

async function workspaceFor(prisma: PrismaClient, slackTeamId: string) {
  return prisma.workspace.findUnique({ where: { slackTeamId }, select: { id: true } });
}

/**
 * The installer becomes the first admin while the workspace has none. Returns whether
 * `userId` is (now) an admin through this rule.
 */
async function promoteInstaller(
  prisma: PrismaClient,
  workspaceId: string,
  slackTeamId: string,
  userId: string,
): Promise<boolean> {
  const installation = await prisma.installation.findFirst({
    where: { slackTeamId, installerUserId: { not: null } },
    select: { installerUserId: true },
    orderBy: { installedAt: 'desc' },
  });
  if (installation?.installerUserId !== userId) return false;
  return (await claimFirstAdmin(prisma, workspaceId, userId, 'installer')) !== 'refused';
}

export async function isAdmin(prisma: PrismaClient, caller: Caller): Promise<boolean> {
  const workspace = await workspaceFor(prisma, caller.slackTeamId);
  if (!workspace) return false;
  const admins = await prisma.workspaceAdmin.findMany({
    where: { workspaceId: workspace.id },
    select: { slackUserId: true },
  });
  if (admins.some((a) => a.slackUserId === caller.userId)) return true;
  if (admins.length > 0) return false;
  return promoteInstaller(prisma, workspace.id, caller.slackTeamId, caller.userId);
}

/**
 * The caller's role: `hr_admin` wins; otherwise `lead` of `teamId` when given, or of
 * any team in the workspace when not; otherwise `employee`.
 */
export async function roleOf(
  prisma: PrismaClient,
  slackTeamId: string,
  userId: string,
  teamId?: string,
): Promise<Role> {
  if (await isAdmin(prisma, { slackTeamId, userId })) return 'hr_admin';
  const lead = await prisma.teamLead.findFirst({
    where: {
      slackUserId: userId,
      team: { workspace: { slackTeamId }, ...(teamId ? { id: teamId } : {}) },
    },
    select: { id: true },
  });
  return lead ? 'lead' : 'employee';
}

/**
 * Throws {@link ForbiddenError} unless the caller's role (for `teamId`, when given) is
 * one of `allowed`; returns the role otherwise.
 */
export async function requireRole(
  prisma: PrismaClient,
  caller: Caller,
  allowed: readonly Role[],
  action: ForbiddenAction,
  team?: { id: string; name: string },
): Promise<Role> {
  const role = await roleOf(prisma, caller.slackTeamId, caller.userId, team?.id);
  if (!allowed.includes(role)) throw new ForbiddenError(action, role, team?.name);
  return role;
}

/** Ids of the teams the user leads in this workspace. */
export async function ledTeamIds(prisma: PrismaClient, caller: Caller): Promise<string[]> {
  const rows = await prisma.teamLead.findMany({
    where: { slackUserId: caller.userId, team: { workspace: { slackTeamId: caller.slackTeamId } } },
    select: { teamId: true },
  });
  return rows.map((r) => r.teamId);
}

export type ClaimResult = 'claimed' | 'already_admin' | 'refused';

/**
 * Makes `userId` the workspace's first admin if, and only if, it has none yet. The
 * workspace row is locked for the check, so two people racing to be first cannot both
 * win. `via` says how: the recorded installer, or the first `/climate setup`.
 */
export async function claimFirstAdmin(
  prisma: PrismaClient,
  workspaceId: string,
  userId: string,
  via: 'installer' | 'first_setup',
): Promise<ClaimResult> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Workspace" WHERE id = ${workspaceId}::uuid FOR UPDATE`;
    const admins = await tx.workspaceAdmin.findMany({
      where: { workspaceId },
      select: { slackUserId: true },
    });
    if (admins.some((a) => a.slackUserId === userId)) return 'already_admin';
    if (admins.length > 0) return 'refused';
    await tx.workspaceAdmin.create({ data: { workspaceId, slackUserId: userId, addedBy: via } });
    await recordAudit(tx, {
      workspaceId,
      actorUserId: userId,
      action: 'admin.bootstrap',
      target: userId,
      details: { via },
    });
    return 'claimed';
  });
}

/** Adds an admin (the caller must already be one: checked by the caller of this service). */
export async function addAdmin(
  prisma: PrismaClient,
  workspaceId: string,
  actorUserId: string,
  userId: string,
): Promise<'added' | 'already_admin'> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.workspaceAdmin.findUnique({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId: userId } },
    });
    if (existing) return 'already_admin';
    await tx.workspaceAdmin.create({ data: { workspaceId, slackUserId: userId, addedBy: actorUserId } });
    await recordAudit(tx, { workspaceId, actorUserId, action: 'admin.add', target: userId });
    return 'added';
  });
}
