import { describe, expect, it } from 'vitest';
import { validateHomeView } from '../../src/slack/block-kit-limits.js';
import { appHomeView, type HomeData, type LeadTeamCard, type OrgTeam } from '../../src/views/app-home.js';
import type { SummaryView } from '../../src/views/summary-message.js';

const facts = { k: 5, retentionDays: 90 };
const closedOn = new Date('2026-11-20T09:00:00Z');

const released: SummaryView = {
  teamName: 'Platform',
  cycleNumber: 3,
  closedOn,
  timezone: 'Europe/Berlin',
  status: 'released',
  respondentBand: '5–9',
  connectionIndex: { value: 62, ciLow: 50, ciHigh: 74, trend: 'down' },
  goodThings: [{ measure: 'zest', mean: 3.4, ciLow: 2.9, ciHigh: 3.9, trend: 'flat' }],
  powerOver: { measure: 'powerOver', mean: 3.8, ciLow: 3.1, ciHigh: 4.4, trend: 'up' },
  state: { measure: 'connectionIndex', state: 'acute' },
  practices: ['Try a round where everyone speaks once before anyone speaks twice.'],
};

function card(i: number, latest: SummaryView | null): LeadTeamCard {
  return {
    teamId: `team-${i}`,
    status: {
      teamName: `Team ${i}`,
      timezone: 'UTC',
      paused: i % 3 === 0,
      hasSource: true,
      nextCheckin: new Date('2026-11-24T10:00:00Z'),
      openUntil: i % 2 === 0 ? new Date('2026-11-26T10:00:00Z') : null,
      nextK: 5,
      lastClosed: { closedOn, indicator: i % 2 === 0 ? 'enough' : 'not_enough' },
    },
    latestReleased: latest ? { ...latest, teamName: `Team ${i}` } : null,
    trend: latest
      ? [
          { cycleNumber: 1, closedOn, connectionIndex: 70, state: 'healthy' },
          { cycleNumber: 3, closedOn, connectionIndex: 62, state: 'acute' },
        ]
      : [],
  };
}

function orgTeam(i: number, state: OrgTeam['state']): OrgTeam {
  return {
    name: `Team ${String(i).padStart(3, '0')} ${'long name '.repeat(10)}`,
    paused: false,
    hasSource: true,
    cadence: 'biweekly',
    weekday: 2,
    hour: 10,
    timezone: 'Europe/Berlin',
    state,
  };
}

function hr(teams: number): Extract<HomeData, { role: 'hr_admin' }> {
  const states: OrgTeam['state'][] = [
    'healthy',
    'acute',
    'repairing',
    'chronic',
    'unclassified',
    'no_results',
  ];
  const list = Array.from({ length: teams }, (_, i) => orgTeam(i, states[i % states.length]!));
  const stateCounts = { healthy: 0, acute: 0, repairing: 0, chronic: 0, unclassified: 0, no_results: 0 };
  for (const t of list) stateCounts[t.state] += 1;
  return {
    role: 'hr_admin',
    facts,
    teams: list,
    stateCounts,
    powerOver: list.map((t, i) => ({ name: t.name, mean: i % 4 === 0 ? 3.9 : 2.0 })),
    chronic: list.filter((t) => t.state === 'chronic').map((t) => t.name),
  };
}

const text = (data: HomeData) => JSON.stringify(appHomeView(data).blocks);

describe('appHomeView', () => {
  it.each<[string, HomeData]>([
    ['an employee', { role: 'employee', facts }],
    ['a lead without summaries', { role: 'lead', facts, teams: [card(1, null)] }],
    ['a lead with summaries', { role: 'lead', facts, teams: [card(1, released), card(2, released)] }],
    [
      'a lead of many teams',
      { role: 'lead', facts, teams: Array.from({ length: 30 }, (_, i) => card(i, released)) },
    ],
    ['HR with no teams', hr(0)],
    ['HR with a few teams', hr(5)],
    ['HR with 1000 teams', hr(1000)],
  ])('is within Slack’s Home limits for %s', (_what, data) => {
    const view = appHomeView(data);
    expect(validateHomeView(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('explains to everyone how an answer will appear, with the live k and retention', () => {
    const employee = text({ role: 'employee', facts: { k: 7, retentionDays: 30 } });
    expect(employee).toContain('How your answer will appear');
    expect(employee).toContain('at least *seven* people answered');
    expect(employee).toContain('deleted 30 days after');
    expect(employee).toContain('never ranked');
    expect(employee).toContain('summary is posted in its channel');
  });

  it('cuts long lists with “and N more”', () => {
    expect(
      text({ role: 'lead', facts, teams: Array.from({ length: 6 }, (_, i) => card(i, null)) }),
    ).toContain('…and 2 more teams');
    expect(text(hr(1000))).toContain('more teams: `/climate admin teams`');
    expect(text(hr(1000))).toMatch(/, and \d+ more/);
  });

  it('shows HR counts of teams by state and named hotspots, but no means, intervals or counts of people', () => {
    const rendered = text(hr(6));
    expect(rendered).toContain('healthy: 1 team');
    expect(rendered).toContain('Notable signals of power-over practices');
    expect(rendered).not.toMatch(/3\.9|of 5|of 100|responses/);
  });

  it('never shows numbers for a team whose latest summary was suppressed', () => {
    const suppressed: SummaryView = {
      teamName: 'Quiet team',
      cycleNumber: 4,
      closedOn,
      timezone: 'UTC',
      status: 'suppressed',
      suppressedReason: 'below_k',
      minRespondents: 5,
    };
    const view = appHomeView({
      role: 'lead',
      facts,
      teams: [{ ...card(1, null), latestReleased: suppressed }],
    });
    const summaryBlocks = view.blocks.filter((b) => b.block_id?.startsWith('t0_summary'));
    expect(summaryBlocks.length).toBeGreaterThan(0);
    const rendered = JSON.stringify(summaryBlocks.map(({ block_id: _id, ...rest }) => rest)).replace(
      /20 November 2026/g,
      '',
    );
    expect(rendered).not.toMatch(/\d/);
  });

  it('carries no answer data: no respondent ids, no item answers, only released team-level values', () => {
    const rendered = text({ role: 'lead', facts, teams: [card(1, released)] });
    expect(rendered).not.toMatch(/"U[A-Z0-9]{6,}"/);
    expect(rendered).not.toContain('<@');
    expect(rendered).toContain('70 (healthy) → 62 (a recent dip)');
  });
});
