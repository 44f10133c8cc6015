/**
 * App Home by role. Employees: how an answer will appear (k, who sees what, retention).
 * Leads: per team, status, the latest released summary and the trend over released
 * cycles. HR: counts of teams per state (never a league table), power-over hotspots and
 * chronic disconnection named alphabetically, from released data only. Every list is
 * cut with "and N more" so the view stays within Slack's 100 blocks.
 */
import type { types } from '@slack/bolt';
import { COMMENT_MIN_RESPONDENTS, MIN_TEAM_SIZE } from '../scoring/anonymity/constants.js';
import type { TrendState } from '../scoring/index.js';
import { type StateWord, type StatusLine, scheduleText, stateWord, statusLines } from './command-replies.js';
import { numberWord } from './copy.js';
import { truncate, wholeNumber } from './format.js';
import { kWords, mrkdwnTeamName } from './names.js';
import { powerOverLevel, type SummaryView, summaryMessage } from './summary-message.js';

export interface HomeFacts {
  /** the workspace's k for new cycles */
  k: number;
  retentionDays: number;
}

export interface LeadTeamCard {
  teamId: string;
  status: StatusLine;
  latestReleased: SummaryView | null;
  trend: { cycleNumber: number; closedOn: Date; connectionIndex: number | null; state: TrendState | null }[];
}

export interface OrgTeam {
  name: string;
  paused: boolean;
  hasSource: boolean;
  cadence: 'weekly' | 'biweekly' | 'monthly';
  weekday: number;
  hour: number;
  timezone: string;
  state: StateWord;
}

export type HomeData =
  | { role: 'employee'; facts: HomeFacts }
  | { role: 'lead'; facts: HomeFacts; teams: LeadTeamCard[] }
  | {
      role: 'hr_admin';
      facts: HomeFacts;
      teams: OrgTeam[];
      stateCounts: Record<StateWord, number>;
      powerOver: { name: string; mean: number }[];
      chronic: string[];
    };

/** Full dashboards for at most this many teams; more are listed by name. */
export const MAX_LEAD_CARDS = 4;
/** Names per HR list before "and N more". */
export const MAX_NAMED = 15;
const VIEW_BLOCK_BUDGET = 100;
const TEAM_LINES_PER_SECTION = 15;
const MAX_TEAM_SECTIONS = 6;

function section(blockId: string, text: string): types.SectionBlock {
  return {
    type: 'section',
    block_id: blockId,
    text: { type: 'mrkdwn', text: truncate(text, 3000, { collapseWhitespace: false }) },
  };
}

function header(blockId: string, text: string): types.HeaderBlock {
  return { type: 'header', block_id: blockId, text: { type: 'plain_text', text: truncate(text, 150) } };
}

function context(blockId: string, text: string): types.ContextBlock {
  return { type: 'context', block_id: blockId, elements: [{ type: 'mrkdwn', text: truncate(text, 3000) }] };
}

function divider(blockId: string): types.DividerBlock {
  return { type: 'divider', block_id: blockId };
}

function named(names: string[], max = MAX_NAMED): string {
  const shown = names.slice(0, max).map(mrkdwnTeamName);
  const more = names.length > max ? `, and ${names.length - max} more` : '';
  return `${shown.join(', ')}${more}`;
}

/** What every role sees: the privacy promise, in plain words. */
function explainerBlocks(facts: HomeFacts): types.KnownBlock[] {
  const k = kWords(facts.k);
  const commentsK = numberWord(COMMENT_MIN_RESPONDENTS) ?? String(COMMENT_MIN_RESPONDENTS);
  return [
    header('home_privacy_header', 'How your answer will appear'),
    section(
      'home_privacy',
      [
        '• Your answers are stored *without your name*, your Slack account or the time you answered.',
        `• They appear only inside a *team summary*, after the check-in closes, and only when at least *${k}* people answered. With fewer, nothing is shown.`,
        `• A team with fewer than ${numberWord(MIN_TEAM_SIZE)} members gets no summary of its own; its answers count toward a larger group.`,
        `• Optional comments (if your team turned them on) are shared only when at least ${commentsK} people answered, without names or dates, never beside scores.`,
        '• *Who sees what:* everyone in the team’s summary channel sees the team summary. Leads also see whether enough people answered — yes or no, never how many, and never who. HR sees team-level summaries and trends only. Nobody can see an individual answer or who did or did not answer.',
        `• Raw answers are deleted ${facts.retentionDays} days after a check-in closes; only team-level results are kept.`,
        '• Teams are compared only with their own past, never ranked against each other.',
      ].join('\n'),
    ),
  ];
}

function employeeBlocks(): types.KnownBlock[] {
  return [
    divider('home_divider_checkins'),
    section(
      'home_employee_checkins',
      '*Your check-ins*\nWhen your team’s check-in opens, it arrives here as a direct message. It takes under a minute. ' +
        'Your team’s summary is posted in its channel after each check-in closes.',
    ),
  ];
}

function trendText(card: LeadTeamCard): string {
  const released = card.trend;
  if (released.length === 0) return '_No released summaries yet, so no trend._';
  const points = released.map((p) => {
    const value = p.connectionIndex === null ? '–' : wholeNumber(p.connectionIndex, 0, 100);
    const state = p.state ? ` (${stateWord(p.state)})` : '';
    return `${value}${state}`;
  });
  return `*Connection index over the last ${released.length === 1 ? 'released check-in' : `${released.length} released check-ins`}:* ${points.join(' → ')}\n_Check-ins with too few answers are left out; they never count toward a trend._`;
}

/** Summary blocks with ids made unique per team, so several teams fit in one view. */
function embeddedSummary(view: SummaryView, index: number): types.KnownBlock[] {
  return summaryMessage(view).blocks.map((block) => ({
    ...block,
    ...(block.block_id ? { block_id: `t${index}_${block.block_id}` } : {}),
  })) as types.KnownBlock[];
}

function leadBlocks(teams: LeadTeamCard[]): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [];
  teams.slice(0, MAX_LEAD_CARDS).forEach((card, i) => {
    blocks.push(divider(`t${i}_divider`));
    blocks.push(section(`t${i}_status`, statusLines(card.status).join('\n')));
    blocks.push(section(`t${i}_trend`, trendText(card)));
    if (card.latestReleased) {
      blocks.push(...embeddedSummary(card.latestReleased, i));
    } else {
      blocks.push(
        context(
          `t${i}_no_summary`,
          'No released summary yet. One appears after a check-in closes with enough answers.',
        ),
      );
    }
  });
  if (teams.length > MAX_LEAD_CARDS) {
    blocks.push(
      context(
        'home_more_teams',
        `…and ${teams.length - MAX_LEAD_CARDS} more teams: ${named(teams.slice(MAX_LEAD_CARDS).map((t) => t.status.teamName))}. Use \`/climate report <team>\`.`,
      ),
    );
  }
  blocks.push(
    context(
      'home_lead_commands',
      '`/climate setup` changes settings · `/climate pause` / `/climate resume` · `/climate report`',
    ),
  );
  return blocks;
}

const STATE_ORDER: StateWord[] = ['healthy', 'repairing', 'acute', 'chronic', 'unclassified', 'no_results'];

function hrBlocks(data: Extract<HomeData, { role: 'hr_admin' }>): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [header('home_org_header', 'Organisation overview')];
  if (data.teams.length === 0) {
    blocks.push(section('home_org_empty', 'No teams yet. Run `/climate setup` to set up the first one.'));
    return blocks;
  }
  const counts = STATE_ORDER.filter((s) => data.stateCounts[s] > 0).map(
    (s) => `• ${stateWord(s)}: ${data.stateCounts[s]} ${data.stateCounts[s] === 1 ? 'team' : 'teams'}`,
  );
  blocks.push(
    section(
      'home_org_states',
      `*${data.teams.length} ${data.teams.length === 1 ? 'team' : 'teams'}, by where they are*\n${counts.join('\n')}\n_From each team’s latest released summary. Teams are not ranked against each other._`,
    ),
  );
  const hotspots = data.powerOver
    .filter((p) => powerOverLevel(p.mean) === 'notable')
    .map((p) => p.name)
    .sort();
  blocks.push(
    section(
      'home_org_power_over',
      hotspots.length > 0
        ? `*Notable signals of power-over practices* (latest released summary)\n${named(hotspots)}\n_About how a team works together, never about any one person._`
        : '*Notable signals of power-over practices*\nNone in the latest released summaries.',
    ),
  );
  const chronic = [...data.chronic].sort();
  blocks.push(
    section(
      'home_org_chronic',
      chronic.length > 0
        ? `*Lasting disconnection* (low in most recent released check-ins)\n${named(chronic)}`
        : '*Lasting disconnection*\nNo team shows it in its released summaries.',
    ),
  );
  blocks.push(divider('home_org_divider_teams'));
  const lines = data.teams.map(
    (t) =>
      `• *${mrkdwnTeamName(t.name)}* — ${t.paused ? 'paused' : t.hasSource ? scheduleText(t) : 'no channel or user group set'} · ${stateWord(t.state)}`,
  );
  // At most MAX_TEAM_SECTIONS sections of TEAM_LINES_PER_SECTION lines (each stays under
  // 3000 characters); the full list is one `/climate admin teams` away.
  const perSection = TEAM_LINES_PER_SECTION;
  const sections = Math.min(MAX_TEAM_SECTIONS, Math.ceil(lines.length / perSection));
  for (let i = 0; i < sections; i += 1) {
    const chunk = lines.slice(i * perSection, (i + 1) * perSection);
    blocks.push(section(`home_org_teams_${i}`, `${i === 0 ? '*Teams*\n' : ''}${chunk.join('\n')}`));
  }
  if (lines.length > sections * perSection) {
    blocks.push(
      context(
        'home_org_more',
        `…and ${lines.length - sections * perSection} more teams: \`/climate admin teams\`.`,
      ),
    );
  }
  blocks.push(
    context(
      'home_org_commands',
      '`/climate setup` adds a team · `/climate admin teams` · `/climate admin defaults` · `/climate admin raise-k` · `/climate admin add-admin`',
    ),
  );
  return blocks;
}

/** The App Home view for a person in the given role. */
export function appHomeView(data: HomeData): types.HomeView {
  const roleBlocks =
    data.role === 'employee'
      ? employeeBlocks()
      : data.role === 'lead'
        ? leadBlocks(data.teams)
        : hrBlocks(data);
  const intro: types.KnownBlock[] =
    data.role === 'employee'
      ? []
      : [
          header('home_role_header', data.role === 'lead' ? 'Your teams' : 'Relational climate'),
          context(
            'home_role_note',
            data.role === 'lead'
              ? 'Team-level results only, compared with the team’s own past.'
              : `Released, team-level data only. k = ${kWords(data.facts.k)}.`,
          ),
        ];
  const blocks = [...intro, ...roleBlocks, divider('home_divider_privacy'), ...explainerBlocks(data.facts)];
  return { type: 'home', blocks: blocks.slice(0, VIEW_BLOCK_BUDGET) };
}
