/**
 * The team setup modal (`/climate setup`): who is asked, where summaries go, who leads,
 * when and how often, for how long, and whether comments are collected, each with a
 * plain explanation of what it means for anonymity. Also the reader that turns the
 * submitted view state back into plain values for validation.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { MIN_K, MIN_TEAM_SIZE } from '../scoring/anonymity/constants.js';
import { numberWord } from './copy.js';
import { truncate } from './format.js';
import { kWords, plainTeamName } from './names.js';

export const SETUP_CALLBACK = 'climate_setup';

/** Block ids; each block's element uses the same string as its action id. */
export const SETUP_BLOCKS = {
  name: 'team_name',
  sourceChannel: 'source_channel',
  sourceUsergroup: 'source_usergroup',
  summaryChannel: 'summary_channel',
  leads: 'leads',
  cadence: 'cadence',
  weekday: 'weekday',
  hour: 'hour',
  timezone: 'timezone',
  timezoneOther: 'timezone_other',
  windowValue: 'window_value',
  windowUnit: 'window_unit',
  comments: 'comments',
} as const;

export type SetupBlock = (typeof SETUP_BLOCKS)[keyof typeof SETUP_BLOCKS];

export const OTHER_TIMEZONE = 'other';

/** Common IANA zones for the picker; anything else goes in the "other" field. */
export const COMMON_TIMEZONES = [
  'UTC',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Amsterdam',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Helsinki',
  'Europe/Istanbul',
  'Africa/Lagos',
  'Africa/Johannesburg',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Australia/Perth',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Sao_Paulo',
  'America/Halifax',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
] as const;

export const SetupMetadataSchema = z.object({ teamId: z.uuid().optional() });
export type SetupMetadata = z.infer<typeof SetupMetadataSchema>;

export interface SetupModalInput {
  /** present when editing an existing team */
  teamId?: string;
  name?: string;
  sourceType?: 'channel' | 'usergroup' | null;
  sourceId?: string | null;
  summaryChannelId?: string | null;
  leads?: string[];
  cadence: 'weekly' | 'biweekly' | 'monthly';
  weekday: number;
  hour: number;
  timezone: string;
  responseWindowHours: number;
  commentsEnabled: boolean;
  /** the k new cycles of this team open with */
  k: number;
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text };
}

function option(text: string, value: string): types.PlainTextOption {
  return { text: plain(text), value };
}

const CADENCE_OPTIONS = [
  option('Every week', 'weekly'),
  option('Every other week', 'biweekly'),
  option('Once a month', 'monthly'),
];
const WEEKDAY_OPTIONS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((d, i) =>
  option(d, String(i + 1)),
);
const HOUR_OPTIONS = Array.from({ length: 24 }, (_, h) =>
  option(`${String(h).padStart(2, '0')}:00`, String(h)),
);
const TIMEZONE_OPTIONS = [
  ...COMMON_TIMEZONES.map((tz) => option(tz.replace(/_/g, ' '), tz)),
  option('Other (type it below)', OTHER_TIMEZONE),
];
const UNIT_OPTIONS = [option('hours', 'hours'), option('days', 'days')];
const COMMENT_OPTIONS = [
  option('Off (recommended)', 'off'),
  option('On: optional comments, shared only for larger groups', 'on'),
];

function find<T extends { value?: string }>(options: T[], value: string | undefined): T | undefined {
  return options.find((o) => o.value === value);
}

function windowInitial(hours: number): { value: string; unit: 'hours' | 'days' } {
  return hours % 24 === 0
    ? { value: String(hours / 24), unit: 'days' }
    : { value: String(hours), unit: 'hours' };
}

/** The setup modal, prefilled from a team (editing) or the workspace defaults (new). */
export function setupModal(input: SetupModalInput): types.ModalView {
  const k = kWords(input.k);
  const known = (COMMON_TIMEZONES as readonly string[]).includes(input.timezone);
  const window = windowInitial(input.responseWindowHours);
  const title = input.teamId ? 'Team settings' : 'Set up a team';
  const select = (initial: types.PlainTextOption | undefined) => (initial ? { initial_option: initial } : {});
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      block_id: 'intro',
      text: {
        type: 'mrkdwn',
        text:
          'Everyone in the channel or user group gets a short, anonymous check-in by direct message. ' +
          `Results are shown only as a team summary, after a check-in closes, and only when at least ${k} people answer. ` +
          'Nobody, including leads and HR, can see individual answers or who answered.',
      },
    },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.name,
      label: plain('Team name'),
      element: {
        type: 'plain_text_input',
        action_id: SETUP_BLOCKS.name,
        max_length: 80,
        ...(input.name ? { initial_value: truncate(input.name, 80) } : {}),
      },
    },
    { type: 'divider', block_id: 'divider_source' },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.sourceChannel,
      optional: true,
      label: plain('Who is asked: a channel'),
      hint: plain(
        `Its members get the check-in. A team under ${numberWord(MIN_TEAM_SIZE)} members gets no summary of its own: its answers roll up into its parent group.`,
      ),
      element: {
        type: 'conversations_select',
        action_id: SETUP_BLOCKS.sourceChannel,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(input.sourceType === 'channel' && input.sourceId ? { initial_conversation: input.sourceId } : {}),
      },
    },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.sourceUsergroup,
      optional: true,
      label: plain('…or a user group id'),
      hint: plain('Instead of a channel: the id of a user group, like S0123ABCD.'),
      element: {
        type: 'plain_text_input',
        action_id: SETUP_BLOCKS.sourceUsergroup,
        max_length: 30,
        placeholder: plain('S0123ABCD'),
        ...(input.sourceType === 'usergroup' && input.sourceId ? { initial_value: input.sourceId } : {}),
      },
    },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.summaryChannel,
      optional: true,
      label: plain('Where summaries are posted'),
      hint: plain(
        `After each check-in closes, the team summary is posted here. With fewer than ${k} answers nothing is shown, only that there were not enough.`,
      ),
      element: {
        type: 'conversations_select',
        action_id: SETUP_BLOCKS.summaryChannel,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(input.summaryChannelId ? { initial_conversation: input.summaryChannelId } : {}),
      },
    },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.leads,
      optional: true,
      label: plain('Team leads'),
      hint: plain(
        'Leads can change these settings and read the team’s summaries and trends. They never see who answered or what anyone said.',
      ),
      element: {
        type: 'multi_users_select',
        action_id: SETUP_BLOCKS.leads,
        ...(input.leads && input.leads.length > 0 ? { initial_users: input.leads.slice(0, 20) } : {}),
      },
    },
    { type: 'divider', block_id: 'divider_schedule' },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.cadence,
      label: plain('How often'),
      element: {
        type: 'static_select',
        action_id: SETUP_BLOCKS.cadence,
        options: CADENCE_OPTIONS,
        ...select(find(CADENCE_OPTIONS, input.cadence)),
      },
    },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.weekday,
      label: plain('Day'),
      hint: plain('Check-ins never arrive at weekends.'),
      element: {
        type: 'static_select',
        action_id: SETUP_BLOCKS.weekday,
        options: WEEKDAY_OPTIONS,
        ...select(find(WEEKDAY_OPTIONS, String(input.weekday))),
      },
    },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.hour,
      label: plain('Hour'),
      hint: plain('Each member gets it at this hour in their own time zone.'),
      element: {
        type: 'static_select',
        action_id: SETUP_BLOCKS.hour,
        options: HOUR_OPTIONS,
        ...select(find(HOUR_OPTIONS, String(input.hour))),
      },
    },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.timezone,
      label: plain('Team time zone'),
      hint: plain('Used for the schedule and for dates in summaries.'),
      element: {
        type: 'static_select',
        action_id: SETUP_BLOCKS.timezone,
        options: TIMEZONE_OPTIONS,
        ...select(find(TIMEZONE_OPTIONS, known ? input.timezone : OTHER_TIMEZONE)),
      },
    },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.timezoneOther,
      optional: true,
      label: plain('Other time zone'),
      hint: plain('Only if you chose “Other”: an IANA name such as America/Bogota.'),
      element: {
        type: 'plain_text_input',
        action_id: SETUP_BLOCKS.timezoneOther,
        max_length: 64,
        placeholder: plain('Region/City'),
        ...(!known && input.timezone ? { initial_value: truncate(input.timezone, 64) } : {}),
      },
    },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.windowValue,
      label: plain('How long a check-in stays open'),
      hint: plain('From 24 hours to 14 days. One reminder goes to those who have not answered yet.'),
      element: {
        type: 'plain_text_input',
        action_id: SETUP_BLOCKS.windowValue,
        max_length: 4,
        initial_value: window.value,
      },
    },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.windowUnit,
      label: plain('Unit'),
      element: {
        type: 'static_select',
        action_id: SETUP_BLOCKS.windowUnit,
        options: UNIT_OPTIONS,
        ...select(find(UNIT_OPTIONS, window.unit)),
      },
    },
    { type: 'divider', block_id: 'divider_comments' },
    {
      type: 'input',
      block_id: SETUP_BLOCKS.comments,
      label: plain('Optional comments'),
      hint: plain(
        'Comments are shared only when at least ten people answer, without names or dates and never beside scores. Wording can still identify someone, so they are off unless you need them.',
      ),
      element: {
        type: 'radio_buttons',
        action_id: SETUP_BLOCKS.comments,
        options: COMMENT_OPTIONS,
        initial_option: input.commentsEnabled ? COMMENT_OPTIONS[1]! : COMMENT_OPTIONS[0]!,
      },
    },
    {
      type: 'context',
      block_id: 'privacy_note',
      elements: [
        {
          type: 'mrkdwn',
          text: `:lock: Changes to who is asked or to comments are announced in the summary channel. The minimum of ${k} answers can only be raised, by an HR admin (never below ${numberWord(MIN_K)}).`,
        },
      ],
    },
  ];
  return {
    type: 'modal',
    callback_id: SETUP_CALLBACK,
    title: plain(title),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(input.teamId ? { teamId: input.teamId } : {}),
    blocks,
  };
}

/** The modal shown after saving: what was stored and when the next check-in is. */
export function setupSavedModal(input: { teamName: string; lines: string[] }): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${SETUP_CALLBACK}_saved`,
    title: plain('Saved'),
    close: plain('Done'),
    blocks: [
      {
        type: 'section',
        block_id: 'saved',
        text: {
          type: 'mrkdwn',
          text: truncate(
            [`*${plainTeamName(input.teamName).replace(/[&<>]/g, '')}* is saved.`, ...input.lines].join('\n'),
            3000,
            { collapseWhitespace: false },
          ),
        },
      },
    ],
  };
}

/** A modal saying the change was not allowed or the team no longer exists. */
export function setupRefusedModal(message: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${SETUP_CALLBACK}_refused`,
    title: plain('Not saved'),
    close: plain('Close'),
    blocks: [
      { type: 'section', block_id: 'refused', text: { type: 'mrkdwn', text: truncate(message, 3000) } },
    ],
  };
}

/** One element's state as Slack sends it in view_submission. */
export const SetupStateValueSchema = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_conversation: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
});
export type SetupStateValue = z.infer<typeof SetupStateValueSchema>;
export type SetupState = Record<string, Record<string, SetupStateValue>>;

function numberOrUndefined(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * The raw values of a submitted setup modal, as the settings rules expect them
 * (`TeamSettingsSchema` in src/teams/team-settings.ts). Missing fields are undefined or
 * null, never guessed: the rules decide what is an error.
 */
export function readSetupState(state: SetupState) {
  const get = (block: SetupBlock) => state[block]?.[block];
  const text = (block: SetupBlock) => {
    const v = get(block)?.value?.trim();
    return v ? v : undefined;
  };
  const selected = (block: SetupBlock) => get(block)?.selected_option?.value ?? undefined;
  const zone = selected(SETUP_BLOCKS.timezone);
  const amount = numberOrUndefined(text(SETUP_BLOCKS.windowValue));
  const unit = selected(SETUP_BLOCKS.windowUnit) ?? 'hours';
  return {
    name: text(SETUP_BLOCKS.name),
    sourceChannelId: get(SETUP_BLOCKS.sourceChannel)?.selected_conversation ?? null,
    sourceUsergroupId: text(SETUP_BLOCKS.sourceUsergroup) ?? null,
    summaryChannelId: get(SETUP_BLOCKS.summaryChannel)?.selected_conversation ?? null,
    leads: get(SETUP_BLOCKS.leads)?.selected_users ?? [],
    cadence: selected(SETUP_BLOCKS.cadence),
    weekday: numberOrUndefined(selected(SETUP_BLOCKS.weekday)),
    hour: numberOrUndefined(selected(SETUP_BLOCKS.hour)),
    timezone: zone === OTHER_TIMEZONE || zone === undefined ? text(SETUP_BLOCKS.timezoneOther) : zone,
    responseWindowHours: amount === undefined ? undefined : unit === 'days' ? amount * 24 : amount,
    commentsEnabled: selected(SETUP_BLOCKS.comments) === 'on',
  };
}

/** Which block shows the error for each settings field. */
export const FIELD_BLOCKS: Record<string, SetupBlock> = {
  name: SETUP_BLOCKS.name,
  sourceChannelId: SETUP_BLOCKS.sourceChannel,
  sourceUsergroupId: SETUP_BLOCKS.sourceUsergroup,
  summaryChannelId: SETUP_BLOCKS.summaryChannel,
  leads: SETUP_BLOCKS.leads,
  cadence: SETUP_BLOCKS.cadence,
  weekday: SETUP_BLOCKS.weekday,
  hour: SETUP_BLOCKS.hour,
  responseWindowHours: SETUP_BLOCKS.windowValue,
  commentsEnabled: SETUP_BLOCKS.comments,
};

/** The block for a timezone error: the "other" field when that was used, else the picker. */
export function timezoneErrorBlock(state: SetupState): SetupBlock {
  const zone = state[SETUP_BLOCKS.timezone]?.[SETUP_BLOCKS.timezone]?.selected_option?.value;
  return zone === OTHER_TIMEZONE ? SETUP_BLOCKS.timezoneOther : SETUP_BLOCKS.timezone;
}
