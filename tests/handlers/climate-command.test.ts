import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { teamSchedulerId } from '../../src/cycles/team-schedule.js';
import type { PrismaClient } from '../../src/db/client.js';
import { validateHomeView, validateMessage, validateModal } from '../../src/slack/block-kit-limits.js';
import { SETTINGS_MESSAGES } from '../../src/teams/team-settings.js';
import { SETUP_BLOCKS, SETUP_CALLBACK } from '../../src/views/setup-modal.js';
import { type StartedRuntime, startTestRuntime } from '../helpers/runtime.js';
import { climate, type Driver, fakeSlackSurfaces, openHome, replyText, submitView } from './support.js';

/**
 * /climate, the setup modal and App Home through the real Bolt HTTP receiver (signed
 * requests), the real database (PGlite) and the real in-process job queue, with Slack's
 * Web API and response_url hooks faked by nock. The service clock is Monday
 * 23 November 2026, 09:00 UTC.
 */

const NOW = new Date('2026-11-23T09:00:00Z');
const clock = { now: () => NOW };
const HR = 'UHRADMIN1';
const LEAD = 'ULEADPLAT1';
const OTHER_LEAD = 'ULEADDATA1';
const EMPLOYEE = 'UEMPLOYEE1';
const SOURCE = 'CPLATFORM01';
const SUMMARY = 'CSUMMARY001';

let started: StartedRuntime;
let prisma: PrismaClient;
let workspaceCounter = 0;

beforeAll(async () => {
  fakeSlackSurfaces();
  started = await startTestRuntime({}, 'all', { clock });
  prisma = started.runtime.db.prisma;
  nock.cleanAll();
});
afterAll(async () => {
  await started?.stop();
});

interface Seeded extends Driver {
  workspaceId: string;
  platformId: string;
  dataId: string;
}

let driver: Seeded;

/** A fresh workspace per test: an HR admin, Platform (led by LEAD) and Data (led by OTHER_LEAD). */
async function seed(): Promise<Seeded> {
  workspaceCounter += 1;
  const slackTeamId = `TWS${String(workspaceCounter).padStart(6, '0')}`;
  const workspace = await prisma.workspace.create({ data: { slackTeamId } });
  await prisma.workspaceAdmin.create({ data: { workspaceId: workspace.id, slackUserId: HR } });
  const team = (name: string, lead: string, source: string) =>
    prisma.team.create({
      data: {
        workspaceId: workspace.id,
        name,
        sourceType: 'channel',
        sourceId: source,
        summaryChannelId: SUMMARY,
        cadence: 'weekly',
        weekday: 2,
        hour: 10,
        timezone: 'Europe/Berlin',
        leads: { create: [{ slackUserId: lead }] },
      },
    });
  const platform = await team('Platform', LEAD, SOURCE);
  const data = await team('Data', OTHER_LEAD, 'CDATA000001');
  return {
    baseUrl: started.baseUrl,
    slack: fakeSlackSurfaces(),
    slackTeamId,
    workspaceId: workspace.id,
    platformId: platform.id,
    dataId: data.id,
  };
}

beforeEach(async () => {
  driver = await seed();
});

/** A complete, valid setup-modal state; override blocks to make it invalid. */
function setupState(overrides: Record<string, Record<string, unknown>> = {}) {
  const base: Record<string, Record<string, unknown>> = {
    [SETUP_BLOCKS.name]: { value: 'Design' },
    [SETUP_BLOCKS.sourceChannel]: { selected_conversation: 'CDESIGN0001' },
    [SETUP_BLOCKS.sourceUsergroup]: { value: null },
    [SETUP_BLOCKS.summaryChannel]: { selected_conversation: 'CDESIGNSUM1' },
    [SETUP_BLOCKS.leads]: { selected_users: ['ULEADDES1', 'ULEADDES2'] },
    [SETUP_BLOCKS.cadence]: { selected_option: { value: 'biweekly' } },
    [SETUP_BLOCKS.weekday]: { selected_option: { value: '3' } },
    [SETUP_BLOCKS.hour]: { selected_option: { value: '14' } },
    [SETUP_BLOCKS.timezone]: { selected_option: { value: 'Asia/Tokyo' } },
    [SETUP_BLOCKS.timezoneOther]: { value: null },
    [SETUP_BLOCKS.windowValue]: { value: '3' },
    [SETUP_BLOCKS.windowUnit]: { selected_option: { value: 'days' } },
    [SETUP_BLOCKS.comments]: { selected_option: { value: 'on' } },
  };
  const merged = { ...base, ...overrides };
  return Object.fromEntries(Object.entries(merged).map(([block, value]) => [block, { [block]: value }]));
}

function submitSetup(userId: string, values: ReturnType<typeof setupState>, teamId?: string) {
  return submitView(driver, userId, {
    callback_id: SETUP_CALLBACK,
    private_metadata: JSON.stringify(teamId ? { teamId } : {}),
    state: { values },
  });
}

function schedulerLogged(teamId: string, what: 'upserted' | 'removed') {
  return started
    .logs()
    .some((line) => line.includes(`job schedule ${what}`) && line.includes(teamSchedulerId(teamId)));
}

describe('/climate help and unknown input', () => {
  it('answers an unknown subcommand with the help, never an error', async () => {
    const text = await replyText(driver, EMPLOYEE, 'frobnicate everything');
    expect(text).toContain('I don’t know “frobnicate”');
    expect(text).toContain('/climate status');
    expect(text).toContain('/climate admin raise-k');
  });

  it('answers an empty command with the help', async () => {
    expect(await replyText(driver, EMPLOYEE, '')).toContain('/climate setup');
  });
});

describe('/climate setup', () => {
  it('opens the setup modal for an HR admin, within Slack’s limits, prefilled from the workspace defaults', async () => {
    const { noReply } = await climate(driver, HR, 'setup', 'trigger-hr-setup');
    expect(await noReply()).toBe(true);
    await expect
      .poll(() => driver.slack.callsTo('views.open').find((c) => c.args.trigger_id === 'trigger-hr-setup'))
      .toBeDefined();
    const view = driver.slack.callsTo('views.open').at(-1)!.args.view as Parameters<typeof validateModal>[0];
    expect(view.callback_id).toBe(SETUP_CALLBACK);
    expect(validateModal(view)).toEqual([]);
    expect(JSON.parse(view.private_metadata!)).toEqual({});
  });

  it('stores the team and its leads, audits it, creates its scheduler and announces its privacy settings', async () => {
    const response = await submitSetup(HR, setupState());
    expect(response).toMatchObject({ response_action: 'update' });

    const team = await prisma.team.findFirstOrThrow({
      where: { workspaceId: driver.workspaceId, name: 'Design' },
      include: { leads: true },
    });
    expect(team).toMatchObject({
      sourceType: 'channel',
      sourceId: 'CDESIGN0001',
      summaryChannelId: 'CDESIGNSUM1',
      cadence: 'biweekly',
      weekday: 3,
      hour: 14,
      timezone: 'Asia/Tokyo',
      responseWindowHours: 72,
      commentsEnabled: true,
      minRespondents: 5,
      paused: false,
    });
    expect(team.leads.map((l) => l.slackUserId).sort()).toEqual(['ULEADDES1', 'ULEADDES2']);

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { workspaceId: driver.workspaceId, action: 'team.create' },
    });
    expect(audit).toMatchObject({ actorUserId: HR, target: team.id });
    expect(audit.details).toMatchObject({
      changes: { name: { before: null, after: 'Design' }, commentsEnabled: { before: null, after: true } },
    });

    await expect.poll(() => schedulerLogged(team.id, 'upserted'), { timeout: 5_000 }).toBe(true);

    await expect
      .poll(() => driver.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'CDESIGNSUM1'))
      .toBeDefined();
    const post = driver.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'CDESIGNSUM1')!;
    expect(validateMessage(post.args as never)).toEqual([]);
    const text = JSON.stringify(post.args.blocks);
    expect(text).toContain('<#CDESIGN0001>');
    expect(text).toContain('comments are now *on*');
  });

  it('updates a team for its own lead, audits before and after, and announces only the privacy change', async () => {
    const response = await submitSetup(
      LEAD,
      setupState({
        [SETUP_BLOCKS.name]: { value: 'Platform' },
        [SETUP_BLOCKS.sourceChannel]: { selected_conversation: SOURCE },
        [SETUP_BLOCKS.summaryChannel]: { selected_conversation: SUMMARY },
        [SETUP_BLOCKS.leads]: { selected_users: [LEAD] },
        [SETUP_BLOCKS.comments]: { selected_option: { value: 'on' } },
      }),
      driver.platformId,
    );
    expect(response).toMatchObject({ response_action: 'update' });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { workspaceId: driver.workspaceId, action: 'team.update', target: driver.platformId },
    });
    const changes = (audit.details as { changes: Record<string, unknown> }).changes;
    expect(changes.commentsEnabled).toEqual({ before: false, after: true });
    expect(changes.timezone).toEqual({ before: 'Europe/Berlin', after: 'Asia/Tokyo' });
    expect(changes).not.toHaveProperty('sourceId');
    expect(changes).not.toHaveProperty('leads');
    await expect.poll(() => driver.slack.callsTo('chat.postMessage').length).toBe(1);
    const text = JSON.stringify(driver.slack.callsTo('chat.postMessage')[0]!.args.blocks);
    expect(text).toContain('comments are now *on*');
    expect(text).not.toContain('now go to the members');
  });

  const INVALID: [string, Record<string, Record<string, unknown>>, string, string][] = [
    [
      'a missing name',
      { [SETUP_BLOCKS.name]: { value: '   ' } },
      SETUP_BLOCKS.name,
      SETTINGS_MESSAGES.nameMissing,
    ],
    [
      'a name another team has (any case)',
      { [SETUP_BLOCKS.name]: { value: 'platform' } },
      SETUP_BLOCKS.name,
      SETTINGS_MESSAGES.nameTaken,
    ],
    [
      'no channel and no user group',
      { [SETUP_BLOCKS.sourceChannel]: { selected_conversation: null } },
      SETUP_BLOCKS.sourceChannel,
      SETTINGS_MESSAGES.sourceMissing,
    ],
    [
      'a weekday outside Monday–Friday',
      { [SETUP_BLOCKS.weekday]: { selected_option: { value: '6' } } },
      SETUP_BLOCKS.weekday,
      SETTINGS_MESSAGES.weekday,
    ],
    [
      'an hour outside 0–23',
      { [SETUP_BLOCKS.hour]: { selected_option: { value: '24' } } },
      SETUP_BLOCKS.hour,
      SETTINGS_MESSAGES.hour,
    ],
    [
      'a time zone that does not exist',
      {
        [SETUP_BLOCKS.timezone]: { selected_option: { value: 'other' } },
        [SETUP_BLOCKS.timezoneOther]: { value: 'Mars/Olympus_Mons' },
      },
      SETUP_BLOCKS.timezoneOther,
      SETTINGS_MESSAGES.timezone,
    ],
    [
      'a response window under 24 hours',
      {
        [SETUP_BLOCKS.windowValue]: { value: '12' },
        [SETUP_BLOCKS.windowUnit]: { selected_option: { value: 'hours' } },
      },
      SETUP_BLOCKS.windowValue,
      SETTINGS_MESSAGES.windowRange,
    ],
    [
      'a response window over 14 days',
      { [SETUP_BLOCKS.windowValue]: { value: '15' } },
      SETUP_BLOCKS.windowValue,
      SETTINGS_MESSAGES.windowRange,
    ],
  ];

  it.each(INVALID)(
    'refuses %s inline on its block and stores nothing',
    async (_what, overrides, block, message) => {
      const teamsBefore = await prisma.team.count({ where: { workspaceId: driver.workspaceId } });
      const response = await submitSetup(HR, setupState(overrides));
      expect(response).toEqual({ response_action: 'errors', errors: { [block]: message } });
      expect(await prisma.team.count({ where: { workspaceId: driver.workspaceId } })).toBe(teamsBefore);
      expect(await prisma.auditEvent.count({ where: { workspaceId: driver.workspaceId } })).toBe(0);
    },
  );

  it('accepts a time zone typed under “other”, in any case', async () => {
    const response = await submitSetup(
      HR,
      setupState({
        [SETUP_BLOCKS.timezone]: { selected_option: { value: 'other' } },
        [SETUP_BLOCKS.timezoneOther]: { value: 'america/bogota' },
      }),
    );
    expect(response).toMatchObject({ response_action: 'update' });
    const team = await prisma.team.findFirstOrThrow({
      where: { workspaceId: driver.workspaceId, name: 'Design' },
    });
    expect(team.timezone).toBe('America/Bogota');
  });

  it('refuses a lead setting up another team, by command and by a forged submission', async () => {
    const text = await replyText(driver, LEAD, 'setup Data');
    expect(text).toContain('Sorry, you can’t do that');
    expect(driver.slack.callsTo('views.open')).toHaveLength(0);

    const response = await submitSetup(
      LEAD,
      setupState({ [SETUP_BLOCKS.name]: { value: 'Data' } }),
      driver.dataId,
    );
    expect(response).toMatchObject({ response_action: 'update', view: { title: { text: 'Not saved' } } });
    const data = await prisma.team.findUniqueOrThrow({ where: { id: driver.dataId } });
    expect(data.timezone).toBe('Europe/Berlin');
  });

  it('refuses an employee setting up a new team once the workspace has an admin', async () => {
    expect(await replyText(driver, EMPLOYEE, 'setup')).toContain('Only HR admins can set up a new team');
    const response = await submitSetup(EMPLOYEE, setupState());
    expect(response).toMatchObject({ response_action: 'update' });
    expect(await prisma.team.count({ where: { workspaceId: driver.workspaceId, name: 'Design' } })).toBe(0);
  });

  it('makes the first person to run setup in a workspace with no admin its admin, and says so', async () => {
    const fresh: Driver = { ...driver, slackTeamId: 'TFRESH00001' };
    const { reply } = await climate(fresh, EMPLOYEE, 'setup', 'trigger-first');
    expect((await reply()).text).toContain('you are now its first admin');
    expect(driver.slack.callsTo('views.open').some((c) => c.args.trigger_id === 'trigger-first')).toBe(true);
    const workspace = await prisma.workspace.findUniqueOrThrow({
      where: { slackTeamId: 'TFRESH00001' },
      include: { admins: true, auditEvents: true },
    });
    expect(workspace.admins.map((a) => a.slackUserId)).toEqual([EMPLOYEE]);
    expect(workspace.auditEvents.map((e) => e.action)).toEqual(['admin.bootstrap']);

    // The second person does not.
    expect(await replyText(fresh, 'USECOND0001', 'setup')).toContain('Only HR admins');
  });
});

describe('/climate pause, resume, report and status', () => {
  it('lets a lead pause and resume their team: audited, scheduler removed and re-created', async () => {
    expect(await replyText(driver, LEAD, 'pause')).toContain('are paused');
    expect((await prisma.team.findUniqueOrThrow({ where: { id: driver.platformId } })).paused).toBe(true);
    await expect.poll(() => schedulerLogged(driver.platformId, 'removed')).toBe(true);

    const resumed = await replyText(driver, LEAD, 'resume');
    expect(resumed).toContain('running again');
    expect(resumed).toContain('Tuesday 24 November, 10:00');
    await expect.poll(() => schedulerLogged(driver.platformId, 'upserted')).toBe(true);

    const actions = await prisma.auditEvent.findMany({
      where: { workspaceId: driver.workspaceId },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((a) => [a.action, a.actorUserId, a.target])).toEqual([
      ['team.pause', LEAD, driver.platformId],
      ['team.resume', LEAD, driver.platformId],
    ]);
  });

  it('refuses an employee and another team’s lead pausing or reading a team report', async () => {
    for (const [user, text] of [
      [EMPLOYEE, 'pause Platform'],
      [EMPLOYEE, 'report Platform'],
      [EMPLOYEE, 'report'],
      [OTHER_LEAD, 'pause Platform'],
      [OTHER_LEAD, 'resume Platform'],
      [OTHER_LEAD, 'report Platform'],
    ] as const) {
      expect(await replyText(driver, user, text), `${user} ${text}`).toContain('Sorry, you can’t do that');
    }
    expect((await prisma.team.findUniqueOrThrow({ where: { id: driver.platformId } })).paused).toBe(false);
    expect(await prisma.auditEvent.count({ where: { workspaceId: driver.workspaceId } })).toBe(0);
  });

  it('reports “no summary yet”, then a suppressed summary without digits, and the lead’s one-bit status', async () => {
    expect(await replyText(driver, LEAD, 'report')).toContain('There is no summary for Platform yet');

    const cycle = await prisma.cycle.create({
      data: {
        teamId: driver.platformId,
        number: 1,
        roundKey: '2026-W47',
        bankVersion: 1,
        itemIds: [],
        minRespondents: 5,
        opensAt: new Date('2026-11-17T09:00:00Z'),
        closesAt: new Date('2026-11-20T09:00:00Z'),
        invitedCount: 8,
        status: 'aggregated',
      },
    });
    await prisma.teamSummary.create({
      data: {
        teamId: driver.platformId,
        cycleId: cycle.id,
        roundKey: '2026-W47',
        status: 'suppressed',
        reason: 'below_k',
        responseIndicator: 'not_enough',
      },
    });
    const suppressed = await (await climate(driver, LEAD, 'report')).reply();
    const rendered = JSON.stringify(suppressed.blocks);
    expect(rendered).toContain('Not enough responses this cycle');
    expect(rendered.replace(/2026|20 November|T\d+|W\d+/g, '')).not.toMatch(/\b\d+\b/);

    const status = await replyText(driver, LEAD, 'status');
    expect(status).toContain('not enough responses: nothing was shown');
  });

  it('shows only “open until” while a cycle is open: no count, no running result', async () => {
    await prisma.cycle.create({
      data: {
        teamId: driver.platformId,
        number: 1,
        roundKey: '2026-W48',
        bankVersion: 1,
        itemIds: [],
        minRespondents: 5,
        opensAt: new Date('2026-11-23T08:00:00Z'),
        closesAt: new Date('2026-11-26T09:00:00Z'),
        invitedCount: 8,
        respondentCount: 3,
      },
    });
    const text = await replyText(driver, LEAD, 'status');
    expect(text).toContain('A check-in is open until Thursday 26 November, 10:00');
    expect(text).toContain('not even how many have answered');
    expect(text).not.toMatch(/\b(3|8) (people|of|answers|responses)/);
    expect(text).not.toContain('enough responses');
  });

  it('tells an employee where check-ins and summaries appear instead of guessing their team', async () => {
    const text = await replyText(driver, EMPLOYEE, 'status');
    expect(text).toContain('summary is posted in its channel');
  });
});

describe('/climate admin', () => {
  it('refuses every admin subcommand to an employee and a lead, before reading its arguments', async () => {
    for (const user of [EMPLOYEE, LEAD]) {
      for (const text of [
        'admin teams',
        'admin raise-k 7',
        'admin raise-k 3',
        'admin add-admin <@UX|x>',
        'admin nonsense',
      ]) {
        expect(await replyText(driver, user, text), `${user} ${text}`).toContain('Only HR admins can use');
      }
    }
    const workspace = await prisma.workspace.findUniqueOrThrow({
      where: { id: driver.workspaceId },
      include: { admins: true },
    });
    expect(workspace.minRespondents).toBe(5);
    expect(workspace.admins).toHaveLength(1);
  });

  it('raises k only upward, never below 5, keeps open cycles at their k and announces the raise', async () => {
    const open = await prisma.cycle.create({
      data: {
        teamId: driver.platformId,
        number: 1,
        roundKey: '2026-W48',
        bankVersion: 1,
        itemIds: [],
        minRespondents: 5,
        opensAt: NOW,
        closesAt: new Date('2026-11-26T09:00:00Z'),
        invitedCount: 12,
      },
    });
    expect(await replyText(driver, HR, 'admin raise-k 7')).toContain('The minimum is now 7 answers (was 5)');
    expect(await replyText(driver, HR, 'admin raise-k 6')).toContain('can only be raised, never lowered');
    expect(await replyText(driver, HR, 'admin raise-k 7')).toContain('already 7');
    expect(await replyText(driver, HR, 'admin raise-k 4')).toContain('never be below 5');
    expect(await replyText(driver, HR, 'admin raise-k seven')).toContain(
      'Usage: `/climate admin raise-k <n>`',
    );

    expect(
      (await prisma.workspace.findUniqueOrThrow({ where: { id: driver.workspaceId } })).minRespondents,
    ).toBe(7);
    expect((await prisma.cycle.findUniqueOrThrow({ where: { id: open.id } })).minRespondents).toBe(5);
    const audits = await prisma.auditEvent.findMany({ where: { workspaceId: driver.workspaceId } });
    expect(audits.map((a) => [a.action, a.details])).toEqual([
      ['workspace.raise_k', { changes: { minRespondents: { before: 5, after: 7 } } }],
    ]);
    // Both teams share one summary channel: one announcement.
    const posts = driver.slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain('at least seven people answer');
  });

  it('lists teams with schedule and state, sets defaults and adds an admin from a mention', async () => {
    const teams = await replyText(driver, HR, 'admin teams');
    expect(teams).toContain('*Data* — every week, Tuesday at 10:00 (Europe/Berlin) · no results yet');
    expect(teams).toContain('*Platform*');

    expect(await replyText(driver, HR, 'admin defaults weekly thu 9 europe/paris')).toContain(
      'every week, Thursday at 09:00 (Europe/Paris)',
    );
    expect(await replyText(driver, HR, 'admin defaults weekly sat 9 UTC')).toContain('Monday to Friday');
    expect(await replyText(driver, HR, 'admin defaults weekly mon 25 UTC')).toContain('0 to 23');
    expect(await replyText(driver, HR, 'admin defaults weekly mon 9 Nowhere/Town')).toContain(
      'not a time zone',
    );
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: driver.workspaceId } });
    expect(workspace).toMatchObject({
      defaultCadence: 'weekly',
      defaultWeekday: 4,
      defaultHour: 9,
      defaultTimezone: 'Europe/Paris',
    });

    expect(await replyText(driver, HR, 'admin add-admin <@UNEWADMIN1|nina>')).toContain(
      '<@UNEWADMIN1> is now an HR admin',
    );
    expect(await replyText(driver, 'UNEWADMIN1', 'admin teams')).toContain('*Platform*');
    const actions = (await prisma.auditEvent.findMany({ where: { workspaceId: driver.workspaceId } })).map(
      (a) => a.action,
    );
    expect(actions.sort()).toEqual(['admin.add', 'workspace.defaults']);
  });
});

describe('App Home', () => {
  async function seedSummaries() {
    const stat = (mean: number) => ({ n: 7, mean, sd: 0.8, ciLow: mean - 0.5, ciHigh: mean + 0.5 });
    for (const [number, state, power] of [
      [1, 'healthy', 2.1],
      [2, 'acute', 3.0],
      [3, 'chronic', 3.9],
    ] as const) {
      const cycle = await prisma.cycle.create({
        data: {
          teamId: driver.platformId,
          number,
          roundKey: `2026-W${40 + number}`,
          bankVersion: 1,
          itemIds: [],
          minRespondents: 5,
          opensAt: new Date(Date.UTC(2026, 9, number * 7)),
          closesAt: new Date(Date.UTC(2026, 9, number * 7 + 3)),
          invitedCount: 9,
          status: 'aggregated',
        },
      });
      await prisma.teamSummary.create({
        data: {
          teamId: driver.platformId,
          cycleId: cycle.id,
          roundKey: cycle.roundKey,
          status: 'released',
          respondentCount: 7,
          responseIndicator: 'enough',
          connectionIndex: 70 - number * 5,
          powerOverIndex: power,
          createdAt: cycle.closesAt,
          stats: {
            itemIds: [],
            dimensions: { zest: stat(3.5), clarity: stat(3.2), powerOver: stat(power) },
            connectionComposite: stat(3.4),
            connectionIndex: { n: 7, mean: 70 - number * 5, sd: 10, ciLow: 50, ciHigh: 80 },
            powerOverIndex: stat(power),
            connectionPrior: null,
          },
          trendStates: { connection: { state, direction: 'down' }, dimensions: {} },
        },
      });
    }
  }

  function textOf(view: { blocks: unknown[] }): string {
    return JSON.stringify(view.blocks);
  }

  it('renders each role’s Home within Slack’s limits before any summary exists', async () => {
    const employee = await openHome(driver, EMPLOYEE);
    expect(employee.user_id).toBe(EMPLOYEE);
    expect(validateHomeView(employee.view)).toEqual([]);
    expect(textOf(employee.view)).toContain('How your answer will appear');
    expect(textOf(employee.view)).toContain('at least *five* people answered');
    expect(textOf(employee.view)).toContain('deleted 90 days after');

    const lead = await openHome(driver, LEAD);
    expect(validateHomeView(lead.view)).toEqual([]);
    expect(textOf(lead.view)).toContain('*Platform*');
    expect(textOf(lead.view)).toContain('No released summaries yet');
    expect(textOf(lead.view)).not.toContain('*Data*');

    const hr = await openHome(driver, HR);
    expect(validateHomeView(hr.view)).toEqual([]);
    expect(textOf(hr.view)).toContain('Organisation overview');
    expect(textOf(hr.view)).toContain('no results yet: 2 teams');
  });

  it('shows leads their trend over released cycles and HR counts by state, hotspots and chronic teams', async () => {
    await seedSummaries();
    const lead = await openHome(driver, LEAD);
    expect(validateHomeView(lead.view)).toEqual([]);
    const leadText = textOf(lead.view);
    expect(leadText).toContain('65 (healthy) → 60 (a recent dip) → 55 (a lasting disconnection)');
    expect(leadText).toContain('Relational climate — Platform');

    const hr = await openHome(driver, HR);
    expect(validateHomeView(hr.view)).toEqual([]);
    const hrText = textOf(hr.view);
    expect(hrText).toContain('chronic');
    expect(hrText).toContain('a lasting disconnection: 1 team');
    expect(hrText).toContain('no results yet: 1 team');
    expect(hrText).toMatch(
      /Notable signals of power-over practices\* \(latest released summary\)\\nPlatform/,
    );
    expect(hrText).toMatch(/Lasting disconnection\* \(low in most recent released check-ins\)\\nPlatform/);
    // No means, counts or intervals on the HR overview.
    expect(hrText).not.toContain('3.9');
    expect(hrText).not.toContain('of 5');

    const employee = await openHome(driver, EMPLOYEE);
    expect(textOf(employee.view)).not.toContain('Platform');
  });
});
