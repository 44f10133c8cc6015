/**
 * Read models for `/climate status`, `/climate report`, `/climate admin teams` and App
 * Home. Everything here comes from released data or settings: a cycle that is still
 * open contributes only "open, closes at …" (no counts, no running results), and after
 * close a lead learns only the stored enough / not-enough indicator.
 */
import type { PrismaClient } from '../db/client.js';
import type { Team, Workspace } from '../generated/prisma/client.js';
import type { LeadResponseIndicator } from '../scoring/anonymity/index.js';
import type { TrendState } from '../scoring/index.js';
import { connectionStateOf, powerOverMeanOf, summaryViewOf } from '../summaries/summary-view.js';
import type { StatusLine } from '../views/command-replies.js';
import type { SummaryView } from '../views/summary-message.js';
import type { Caller, Role } from './roles.js';
import { findTeamByName, kForNextCycle, nextCheckinAt } from './team-settings.js';

export type TeamChoice =
  | { status: 'found'; team: Team }
  | { status: 'not_found'; name: string }
  | { status: 'choose'; names: string[] }
  | { status: 'none' };

/** Teams the caller may act on: all of them for HR admins, their own for leads. */
export async function teamsOf(prisma: PrismaClient, workspace: Workspace, caller: Caller, role: Role) {
  if (role === 'employee') return [];
  return prisma.team.findMany({
    where: {
      workspaceId: workspace.id,
      ...(role === 'lead' ? { leads: { some: { slackUserId: caller.userId } } } : {}),
    },
    orderBy: { name: 'asc' },
  });
}

/**
 * The team a subcommand is about: the named one (any team: the role check comes after,
 * so a lead naming someone else's team is refused rather than told it does not exist),
 * or the caller's only team.
 */
export async function chooseTeam(
  prisma: PrismaClient,
  workspace: Workspace,
  caller: Caller,
  role: Role,
  name: string | undefined,
): Promise<TeamChoice> {
  if (name) {
    const team = await findTeamByName(prisma, workspace.id, name);
    return team ? { status: 'found', team } : { status: 'not_found', name };
  }
  const teams = await teamsOf(prisma, workspace, caller, role);
  if (teams.length === 1) return { status: 'found', team: teams[0]! };
  if (teams.length === 0) return { status: 'none' };
  return { status: 'choose', names: teams.map((t) => t.name) };
}

/** One team's status for `/climate status`: never a live count (the view's shape). */
export type TeamStatus = StatusLine;

const INDICATORS = new Set<string>(['enough', 'not_enough', 'rolled_up']);

export async function teamStatus(
  prisma: PrismaClient,
  team: Team,
  workspace: Workspace,
  now: Date,
): Promise<TeamStatus> {
  const open = await prisma.cycle.findFirst({
    where: { teamId: team.id, status: 'open', closesAt: { gt: now } },
    orderBy: { number: 'desc' },
    select: { closesAt: true },
  });
  const last = await prisma.teamSummary.findFirst({
    where: { teamId: team.id },
    orderBy: { createdAt: 'desc' },
    select: { responseIndicator: true, createdAt: true, cycle: { select: { closesAt: true } } },
  });
  return {
    teamName: team.name,
    timezone: team.timezone,
    paused: team.paused,
    hasSource: Boolean(team.sourceId),
    nextCheckin: nextCheckinAt(team, now),
    openUntil: open?.closesAt ?? null,
    nextK: kForNextCycle(team, workspace),
    lastClosed:
      last && INDICATORS.has(last.responseIndicator)
        ? {
            closedOn: last.cycle?.closesAt ?? last.createdAt,
            indicator: last.responseIndicator as LeadResponseIndicator,
          }
        : null,
  };
}

const CYCLE_SELECT = { select: { number: true, closesAt: true, minRespondents: true } } as const;

/** The team's most recent summary as the summary post shows it (suppressed: no numbers). */
export async function latestSummaryView(prisma: PrismaClient, team: Team): Promise<SummaryView | null> {
  const summary = await prisma.teamSummary.findFirst({
    where: { teamId: team.id },
    orderBy: { createdAt: 'desc' },
    include: { cycle: CYCLE_SELECT },
  });
  return summary ? summaryViewOf(summary, team) : null;
}

export interface TrendPoint {
  cycleNumber: number;
  closedOn: Date;
  /** 0–100, released cycles only */
  connectionIndex: number | null;
  state: TrendState | null;
}

export interface TeamDashboard {
  status: TeamStatus;
  /** the latest released summary; suppressed cycles are skipped */
  latestReleased: SummaryView | null;
  /** oldest first, released cycles only */
  trend: TrendPoint[];
}

export const TREND_CYCLES = 6;
/** Lead dashboards loaded in full; App Home shows at most four and names the rest. */
export const MAX_LEAD_CARDS_LOADED = 4;

/** What a lead's App Home shows for one team: status, latest released summary, trend. */
export async function teamDashboard(
  prisma: PrismaClient,
  team: Team,
  workspace: Workspace,
  now: Date,
): Promise<TeamDashboard> {
  const released = await prisma.teamSummary.findMany({
    where: { teamId: team.id, status: 'released' },
    orderBy: { createdAt: 'desc' },
    take: TREND_CYCLES,
    include: { cycle: CYCLE_SELECT },
  });
  const trend = released
    .map((s) => ({
      cycleNumber: s.cycle?.number ?? 0,
      closedOn: s.cycle?.closesAt ?? s.createdAt,
      connectionIndex: s.connectionIndex,
      state: connectionStateOf(s),
    }))
    .reverse();
  return {
    status: await teamStatus(prisma, team, workspace, now),
    latestReleased: released[0] ? summaryViewOf(released[0], team) : null,
    trend,
  };
}

export type TeamStateLabel = TrendState | 'unclassified' | 'no_results';

export interface OrgTeamLine {
  name: string;
  paused: boolean;
  cadence: Team['cadence'];
  weekday: number;
  hour: number;
  timezone: string;
  hasSource: boolean;
  /** from the latest released summary only */
  state: TeamStateLabel;
}

export interface OrgOverview {
  teams: OrgTeamLine[];
  /** counts of teams per state: never a ranking */
  stateCounts: Record<TeamStateLabel, number>;
  /** teams whose latest released power-over mean (1–5) is given, for the view to classify */
  powerOver: { name: string; mean: number }[];
  /** teams whose latest released connection state is chronic */
  chronic: string[];
  k: number;
  retentionDays: number;
}

/** HR's organisation overview, from each team's latest released summary and its settings. */
export async function orgOverview(prisma: PrismaClient, workspace: Workspace): Promise<OrgOverview> {
  const teams = await prisma.team.findMany({
    where: { workspaceId: workspace.id },
    orderBy: { name: 'asc' },
    include: {
      summaries: {
        where: { status: 'released' },
        orderBy: { createdAt: 'desc' },
        take: 1,
        select: { id: true, stats: true, trendStates: true },
      },
    },
  });
  const stateCounts: Record<TeamStateLabel, number> = {
    healthy: 0,
    acute: 0,
    repairing: 0,
    chronic: 0,
    unclassified: 0,
    no_results: 0,
  };
  const powerOver: { name: string; mean: number }[] = [];
  const chronic: string[] = [];
  const lines = teams.map((team): OrgTeamLine => {
    const latest = team.summaries[0];
    const state: TeamStateLabel = latest ? (connectionStateOf(latest) ?? 'unclassified') : 'no_results';
    stateCounts[state] += 1;
    if (state === 'chronic') chronic.push(team.name);
    const power = latest ? powerOverMeanOf(latest) : null;
    if (power !== null) powerOver.push({ name: team.name, mean: power });
    return {
      name: team.name,
      paused: team.paused,
      cadence: team.cadence,
      weekday: team.weekday,
      hour: team.hour,
      timezone: team.timezone,
      hasSource: Boolean(team.sourceId),
      state,
    };
  });
  return {
    teams: lines,
    stateCounts,
    powerOver,
    chronic,
    k: workspace.minRespondents,
    retentionDays: workspace.retentionDays,
  };
}

/** Teams of a workspace that post their summaries in `channelId`, with their leads. */
export function teamsPostingTo(prisma: PrismaClient, slackTeamId: string, channelId: string) {
  return prisma.team.findMany({
    where: { summaryChannelId: channelId, workspace: { slackTeamId } },
    select: { id: true, name: true, leads: { select: { slackUserId: true } } },
    orderBy: { name: 'asc' },
  });
}
