/**
 * The words of what every member sees: the check-in DMs, the check-in modal, the team
 * summary and its comments (the scoring wording, items, scale, state readings and
 * practices, lives in src/scoring/words.ts). Kept in one object so a translation of
 * them is one more object of the same shape.
 *
 * Not every user-facing string is here. The /climate replies, the setup modal, App Home
 * and the lead notices keep their words beside their builders in src/views/
 * (command-replies.ts, setup-modal.ts, app-home.ts, lead-notices.ts); validation
 * messages stay next to the rules that raise them (SETTINGS_MESSAGES in
 * src/teams/team-settings.ts, the `/climate admin` parser in
 * src/handlers/commands/climate-parse.ts, the check-in and setup submission handlers).
 * A translation has to visit those too.
 *
 * Privacy promises here are product copy: they must match docs/privacy.md. None of them
 * may ever say how many people answered.
 */
import type { SuppressionReason } from '../scoring/anonymity/types.js';

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

/** "five" for 5; undefined outside 0–20 (callers then use wording without a number). */
export function numberWord(n: number): string | undefined {
  return Number.isInteger(n) ? NUMBER_WORDS[n] : undefined;
}

export const COPY = {
  dm: {
    startButton: 'Start check-in',
    inviteHeadline: (team: string) => `*Time for the ${team} check-in* :seedling:`,
    inviteFallback: (team: string, closes: string) =>
      `Time for the ${team} check-in. It takes under a minute and is anonymous. Open until ${closes}.`,
    reminderHeadline: (team: string) => `*A gentle reminder: the ${team} check-in is still open*`,
    reminderFallback: (team: string, closes: string) =>
      `A gentle reminder: the ${team} check-in is open until ${closes}. It takes under a minute and is anonymous.`,
    statements: (count: number) =>
      count === 1
        ? 'One short statement about how working together has felt lately.'
        : `${count} short statements about how working together has felt lately.`,
    statementsUnknown: 'A few short statements about how working together has felt lately.',
    underAMinute: 'It takes under a minute.',
    reminderOptional: 'Taking part is up to you, and this is the only reminder you will get.',
    anonymous:
      'It is anonymous: nobody (not your lead, HR or the admins) can see your answers or whether you answered.',
    resultsOnlyForGroups: (k: string) =>
      `Results are shared only as a team summary after the check-in closes, and only if at least ${k} people answer.`,
    openUntil: (closes: string) => `Open until ${closes}`,
    thankYouHeadline: '*Thank you, your answer is in.* :pray:',
    thankYouFallback: (team: string) => `Thank you, your answer to the ${team} check-in is in.`,
    whatHappensHeading: 'What happens to it:',
    storedWithoutName: 'It is stored without your name, your Slack account or the time you answered.',
    countedOnlyIf: (k: string) => `It counts only if at least ${k} people answer.`,
    shownAsSummary: (closes: string) =>
      `It is shown only as part of a team summary, after the check-in closes (${closes}).`,
    deletedAfterRetention:
      'The raw answers are deleted after the retention period; only team-level results are kept.',
    closedHeadline: (team: string) => `*The ${team} check-in has closed.*`,
    closedBody:
      'Answers can no longer be added. If enough people answered, the team summary will be shared soon.',
    closedFallback: (team: string) => `The ${team} check-in has closed.`,
  },
  modal: {
    title: 'Team check-in',
    submit: 'Submit',
    cancel: 'Cancel',
    close: 'Close',
    anonymityNote: 'Anonymous: nobody can see your individual answers, or whether you answered.',
    commentLabel: 'Anything you would like to add? (optional)',
    commentPlaceholder: 'Optional: something the team could notice or try',
    commentHint:
      'Comments are shared only for larger groups, without names or dates, and never next to scores. ' +
      'Your wording can still identify you, so leave out details only you would know.',
    closedTitle: 'Check-in closed',
    closedBody: 'This check-in has closed, so answers can no longer be added. Thank you for your interest.',
    alreadyTitle: 'Already answered',
    alreadyBody:
      'You have already answered this check-in. To keep answers anonymous, they cannot be looked up or changed.',
    storedTitle: 'Thank you',
    storedBody:
      'Your answer is stored without your name. It will only ever appear as part of a team summary, after the check-in closes.',
  },
  summary: {
    header: (team: string) => `Relational climate — ${team}`,
    cycleLine: (cycle: string, closed: string, band: string | undefined) =>
      [cycle ? `Check-in ${cycle}` : 'Check-in', `closed ${closed}`, band ? `${band} responses` : undefined]
        .filter(Boolean)
        .join(' · '),
    closedLine: (closed: string) => `Check-in closed ${closed}`,
    connectionIndex: 'Connection index',
    outOf100: 'of 100',
    outOf5: 'of 5',
    interval: (low: string, high: string) => `likely between ${low} and ${high}`,
    goodThingsHeading: '*The five good things* (1 = strongly disagree, 5 = strongly agree)',
    powerOverHeading: 'Signals of power-over practices',
    powerOverLevels: { low: 'low', some: 'some', notable: 'notable' },
    powerOverNote:
      'This is about how the team works together (how differences are met, who gets heard), never about any one person. Higher means more power-over.',
    stateHeading: 'Where the team is',
    practicesHeading: 'Something to try together',
    practicesNote: 'Invitations for the whole team, not tasks for anyone in particular.',
    footer: 'Results describe the team as a whole and compare it only with its own past.',
    notEnoughWithK: (k: string) =>
      `Not enough responses this cycle to share results. At least ${k} people need to answer before anything is shown.`,
    notEnough:
      'Not enough responses this cycle to share results. A minimum number of people need to answer before anything is shown.',
    reasons: {
      too_small_rolled_up:
        'This team is too small for a summary of its own, so its answers count toward a larger group’s summary instead.',
      complementary:
        'Results are held back this cycle: next to other summaries already shared, they could narrow answers down to too few people.',
      differencing_nested:
        'Results are held back this cycle: compared with an overlapping group’s summary, they could narrow answers down to too few people.',
      differencing_overlap:
        'Results are held back this cycle: compared with an overlapping group’s summary, they could narrow answers down to too few people.',
      ledger_mismatch:
        'Results are held back this cycle because they no longer match what was shared earlier; nothing new is shown, to keep answers protected.',
      counts_conflict:
        'Results are held back this cycle: next to an overlapping group’s summary from the same days, they could not be shown to cover enough people.',
      membership_change:
        'Results are held back this cycle: compared with an earlier summary of almost the same people, they could narrow one person’s answer down.',
    } satisfies Record<Exclude<SuppressionReason, 'below_k'>, string>,
    suppressedNote: 'This protects everyone’s anonymity. Nothing about who answered is ever shown.',
  },
  comments: {
    heading: (team: string) => `What people in ${team} added`,
    note: 'Shown because at least ten people answered. Comments are in random order, undated, and kept apart from the scores.',
    continued: 'More comments',
  },
} as const;
