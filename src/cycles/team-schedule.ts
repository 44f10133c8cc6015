import type { Cadence } from '../generated/prisma/enums.js';
import { isoWeekKey, toLocal } from './local-time.js';

export interface TeamScheduleSettings {
  id: string;
  cadence: Cadence;
  /** 1 = Monday … 5 = Friday */
  weekday: number;
  hour: number;
  timezone: string;
}

export function teamSchedulerId(teamId: string): string {
  return `team-pulse-${teamId}`;
}

/**
 * Cron fires weekly on the team's weekday and hour in the team's time zone; fortnightly
 * and monthly cadences skip weeks in {@link opensThisWeek}, because cron cannot say
 * "every other Tuesday" and ORs day-of-month with day-of-week.
 */
export function teamCronPattern(team: TeamScheduleSettings): { pattern: string; tz: string } {
  const dayOfWeek = team.weekday % 7; // cron: 0 = Sunday
  return { pattern: `0 ${team.hour} * * ${dayOfWeek}`, tz: team.timezone };
}

/**
 * The longest time between two cycles of a cadence: a week, a fortnight, and five weeks
 * for monthly teams (the first such weekday of two months can be five weeks apart). The
 * release ledger's window rule combines releases this close together.
 */
export const CADENCE_PERIOD_DAYS: Record<Cadence, number> = { weekly: 7, biweekly: 14, monthly: 35 };

/** Fortnightly teams open in even ISO weeks; monthly teams in the month's first such weekday. */
export function opensThisWeek(team: Pick<TeamScheduleSettings, 'cadence' | 'timezone'>, now: Date): boolean {
  if (team.cadence === 'weekly') return true;
  if (team.cadence === 'biweekly') return Number(isoWeekKey(now, team.timezone).slice(-2)) % 2 === 0;
  return toLocal(now, team.timezone).day <= 7;
}
