import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { PrismaClient } from '../db/client.js';
import type { HomeData } from '../views/app-home.js';
import { type Caller, roleOf } from './roles.js';
import { MAX_LEAD_CARDS_LOADED, orgOverview, teamDashboard, teamsOf } from './team-overview.js';
import { ensureWorkspace } from './workspace.js';

/**
 * Everything App Home shows a person, by role. Employees: the privacy facts only (which
 * team someone belongs to is not known without asking Slack, so their Home says where
 * their team's summary is posted instead of guessing). Leads: a dashboard per team they
 * lead. HR: the organisation overview. Released data only, throughout.
 */
export async function homeDataFor(
  deps: { prisma: PrismaClient; clock: Clock; config: Pick<Config, 'minRespondents' | 'retentionDays'> },
  caller: Caller,
): Promise<HomeData> {
  const workspace = await ensureWorkspace(deps.prisma, caller.slackTeamId, deps.config);
  const facts = { k: workspace.minRespondents, retentionDays: workspace.retentionDays };
  const role = await roleOf(deps.prisma, caller.slackTeamId, caller.userId);
  if (role === 'employee') return { role, facts };
  if (role === 'lead') {
    const teams = await teamsOf(deps.prisma, workspace, caller, role);
    const now = deps.clock.now();
    const cards = await Promise.all(
      teams.map(async (team, i) => {
        if (i >= MAX_LEAD_CARDS_LOADED) {
          return { teamId: team.id, status: teamNameOnly(team), latestReleased: null, trend: [] };
        }
        const dashboard = await teamDashboard(deps.prisma, team, workspace, now);
        return { teamId: team.id, ...dashboard };
      }),
    );
    return { role, facts, teams: cards };
  }
  const overview = await orgOverview(deps.prisma, workspace);
  return {
    role,
    facts,
    teams: overview.teams,
    stateCounts: overview.stateCounts,
    powerOver: overview.powerOver,
    chronic: overview.chronic,
  };
}

function teamNameOnly(team: { name: string; timezone: string; paused: boolean; sourceId: string | null }) {
  return {
    teamName: team.name,
    timezone: team.timezone,
    paused: team.paused,
    hasSource: Boolean(team.sourceId),
    nextCheckin: null,
    openUntil: null,
    nextK: 5,
    lastClosed: null,
  };
}
