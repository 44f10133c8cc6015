import { createHmac } from 'node:crypto';
import { MIN_TEAM_SIZE } from '../scoring/anonymity/index.js';
import { getItem, ITEM_BANK_VERSION, likertDraw, mulberry32, type Rng } from '../scoring/index.js';
import type { Activity, SimulatedClock } from './sim-clock.js';
import type { PostedMessage, SlackStandIn } from './slack-stand-in.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const TEAM_NAMES = [
  'Platform',
  'Design',
  'Research',
  'Support',
  'Sales',
  'Finance',
  'Data',
  'Mobile',
  'Security',
  'People',
];
const TIME_ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'Europe/Lisbon'];

export type TeamRole = 'deteriorating' | 'steady' | 'too_small';

export interface SimMember {
  id: string;
  team: number;
  tz: string;
  /** this person's usual distance from the team's climate, in scale points */
  offset: number;
}

export interface SimTeam {
  index: number;
  name: string;
  slug: string;
  role: TeamRole;
  channelId: string;
  summaryChannelId: string;
  members: SimMember[];
  lead: string;
  /** chance that a member answers a given cycle */
  responseRate: number;
  /** the steady climate (mean of the good things, 1–5) */
  baseMean: number;
}

export interface Organisation {
  slackTeamId: string;
  botUserId: string;
  teams: SimTeam[];
  /** members plus the bots sitting in every team channel */
  bots: string[];
}

/** A reproducible stream for one purpose: the seed and a label pick it. */
export function rngFor(seed: number, ...parts: (string | number)[]): Rng {
  let h = 2166136261 ^ seed;
  for (const ch of parts.join('|')) {
    h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  }
  return mulberry32((h ^ seed) >>> 0);
}

export function buildOrganisation(sizes: readonly number[], seed: number): Organisation {
  const rng = rngFor(seed, 'organisation');
  const teams = sizes.map((size, index): SimTeam => {
    const base = TEAM_NAMES[index % TEAM_NAMES.length]!;
    const round = Math.floor(index / TEAM_NAMES.length);
    const name = round === 0 ? base : `${base} ${round + 1}`;
    const code = String(index + 1).padStart(3, '0');
    const members = Array.from({ length: size }, (_, m) => ({
      id: `U${code}M${String(m + 1).padStart(3, '0')}`,
      team: index,
      tz: TIME_ZONES[Math.floor(rng() * TIME_ZONES.length)]!,
      offset: (rng() - 0.5) * 0.8,
    }));
    return {
      index,
      name,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      role: size < MIN_TEAM_SIZE ? 'too_small' : index === 0 ? 'deteriorating' : 'steady',
      channelId: `C${code}TEAM`,
      summaryChannelId: `C${code}SUMMARY`,
      members,
      lead: members[0]!.id,
      responseRate: 0.7 + rng() * 0.25,
      baseMean: 3.7 + rng() * 0.5,
    };
  });
  return { slackTeamId: 'TDEMO00001', botUserId: 'UDEMOBOT01', teams, bots: ['UDEMOBOT01', 'UOTHERBOT1'] };
}

/**
 * The team's true climate in its nth cycle (1-based). The deteriorating team falls
 * from about 4 to about 2.2 over the first half of the run and stays there; the others
 * wander a little around their own level.
 */
export function trueMean(team: SimTeam, cycle: number, cycles: number, seed: number): number {
  if (team.role === 'deteriorating') {
    const span = Math.max(1, Math.ceil(cycles / 2) - 1);
    const progress = Math.min(1, (cycle - 1) / span);
    return 4.0 - 1.8 * progress;
  }
  const wiggle = (rngFor(seed, 'wiggle', team.index, cycle)() - 0.5) * 0.3;
  return team.baseMean + wiggle;
}

/**
 * The week people are away (the sixth, which in the simulated calendar is Easter):
 * everyone is about a third less likely to answer, so smaller teams fall below the
 * anonymity threshold and get a suppressed summary.
 */
export const HOLIDAY_CYCLE = 6;
export const HOLIDAY_FACTOR = 0.65;

/** Chance that a member of `team` answers its nth check-in. */
export function responseChance(team: SimTeam, cycle: number): number {
  return cycle === HOLIDAY_CYCLE ? team.responseRate * HOLIDAY_FACTOR : team.responseRate;
}

/** What the workforce did in one team's cycle. */
export interface CycleActivity {
  team: number;
  cycleId: string;
  /** 1-based, in the order the team's check-ins arrived */
  index: number;
  invited: number;
  reminded: number;
  /** submissions the bot accepted (stored) */
  submitted: number;
  /** submissions the bot turned away (closed, already answered, errors) */
  refused: number;
  /** flows that broke (the bot never opened the modal, HTTP errors) */
  failed: number;
  trueMean: number;
}

export interface WorkforceOptions {
  organisation: Organisation;
  clock: SimulatedClock;
  activity: Activity;
  standIn: SlackStandIn;
  signingSecret: string;
  /** the bot's HTTP endpoint, e.g. http://127.0.0.1:1234/slack/events */
  endpoint: string;
  seed: number;
  cycles: number;
}

interface Plan {
  answers: boolean;
  /** answers only once reminded */
  waitsForReminder: boolean;
  delayMs: number;
  answered: boolean;
  scheduled: boolean;
}

/**
 * The simulated people. They read the DMs the bot sends (through the stand-in), decide
 * from the seed whether and when to answer, and answer the way a Slack client would:
 * a signed block_actions for "Start check-in", then — once the bot has opened the
 * modal with views.open — a signed view_submission with a choice for every question.
 */
export class Workforce {
  readonly cycles = new Map<string, CycleActivity>();
  readonly leadNotices: { team: number; user: string; text: string }[] = [];
  readonly otherDms: PostedMessage[] = [];
  readonly problems: string[] = [];
  private readonly members = new Map<string, SimMember>();
  private readonly plans = new Map<string, Plan>();
  private readonly teamCycles = new Map<number, string[]>();
  private trigger = 0;

  constructor(private readonly options: WorkforceOptions) {
    for (const team of options.organisation.teams) {
      for (const member of team.members) this.members.set(member.id, member);
    }
  }

  /** The stand-in calls this for every chat.postMessage it accepted. */
  onPost(message: PostedMessage): void {
    const member = this.members.get(message.requested);
    if (!member) return;
    const cycleId = startButtonValue(message.blocks);
    if (!cycleId) {
      if (/no check-in went out/i.test(message.text)) {
        this.leadNotices.push({ team: member.team, user: member.id, text: message.text });
      } else {
        this.otherDms.push(message);
      }
      return;
    }
    const key = `${cycleId}:${member.id}`;
    const plan = this.plans.get(key);
    if (!plan) this.invited(member, cycleId, message);
    else this.reminded(member, cycleId, plan, message);
  }

  private activityOf(member: SimMember, cycleId: string): CycleActivity {
    let activity = this.cycles.get(cycleId);
    if (!activity) {
      const list = this.teamCycles.get(member.team) ?? [];
      list.push(cycleId);
      this.teamCycles.set(member.team, list);
      const team = this.options.organisation.teams[member.team]!;
      activity = {
        team: member.team,
        cycleId,
        index: list.length,
        invited: 0,
        reminded: 0,
        submitted: 0,
        refused: 0,
        failed: 0,
        trueMean: trueMean(team, list.length, this.options.cycles, this.options.seed),
      };
      this.cycles.set(cycleId, activity);
    }
    return activity;
  }

  private invited(member: SimMember, cycleId: string, message: PostedMessage): void {
    const activity = this.activityOf(member, cycleId);
    activity.invited += 1;
    const team = this.options.organisation.teams[member.team]!;
    const rng = rngFor(this.options.seed, 'plan', member.id, activity.index);
    const answers = rng() < responseChance(team, activity.index);
    const waitsForReminder = rng() < 0.2;
    // Most answer within the first day and a half; the rest wait for the reminder.
    const delayMs = waitsForReminder
      ? 15 * MINUTE + rng() * 12 * HOUR
      : 5 * MINUTE + rng() * rng() * 36 * HOUR;
    const plan: Plan = { answers, waitsForReminder, delayMs, answered: false, scheduled: false };
    this.plans.set(`${cycleId}:${member.id}`, plan);
    if (answers && !waitsForReminder) this.schedule(member, cycleId, plan, message);
  }

  private reminded(member: SimMember, cycleId: string, plan: Plan, message: PostedMessage): void {
    const activity = this.activityOf(member, cycleId);
    activity.reminded += 1;
    if (plan.answered) this.problems.push(`${member.id} was reminded after answering cycle ${cycleId}`);
    if (plan.answers && plan.waitsForReminder && !plan.scheduled)
      this.schedule(member, cycleId, plan, message);
  }

  private schedule(member: SimMember, cycleId: string, plan: Plan, message: PostedMessage): void {
    plan.scheduled = true;
    const { clock, activity } = this.options;
    clock.setTimeout(() => {
      void activity.track(() => this.answer(member, cycleId, plan, message));
    }, plan.delayMs);
  }

  private async answer(member: SimMember, cycleId: string, plan: Plan, dm: PostedMessage): Promise<void> {
    const { organisation, standIn } = this.options;
    const cycle = this.activityOf(member, cycleId);
    const user = { id: member.id, username: member.id.toLowerCase(), team_id: organisation.slackTeamId };
    const team = { id: organisation.slackTeamId, domain: 'demo' };
    this.trigger += 1;
    const triggerId = `${this.trigger}.${Date.now()}.demo${this.trigger}`;
    try {
      const clicked = await this.post({
        type: 'block_actions',
        team,
        user,
        api_app_id: 'ADEMOAPP01',
        token: 'legacy-verification-token',
        trigger_id: triggerId,
        container: { type: 'message', channel_id: dm.channel, message_ts: dm.ts, is_ephemeral: false },
        channel: { id: dm.channel, name: 'directmessage' },
        message: { type: 'message', ts: dm.ts, text: dm.text, blocks: dm.blocks },
        actions: [
          {
            type: 'button',
            action_id: 'checkin_start',
            block_id: 'checkin_actions',
            value: cycleId,
            action_ts: `${Math.floor(Date.now() / 1000)}.000001`,
          },
        ],
        response_url: `https://hooks.slack.com/actions/${organisation.slackTeamId}/1/demo`,
      });
      if (clicked.status !== 200) throw new Error(`block_actions answered HTTP ${clicked.status}`);
      const opened = await standIn.waitFor(`views.open:${triggerId}`, 5_000);
      const view = opened.view as {
        callback_id?: string;
        private_metadata?: string;
        blocks?: { type: string; block_id?: string }[];
      };
      if (view.callback_id !== 'checkin_submit') {
        cycle.refused += 1;
        return;
      }
      const rng = rngFor(this.options.seed, 'answers', member.id, cycle.index);
      const mean = cycle.trueMean + member.offset;
      const values: Record<string, unknown> = {};
      for (const block of view.blocks ?? []) {
        if (block.type !== 'input' || !block.block_id || block.block_id === 'comment') continue;
        const value = likertDraw(rng, higherIsWorse(block.block_id) ? 6 - mean : mean, 0.8);
        values[block.block_id] = {
          answer: { type: 'radio_buttons', selected_option: { value: String(value) } },
        };
      }
      const submitted = await this.post({
        type: 'view_submission',
        team,
        user,
        api_app_id: 'ADEMOAPP01',
        token: 'legacy-verification-token',
        trigger_id: `${triggerId}.submit`,
        view: {
          id: 'VDEMO',
          team_id: organisation.slackTeamId,
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata ?? '',
          state: { values },
          hash: 'demo',
          blocks: view.blocks,
        },
      });
      if (submitted.status !== 200) throw new Error(`view_submission answered HTTP ${submitted.status}`);
      if (submitted.text.trim() !== '') {
        cycle.refused += 1;
        return;
      }
      plan.answered = true;
      cycle.submitted += 1;
      // The bot turns the DM into a thank-you; the member is done when that arrives.
      await standIn.waitFor(`chat.update:${dm.channel}:${dm.ts}`, 5_000).catch((error: Error) => {
        this.problems.push(`no thank-you for ${member.id}: ${error.message}`);
      });
    } catch (error) {
      cycle.failed += 1;
      this.problems.push(`${member.id} could not answer: ${(error as Error).message}`);
    }
  }

  private async post(payload: unknown): Promise<{ status: number; text: string }> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', this.options.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const response = await fetch(this.options.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
      },
      body,
    });
    return { status: response.status, text: await response.text() };
  }
}

function higherIsWorse(itemId: string): boolean {
  try {
    return getItem(ITEM_BANK_VERSION, itemId).dimension === 'powerOver';
  } catch {
    return false;
  }
}

function startButtonValue(blocks: unknown[]): string | undefined {
  for (const block of blocks as { elements?: { action_id?: string; value?: string }[] }[]) {
    for (const element of block.elements ?? []) {
      if (element.action_id === 'checkin_start' && element.value) return element.value;
    }
  }
  return undefined;
}
