/**
 * The check-in DM: invitation, the one reminder, the thank-you it becomes after an
 * answer, and the closed notice. Button values carry only the cycle id: never a user id
 * and never an answer.
 */
import type { types } from '@slack/bolt';
import { CHECKIN_START_ACTION } from './checkin-modal.js';
import { COPY } from './copy.js';
import { escapeMrkdwn, formatDateTime } from './format.js';
import { kWords, mrkdwnTeamName } from './names.js';

export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

export interface CheckinInvitationInput {
  cycleId: string;
  teamName: string;
  closesAt: Date;
  timezone: string;
  itemCount: number;
  /** The cycle's anonymity threshold; never shown below 5. */
  k?: number;
}

export interface CheckinThankYouInput {
  teamName: string;
  closesAt: Date;
  timezone: string;
  k: number;
}

/** Slack ids are short; anything this long is not a cycle id, and truncating one would break the button. */
const CYCLE_ID_MAX = 255;

function assertCycleId(cycleId: string): void {
  if (cycleId.length === 0 || cycleId.length > CYCLE_ID_MAX) {
    throw new RangeError(`cycleId must be 1–${CYCLE_ID_MAX} characters`);
  }
}

function statements(itemCount: number): string {
  return Number.isInteger(itemCount) && itemCount > 0 && itemCount <= 50
    ? COPY.dm.statements(itemCount)
    : COPY.dm.statementsUnknown;
}

function inviteBlocks(headline: string, body: string, input: CheckinInvitationInput): types.KnownBlock[] {
  assertCycleId(input.cycleId);
  const closes = escapeMrkdwn(formatDateTime(input.closesAt, input.timezone));
  return [
    {
      type: 'section',
      block_id: 'checkin_intro',
      text: { type: 'mrkdwn', text: `${headline}\n${body}` },
    },
    {
      type: 'section',
      block_id: 'checkin_privacy',
      text: {
        type: 'mrkdwn',
        text: `:lock: ${COPY.dm.anonymous} ${COPY.dm.resultsOnlyForGroups(kWords(input.k))}`,
      },
    },
    {
      type: 'actions',
      block_id: 'checkin_actions',
      elements: [
        {
          type: 'button',
          action_id: CHECKIN_START_ACTION,
          text: { type: 'plain_text', text: COPY.dm.startButton },
          style: 'primary',
          value: input.cycleId,
        },
      ],
    },
    {
      type: 'context',
      block_id: 'checkin_closes',
      elements: [{ type: 'mrkdwn', text: COPY.dm.openUntil(closes) }],
    },
  ];
}

/** The invitation or the reminder: the same blocks, in the words `words` picks for the team and close. */
function inviteMessage(
  input: CheckinInvitationInput,
  words: (team: string, closes: string) => { fallback: string; headline: string; more?: string },
): SlackMessage {
  const team = mrkdwnTeamName(input.teamName);
  const closes = escapeMrkdwn(formatDateTime(input.closesAt, input.timezone));
  const { fallback, headline, more } = words(team, closes);
  const body = [statements(input.itemCount), COPY.dm.underAMinute, ...(more ? [more] : [])].join(' ');
  return { text: fallback, blocks: inviteBlocks(headline, body, input) };
}

/** The first DM of a cycle: what it is, that it is anonymous, and a "Start check-in" button. */
export function checkinInvitationMessage(input: CheckinInvitationInput): SlackMessage {
  return inviteMessage(input, (team, closes) => ({
    fallback: COPY.dm.inviteFallback(team, closes),
    headline: COPY.dm.inviteHeadline(team),
  }));
}

/**
 * The single reminder, sent only to people who have not answered. It never says how
 * many others have answered (no live results, not even a count).
 */
export function checkinReminderMessage(input: CheckinInvitationInput): SlackMessage {
  return inviteMessage(input, (team, closes) => ({
    fallback: COPY.dm.reminderFallback(team, closes),
    headline: COPY.dm.reminderHeadline(team),
    more: COPY.dm.reminderOptional,
  }));
}

/** What the DM becomes once the answer is stored: what happens to the answer, step by step. */
export function checkinThankYouMessage(input: CheckinThankYouInput): SlackMessage {
  const team = mrkdwnTeamName(input.teamName);
  const closes = escapeMrkdwn(formatDateTime(input.closesAt, input.timezone));
  const steps = [
    COPY.dm.storedWithoutName,
    COPY.dm.countedOnlyIf(kWords(input.k)),
    COPY.dm.shownAsSummary(closes),
    COPY.dm.deletedAfterRetention,
  ];
  return {
    text: COPY.dm.thankYouFallback(team),
    blocks: [
      {
        type: 'section',
        block_id: 'checkin_thanks',
        text: { type: 'mrkdwn', text: COPY.dm.thankYouHeadline },
      },
      {
        type: 'section',
        block_id: 'checkin_what_happens',
        text: {
          type: 'mrkdwn',
          text: `${COPY.dm.whatHappensHeading}\n${steps.map((s) => `• ${s}`).join('\n')}`,
        },
      },
    ],
  };
}

/** What an unanswered invitation becomes after the cycle closes: no button any more. */
export function checkinClosedMessage(input: { teamName: string }): SlackMessage {
  const team = mrkdwnTeamName(input.teamName);
  return {
    text: COPY.dm.closedFallback(team),
    blocks: [
      {
        type: 'section',
        block_id: 'checkin_closed',
        text: { type: 'mrkdwn', text: `${COPY.dm.closedHeadline(team)}\n${COPY.dm.closedBody}` },
      },
    ],
  };
}
