import type { webApi } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { TeamScheduleSettings } from '../cycles/team-schedule.js';
import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';
import { assertValidModal } from '../slack/block-kit-limits.js';
import {
  addAdminReply,
  adminTeamsReply,
  chooseTeamReply,
  defaultsReply,
  employeeStatusReply,
  firstAdminNotice,
  helpReply,
  noSummaryReply,
  noTeamsReply,
  pausedReply,
  type Reply,
  raiseKReply,
  reportReply,
  resumedReply,
  statusReply,
  teamNotFoundReply,
  usageReply,
} from '../views/command-replies.js';
import { setupModal } from '../views/setup-modal.js';
import { announceKRaised } from './announce.js';
import { addAdmin, type Caller, claimFirstAdmin, ForbiddenError, requireRole, roleOf } from './roles.js';
import { chooseTeam, latestSummaryView, orgOverview, teamStatus, teamsOf } from './team-overview.js';
import {
  type CADENCES,
  editableSettings,
  kForNextCycle,
  nextCheckinAt,
  raiseWorkspaceK,
  setPaused,
  setWorkspaceDefaults,
} from './team-settings.js';
import { ensureWorkspace } from './workspace.js';

/** What `/climate <text>` asks for. Anything unreadable becomes `help` or a usage line. */
export type ClimateSubcommand =
  | { kind: 'help'; unknown?: string }
  | { kind: 'setup'; team?: string }
  | { kind: 'status'; team?: string }
  | { kind: 'report'; team?: string }
  | { kind: 'pause'; team?: string }
  | { kind: 'resume'; team?: string }
  | { kind: 'admin_teams' }
  | {
      kind: 'admin_defaults';
      cadence: (typeof CADENCES)[number];
      weekday: number;
      hour: number;
      timezone: string;
    }
  | { kind: 'admin_add_admin'; userId: string }
  | { kind: 'admin_raise_k'; k: number }
  | { kind: 'admin_usage'; usage: string; problem: string };

/** What running a subcommand needs: the database, the clock, settings and the scheduler. */
export interface ClimateCommandDeps {
  prisma: PrismaClient;
  logger: Logger;
  clock: Clock;
  config: Pick<Config, 'minRespondents' | 'retentionDays'>;
  /** creates, replaces or (when paused) removes a team's pulse scheduler */
  scheduleTeam(team: TeamScheduleSettings & { paused: boolean }): Promise<void>;
}

export interface CommandContext {
  caller: Caller;
  triggerId: string;
  client: Pick<webApi.WebClient, 'views' | 'chat'>;
}

type Sub<K extends ClimateSubcommand['kind']> = Extract<ClimateSubcommand, { kind: K }>;

/** Runs one parsed subcommand; the reply (if any) goes back ephemerally. */
export async function runSubcommand(
  deps: ClimateCommandDeps,
  ctx: CommandContext,
  sub: ClimateSubcommand,
): Promise<Reply | null> {
  switch (sub.kind) {
    case 'help':
      return helpReply(
        sub.unknown
          ? `I don’t know “${sub.unknown.replace(/[<>&`]/g, '')}”. Here is what I can do:`
          : undefined,
      );
    case 'setup':
      return setup(deps, ctx, sub);
    case 'status':
      return status(deps, ctx, sub);
    case 'report':
      return report(deps, ctx, sub);
    case 'pause':
    case 'resume':
      return pauseOrResume(deps, ctx, sub);
    default:
      return admin(deps, ctx, sub);
  }
}

async function workspaceOf(deps: ClimateCommandDeps, caller: Caller) {
  return ensureWorkspace(deps.prisma, caller.slackTeamId, deps.config);
}

/**
 * `/climate setup [team]`: admins set up a new team (bare, or with a name that does not
 * exist yet, which is prefilled) or edit any team by name; leads open their own team. With no admin in a workspace
 * whose installer is not recorded, the first person to run setup becomes its admin.
 */
async function setup(
  deps: ClimateCommandDeps,
  ctx: CommandContext,
  sub: Sub<'setup'>,
): Promise<Reply | null> {
  const { caller } = ctx;
  const workspace = await workspaceOf(deps, caller);
  let role = await roleOf(deps.prisma, caller.slackTeamId, caller.userId);
  let notice: string | undefined;
  if (role !== 'hr_admin') {
    const [admins, installer] = await Promise.all([
      deps.prisma.workspaceAdmin.count({ where: { workspaceId: workspace.id } }),
      deps.prisma.installation.count({
        where: { slackTeamId: caller.slackTeamId, installerUserId: { not: null } },
      }),
    ]);
    if (admins === 0 && installer === 0) {
      const claimed = await claimFirstAdmin(deps.prisma, workspace.id, caller.userId, 'first_setup');
      if (claimed === 'claimed') {
        role = 'hr_admin';
        notice = firstAdminNotice();
      }
    }
  }
  // An admin's bare `/climate setup` sets up a new team; `/climate setup <team>` edits one.
  const choice =
    role === 'hr_admin' && !sub.team
      ? ({ status: 'none' } as const)
      : await chooseTeam(deps.prisma, workspace, caller, role, sub.team);
  let team = null;
  if (choice.status === 'found') {
    team = choice.team;
    await requireRole(deps.prisma, caller, ['hr_admin', 'lead'], 'setup_team', team);
  } else if (choice.status === 'choose') {
    return chooseTeamReply('setup', choice.names);
  } else if (role !== 'hr_admin') {
    if (choice.status === 'not_found') return teamNotFoundReply(choice.name);
    throw new ForbiddenError('setup_new_team', role);
  }
  const leads = team
    ? (
        await deps.prisma.teamLead.findMany({ where: { teamId: team.id }, select: { slackUserId: true } })
      ).map((l) => l.slackUserId)
    : [];
  const view = setupModal(
    team
      ? { teamId: team.id, ...editableSettings(team), leads, k: kForNextCycle(team, workspace) }
      : {
          ...(sub.team ? { name: sub.team } : {}),
          cadence: workspace.defaultCadence,
          weekday: workspace.defaultWeekday,
          hour: workspace.defaultHour,
          timezone: workspace.defaultTimezone,
          responseWindowHours: workspace.defaultResponseHours,
          commentsEnabled: false,
          k: workspace.minRespondents,
        },
  );
  assertValidModal(view);
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view });
  return notice ? { text: notice } : null;
}

/**
 * `/climate status [team]`: the next check-in, and while one is open only that it is
 * and when it closes. After close, leads learn one bit: enough answers or not.
 */
async function status(deps: ClimateCommandDeps, ctx: CommandContext, sub: Sub<'status'>): Promise<Reply> {
  const { caller } = ctx;
  const workspace = await workspaceOf(deps, caller);
  const role = await roleOf(deps.prisma, caller.slackTeamId, caller.userId);
  const now = deps.clock.now();
  if (sub.team) {
    const choice = await chooseTeam(deps.prisma, workspace, caller, role, sub.team);
    if (choice.status !== 'found') return teamNotFoundReply(sub.team);
    await requireRole(deps.prisma, caller, ['hr_admin', 'lead'], 'status_team', choice.team);
    return statusReply([await teamStatus(deps.prisma, choice.team, workspace, now)]);
  }
  if (role === 'employee') return employeeStatusReply(workspace.minRespondents);
  const teams = await teamsOf(deps.prisma, workspace, caller, role);
  if (teams.length === 0) return noTeamsReply(role === 'hr_admin');
  const shown = teams.slice(0, 10);
  const lines = await Promise.all(shown.map((t) => teamStatus(deps.prisma, t, workspace, now)));
  return statusReply(lines, teams.length);
}

/** `/climate report [team]`: the latest summary exactly as it was posted (suppressed: no numbers). */
async function report(deps: ClimateCommandDeps, ctx: CommandContext, sub: Sub<'report'>): Promise<Reply> {
  const { caller } = ctx;
  const workspace = await workspaceOf(deps, caller);
  const role = await roleOf(deps.prisma, caller.slackTeamId, caller.userId);
  if (role === 'employee' && !sub.team) throw new ForbiddenError('report', role);
  const choice = await chooseTeam(deps.prisma, workspace, caller, role, sub.team);
  if (choice.status === 'not_found') return teamNotFoundReply(choice.name);
  if (choice.status === 'choose') return chooseTeamReply('report', choice.names);
  if (choice.status === 'none') return noTeamsReply(role === 'hr_admin');
  await requireRole(deps.prisma, caller, ['hr_admin', 'lead'], 'report', choice.team);
  const view = await latestSummaryView(deps.prisma, choice.team);
  return view ? reportReply(view) : noSummaryReply(choice.team.name);
}

async function pauseOrResume(
  deps: ClimateCommandDeps,
  ctx: CommandContext,
  sub: Sub<'pause' | 'resume'>,
): Promise<Reply> {
  const { caller } = ctx;
  const workspace = await workspaceOf(deps, caller);
  const role = await roleOf(deps.prisma, caller.slackTeamId, caller.userId);
  if (role === 'employee' && !sub.team) throw new ForbiddenError(sub.kind, role);
  const choice = await chooseTeam(deps.prisma, workspace, caller, role, sub.team);
  if (choice.status === 'not_found') return teamNotFoundReply(choice.name);
  if (choice.status === 'choose') return chooseTeamReply(sub.kind, choice.names);
  if (choice.status === 'none') return noTeamsReply(role === 'hr_admin');
  await requireRole(deps.prisma, caller, ['hr_admin', 'lead'], sub.kind, choice.team);
  const paused = sub.kind === 'pause';
  const result = await setPaused(deps.prisma, { team: choice.team, actorUserId: caller.userId, paused });
  await deps.scheduleTeam(result.team);
  return paused
    ? pausedReply(result.team.name, result.changed)
    : resumedReply(
        result.team.name,
        result.changed,
        nextCheckinAt(result.team, deps.clock.now()),
        result.team.timezone,
      );
}

/** `/climate admin …`: HR admins only, checked before the arguments are even looked at. */
async function admin(
  deps: ClimateCommandDeps,
  ctx: CommandContext,
  sub: Sub<'admin_teams' | 'admin_defaults' | 'admin_add_admin' | 'admin_raise_k' | 'admin_usage'>,
): Promise<Reply> {
  const { caller } = ctx;
  const workspace = await workspaceOf(deps, caller);
  await requireRole(deps.prisma, caller, ['hr_admin'], 'admin');
  switch (sub.kind) {
    case 'admin_usage':
      return usageReply(sub.usage, sub.problem);
    case 'admin_teams': {
      const overview = await orgOverview(deps.prisma, workspace);
      return adminTeamsReply(overview.teams, overview.k);
    }
    case 'admin_defaults': {
      const { kind: _kind, ...defaults } = sub;
      await setWorkspaceDefaults(deps.prisma, { workspace, actorUserId: caller.userId, defaults });
      return defaultsReply(defaults);
    }
    case 'admin_add_admin':
      return addAdminReply(sub.userId, await addAdmin(deps.prisma, workspace.id, caller.userId, sub.userId));
    default: {
      const outcome = await raiseWorkspaceK(deps.prisma, { workspace, actorUserId: caller.userId, k: sub.k });
      if (outcome.status === 'raised') {
        await announceKRaised(
          { client: ctx.client, logger: deps.logger, prisma: deps.prisma },
          { workspaceId: workspace.id, actorUserId: caller.userId, k: outcome.to },
        );
      }
      return raiseKReply(outcome);
    }
  }
}
