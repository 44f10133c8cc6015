/**
 * How caller-supplied names (team names come from Slack channel or user-group names and
 * can be long, multi-line or full of markup) are made safe for Block Kit text.
 */
import { MIN_K } from '../scoring/anonymity/constants.js';
import { numberWord } from './copy.js';
import { escapeMrkdwn, truncate } from './format.js';

/** Longest team name shown anywhere; longer names end in "…". */
export const TEAM_NAME_MAX = 80;

/** The team name as plain text: whitespace collapsed, at most TEAM_NAME_MAX, never empty. */
export function plainTeamName(teamName: string): string {
  return truncate(teamName, TEAM_NAME_MAX) || 'team';
}

/** The team name for mrkdwn text: as {@link plainTeamName}, with & < > escaped (no mentions). */
export function mrkdwnTeamName(teamName: string): string {
  return escapeMrkdwn(plainTeamName(teamName));
}

/** The anonymity threshold actually in force: an integer, never below MIN_K. */
export function effectiveK(k: number | undefined): number {
  return k !== undefined && Number.isFinite(k) ? Math.max(MIN_K, Math.ceil(k)) : MIN_K;
}

/** "five" for 5, "25" beyond the words we have. */
export function kWords(k: number | undefined): string {
  const n = effectiveK(k);
  return numberWord(n) ?? String(n);
}
