/**
 * Replies to `/climate` (all ephemeral: only the person who asked sees them) and the
 * privacy announcements posted in a team's summary channel. Pure builders from data to
 * text; nothing here ever carries a response count, an answer or a respondent.
 */
import { COMMENT_MIN_RESPONDENTS, MIN_TEAM_SIZE } from '../scoring/anonymity/constants.js';
import type { LeadResponseIndicator } from '../scoring/anonymity/index.js';
import { numberWord } from './copy.js';
import { escapeMrkdwn, formatDateTime, formatDay, truncate } from './format.js';
import { kWords, mrkdwnTeamName } from './names.js';
import { type SlackMessage, type SummaryView, summaryMessage } from './summary-message.js';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;
export const CADENCE_WORDS = { weekly: 'every week', biweekly: 'every other week', monthly: 'once a month' };

export type Reply = { text: string; blocks?: SlackMessage['blocks'] };

/** Longest list shown in one reply before "and N more". */
export const LIST_MAX = 25;

function listWithMore(lines: string[], max = LIST_MAX): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `…and ${lines.length - max} more`];
}

export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? 'a weekday';
}

function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

export function scheduleText(s: {
  cadence: keyof typeof CADENCE_WORDS;
  weekday: number;
  hour: number;
  timezone: string;
}) {
  return `${CADENCE_WORDS[s.cadence]}, ${weekdayName(s.weekday)} at ${hourText(s.hour)} (${escapeMrkdwn(s.timezone)})`;
}

export function helpReply(note?: string): Reply {
  const lines = [
    ...(note ? [note, ''] : []),
    '*relational-climate* — anonymous check-ins on how connected your team feels.',
    '• `/climate status [team]` — when your team’s next check-in is, and whether one is open',
    '• `/climate report [team]` — your team’s latest summary (team leads and HR)',
    '• `/climate setup [team]` — set up a new team (HR) or change your team’s settings (its leads)',
    '• `/climate pause [team]` / `/climate resume [team]` — stop or restart a team’s check-ins',
    '• `/climate help` — this message',
    '*For HR admins*',
    '• `/climate admin teams` — every team, its schedule and state',
    '• `/climate admin defaults <weekly|biweekly|monthly> <mon–fri> <hour 0–23> <time zone>` — defaults for new teams',
    '• `/climate admin add-admin @person` — add an HR admin',
    '• `/climate admin raise-k <n>` — raise the minimum number of answers before anything is shown (only upward)',
    '',
    'Answers are anonymous: results are shown only for groups of at least five respondents, after a check-in closes.',
  ];
  return { text: lines.join('\n') };
}

export function usageReply(usage: string, problem: string): Reply {
  return { text: `${problem}\nUsage: \`${usage}\`` };
}

const REFUSALS = {
  admin: 'Only HR admins can use `/climate admin`. If you need a change, ask one of your HR admins.',
  setup_new_team: 'Only HR admins can set up a new team. A team’s leads can change its settings.',
  setup_team: 'Only this team’s leads or an HR admin can change its settings.',
  pause: 'Only this team’s leads or an HR admin can pause its check-ins.',
  resume: 'Only this team’s leads or an HR admin can resume its check-ins.',
  report:
    'Team reports are for the team’s leads and HR. Your team’s summary is posted in its summary channel after each check-in closes.',
  status_team: 'Only this team’s leads or an HR admin can see its status.',
} as const;

export function refusalReply(action: keyof typeof REFUSALS, teamName?: string): Reply {
  const about = teamName ? ` (${mrkdwnTeamName(teamName)})` : '';
  return { text: `Sorry, you can’t do that${about}. ${REFUSALS[action]}` };
}

export function errorReply(): Reply {
  return { text: 'Sorry, something went wrong on our side. Please try again in a moment.' };
}

export function teamNotFoundReply(name: string): Reply {
  return {
    text: `There is no team called “${escapeMrkdwn(truncate(name, 80))}”. \`/climate status\` lists yours.`,
  };
}

export function chooseTeamReply(command: string, names: string[]): Reply {
  const list = listWithMore(names.map((n) => `• ${mrkdwnTeamName(n)}`));
  return { text: [`Which team? Try \`/climate ${command} <team name>\` with one of:`, ...list].join('\n') };
}

export function noTeamsReply(isAdmin: boolean): Reply {
  return {
    text: isAdmin
      ? 'There are no teams yet. Run `/climate setup` to set one up.'
      : 'You don’t lead a team here. Check-ins arrive by direct message, and your team’s summary is posted in its channel after each check-in closes.',
  };
}

export function firstAdminNotice(): string {
  return (
    'This workspace had no HR admin yet, so you are now its first admin. ' +
    'You can add others with `/climate admin add-admin @person`. This was recorded in the audit log.'
  );
}

const INDICATOR_WORDS: Record<LeadResponseIndicator, string> = {
  enough: 'enough responses: the summary was shared',
  not_enough: 'not enough responses: nothing was shown',
  rolled_up: 'the team is too small for its own summary, so its answers count toward a larger group',
};

export interface StatusLine {
  teamName: string;
  timezone: string;
  paused: boolean;
  hasSource: boolean;
  /** next scheduled opening; null when paused or without a source */
  nextCheckin: Date | null;
  /** while a cycle is open: only that it is, and when it closes */
  openUntil: Date | null;
  /** the k the next cycle opens with */
  nextK: number;
  /** the last closed cycle: when, and the lead's one-bit indicator */
  lastClosed: { closedOn: Date; indicator: LeadResponseIndicator } | null;
}

/** One team's status: never a live count, only "open until" and, after close, one bit. */
export function statusLines(s: StatusLine): string[] {
  const lines = [`*${mrkdwnTeamName(s.teamName)}*`];
  if (s.openUntil) {
    lines.push(
      `• A check-in is open until ${escapeMrkdwn(formatDateTime(s.openUntil, s.timezone))}. ` +
        'Nothing about it is shown until it closes, not even how many have answered.',
    );
  }
  if (s.paused) lines.push('• Check-ins are paused. `/climate resume` starts them again.');
  else if (!s.hasSource) lines.push('• No channel or user group is set, so no check-ins go out.');
  else if (s.nextCheckin)
    lines.push(`• Next check-in: ${escapeMrkdwn(formatDateTime(s.nextCheckin, s.timezone))}`);
  if (s.lastClosed) {
    lines.push(
      `• Last check-in (closed ${escapeMrkdwn(formatDay(s.lastClosed.closedOn, s.timezone))}): ${INDICATOR_WORDS[s.lastClosed.indicator]}.`,
    );
  }
  lines.push(`• Results are shown only when at least ${kWords(s.nextK)} people answer.`);
  return lines;
}

/** Status of up to ten teams; `total` says how many there are in all. */
export function statusReply(teams: StatusLine[], total = teams.length): Reply {
  const shown = teams.slice(0, 10).flatMap((t) => [...statusLines(t), '']);
  const hidden = Math.max(0, total - Math.min(10, teams.length));
  const more = hidden > 0 ? [`…and ${hidden} more teams: name one with \`/climate status <team>\`.`] : [];
  return { text: truncate([...shown, ...more].join('\n').trim(), 3000, { collapseWhitespace: false }) };
}

export function employeeStatusReply(k: number): Reply {
  return {
    text:
      'Check-ins arrive by direct message when your team’s check-in opens. ' +
      `Your answers are anonymous, and results are shown only as a team summary, after the check-in closes, when at least ${kWords(k)} people answered. ` +
      'Your team’s summary is posted in its channel.',
  };
}

export function reportReply(view: SummaryView): Reply {
  return summaryMessage(view);
}

export function noSummaryReply(teamName: string): Reply {
  return {
    text: `There is no summary for ${mrkdwnTeamName(teamName)} yet. A summary appears after the first check-in closes.`,
  };
}

export function pausedReply(teamName: string, changed: boolean): Reply {
  return {
    text: changed
      ? `Check-ins for ${mrkdwnTeamName(teamName)} are paused. A check-in that is already open runs until it closes; no new ones start until \`/climate resume\`.`
      : `Check-ins for ${mrkdwnTeamName(teamName)} were already paused.`,
  };
}

export function resumedReply(teamName: string, changed: boolean, next: Date | null, timezone: string): Reply {
  const when = next ? ` The next one is ${escapeMrkdwn(formatDateTime(next, timezone))}.` : '';
  return {
    text: changed
      ? `Check-ins for ${mrkdwnTeamName(teamName)} are running again.${when}`
      : `Check-ins for ${mrkdwnTeamName(teamName)} were not paused.${when}`,
  };
}

const STATE_WORDS = {
  healthy: 'healthy',
  acute: 'a recent dip',
  repairing: 'repairing',
  chronic: 'a lasting disconnection',
  unclassified: 'no trend yet',
  no_results: 'no results yet',
} as const;

export type StateWord = keyof typeof STATE_WORDS;

export function stateWord(state: StateWord): string {
  return STATE_WORDS[state];
}

export interface AdminTeamLine {
  name: string;
  paused: boolean;
  hasSource: boolean;
  cadence: keyof typeof CADENCE_WORDS;
  weekday: number;
  hour: number;
  timezone: string;
  state: StateWord;
}

/** Every team, alphabetically: schedule and state words, no numbers. */
export function adminTeamsReply(teams: AdminTeamLine[], k: number): Reply {
  if (teams.length === 0) return { text: 'There are no teams yet. Run `/climate setup` to set one up.' };
  const lines = teams.map((t) => {
    const running = t.paused ? 'paused' : t.hasSource ? scheduleText(t) : 'no channel or user group set';
    return `• *${mrkdwnTeamName(t.name)}* — ${running} · ${STATE_WORDS[t.state]}`;
  });
  return {
    text: truncate(
      [`*Teams* (k = ${kWords(k)}; states come from released summaries only)`, ...listWithMore(lines)].join(
        '\n',
      ),
      3000,
      { collapseWhitespace: false },
    ),
  };
}

export function defaultsReply(d: {
  cadence: keyof typeof CADENCE_WORDS;
  weekday: number;
  hour: number;
  timezone: string;
}): Reply {
  return {
    text: `New teams will start with check-ins ${scheduleText(d)}. Existing teams keep their settings.`,
  };
}

export function addAdminReply(userId: string, status: 'added' | 'already_admin'): Reply {
  return {
    text: status === 'added' ? `<@${userId}> is now an HR admin.` : `<@${userId}> is already an HR admin.`,
  };
}

export type RaiseKOutcome =
  | { status: 'raised'; from: number; to: number }
  | { status: 'not_higher'; current: number; requested: number }
  | { status: 'below_minimum'; requested: number }
  | { status: 'too_high'; max: number };

export function raiseKReply(outcome: RaiseKOutcome): Reply {
  switch (outcome.status) {
    case 'raised':
      return {
        text:
          `The minimum is now ${outcome.to} answers (was ${outcome.from}). ` +
          'It applies to check-ins that open from now on; a check-in already open keeps the minimum it opened with. ' +
          'Teams have been told in their summary channels.',
      };
    case 'not_higher':
      return {
        text:
          `The minimum is already ${outcome.current}. It can only be raised, never lowered, ` +
          'because people answered on the promise that smaller groups stay hidden.',
      };
    case 'below_minimum':
      return { text: 'The minimum can never be below 5 answers, and it can only be raised.' };
    default:
      return {
        text: `A minimum above ${outcome.max} would hide nearly every team. Please choose ${outcome.max} or less.`,
      };
  }
}

export type Announcement =
  | { kind: 'source'; sourceType: 'channel' | 'usergroup' | null; sourceId: string | null }
  | { kind: 'comments'; enabled: boolean }
  | { kind: 'k'; k: number };

function sourceText(change: Extract<Announcement, { kind: 'source' }>): string {
  if (!change.sourceId) return 'Check-ins no longer go to any channel or user group.';
  const where = change.sourceType === 'usergroup' ? `<!subteam^${change.sourceId}>` : `<#${change.sourceId}>`;
  return `Check-ins now go to the members of ${where}.`;
}

function commentsText(enabled: boolean): string {
  const k = numberWord(COMMENT_MIN_RESPONDENTS) ?? String(COMMENT_MIN_RESPONDENTS);
  return enabled
    ? `Optional comments are now *on*. They are shared only when at least ${k} people answer, without names or dates, and never next to scores.`
    : 'Optional comments are now *off*: check-ins ask no free-text questions.';
}

/**
 * Posted in the team's summary channel when a setting that shapes the privacy promise
 * changes: who is asked, comments, or k. A new team's first announcement says all of it.
 */
export function privacyAnnouncement(input: {
  teamName: string;
  actorUserId: string;
  created: boolean;
  changes: Announcement[];
  k: number;
}): SlackMessage {
  const { teamName, actorUserId, created, changes, k } = input;
  const heading = created
    ? `*${mrkdwnTeamName(teamName)}* now has relational-climate check-ins, set up by <@${actorUserId}>.`
    : `<@${actorUserId}> changed privacy-related settings for *${mrkdwnTeamName(teamName)}*.`;
  const lines = changes.map((c) =>
    c.kind === 'source'
      ? sourceText(c)
      : c.kind === 'comments'
        ? commentsText(c.enabled)
        : `Results are now shown only when at least ${kWords(c.k)} people answer (from the next check-in on).`,
  );
  if (created) {
    lines.push(
      `Results are shown only as a team summary, after a check-in closes, and only when at least ${kWords(k)} people answer.`,
      `A team with fewer than ${numberWord(MIN_TEAM_SIZE)} members gets no summary of its own; its answers count toward a larger group.`,
    );
  }
  const text = truncate([heading, ...lines.map((l) => `• ${l}`)].join('\n'), 3000, {
    collapseWhitespace: false,
  });
  return {
    text: truncate(`Privacy settings for ${teamName} changed`, 200),
    blocks: [
      { type: 'section', block_id: 'privacy_change', text: { type: 'mrkdwn', text } },
      {
        type: 'context',
        block_id: 'privacy_footer',
        elements: [
          {
            type: 'mrkdwn',
            text: ':lock: Nobody, including leads and HR, can see individual answers or who answered.',
          },
        ],
      },
    ],
  };
}
