import { describe, expect, it } from 'vitest';
import type { ReleaseTiming } from '../../src/scoring/anonymity/index.js';
import {
  assessTrend,
  composePulse,
  estimatePrior,
  ITEM_BANK_VERSION,
  summariseAnswers,
} from '../../src/scoring/index.js';
import {
  buildTeamSummary,
  type SummaryStats,
  singleItemSums,
  type TeamSummaryInput,
} from '../../src/scoring/team-summary.js';

/**
 * The summary builder on its own: no database, no clock. Each case is an input a loader
 * could hand it and the decision it must come to, checked against the scoring functions
 * it is made of.
 */

const items = composePulse(ITEM_BANK_VERSION, 4);
const itemIds = items.map((i) => i.id);
const DAY = 86_400_000;
const TIMING: ReleaseTiming = {
  window: { start: Date.UTC(2026, 10, 24, 10), end: Date.UTC(2026, 10, 27, 10) },
  periodMs: 7 * DAY,
};

/** `count` people; person r answers item p with ((r + p + shift) % 5) + 1. */
function answers(count: number, shift = 0) {
  return Array.from({ length: count }, (_, r) =>
    Object.fromEntries(itemIds.map((id, p) => [id, (((r + p + shift) % 5) + 1) as 1 | 2 | 3 | 4 | 5])),
  );
}

function input(overrides: Partial<TeamSummaryInput> & { respondents?: number } = {}): TeamSummaryInput {
  const { respondents = 6, ...rest } = overrides;
  const given = answers(respondents);
  return {
    release: { key: 'cycle-4', timing: TIMING },
    cycle: {
      number: 4,
      roundKey: '2026-W48',
      bankVersion: ITEM_BANK_VERSION,
      itemIds,
      minRespondents: 5,
      invitedCount: 12,
      memberSet: Array.from({ length: 12 }, (_, i) => `m${i}`),
      respondentCount: given.length,
    },
    groupKey: 'team-a',
    commentsEnabled: false,
    commentCount: 0,
    answers: given,
    ledger: [],
    peers: [],
    history: [],
    ...rest,
  };
}

function released(decision: ReturnType<typeof buildTeamSummary>) {
  if (decision.status !== 'released') throw new Error(`expected a release, got ${decision.status}`);
  return decision;
}

describe('buildTeamSummary', () => {
  it('suppresses fewer than k respondents with the reason only: no stats, no ledger entries', () => {
    const decision = buildTeamSummary(input({ respondents: 4 }));
    expect(decision).toEqual({
      status: 'suppressed',
      reason: 'below_k',
      respondentCount: 4,
      responseIndicator: 'not_enough',
      responseBand: null,
    });
  });

  it('releases the numbers summariseAnswers gives, one ledger entry per released statistic', () => {
    const decision = released(buildTeamSummary(input()));
    const summary = summariseAnswers(items, answers(6));
    expect(decision.stats.connectionIndex).toEqual({
      n: summary.connectionIndex!.n,
      mean: summary.connectionIndex!.mean,
      sd: summary.connectionIndex!.sd,
      ciLow: summary.connectionIndex!.ci.low,
      ciHigh: summary.connectionIndex!.ci.high,
    });
    expect(decision.stats.itemIds).toEqual(itemIds);
    expect(Object.keys(decision.stats.dimensions).sort()).toEqual(Object.keys(summary.dimensions).sort());
    expect(decision.newLedgerEntries.map((e) => e.statistic).sort()).toEqual(
      ['connectionIndex', ...Object.keys(summary.dimensions)].sort(),
    );
    expect(decision.newLedgerEntries.every((e) => e.groupKey === 'team-a' && e.respondentCount === 6)).toBe(
      true,
    );
    expect(decision).toMatchObject({ respondentCount: 6, responseIndicator: 'enough', responseBand: null });
  });

  it('counts the respondents taken at close over the answers left, and the answers when none was taken', () => {
    const base = input();
    expect(buildTeamSummary({ ...base, cycle: { ...base.cycle, respondentCount: 7 } }).respondentCount).toBe(
      7,
    );
    expect(
      buildTeamSummary({ ...base, cycle: { ...base.cycle, respondentCount: null } }).respondentCount,
    ).toBe(6);
  });

  it('gives HR a band from 20 invited on', () => {
    const base = input({ respondents: 10 });
    const decision = buildTeamSummary({
      ...base,
      cycle: { ...base.cycle, invitedCount: 25, memberSet: Array.from({ length: 25 }, (_, i) => `m${i}`) },
    });
    expect(decision.responseBand).toBe('40_to_60');
  });

  it('refuses a release the ledger forbids, whatever k the earlier release was written with', () => {
    const overlapping = {
      groupKey: 'team-b',
      releaseKey: 'cycle-b',
      timing: TIMING,
      statistic: 'connectionIndex',
      respondentCount: 6,
      memberIds: ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6'],
    };
    for (const k of [5, 7]) {
      expect(buildTeamSummary(input({ ledger: [{ ...overlapping, k }] })), `k = ${k}`).toMatchObject({
        status: 'suppressed',
        reason: expect.stringMatching(/^differencing_/),
      });
    }
  });

  it('records the release in the ledger with its window and, per single-item measure, its sum', () => {
    const decision = released(buildTeamSummary(input()));
    const sums = singleItemSums(items, answers(6));
    expect(Object.keys(sums).sort()).toEqual([...new Set(items.map((item) => item.dimension))].sort());
    for (const entry of decision.newLedgerEntries) {
      expect(entry).toMatchObject({ releaseKey: 'cycle-4', timing: TIMING, k: 5, respondentCount: 6 });
      expect(entry.sum).toBe(sums[entry.statistic]);
    }
    const zest = items.find((item) => item.dimension === 'zest')!;
    expect(sums.zest).toBe(answers(6).reduce((total, answer) => total + answer[zest.id]!, 0));
  });

  it('estimates the organisation prior from the round’s released peers and the team itself', () => {
    const peer = (mean: number): SummaryStats => ({
      ...released(buildTeamSummary(input())).stats,
      connectionComposite: { n: 8, mean, sd: 0.6, ciLow: mean - 0.5, ciHigh: mean + 0.5 },
    });
    const peers = [peer(3.1), peer(3.9), peer(3.4)];
    const decision = released(buildTeamSummary(input({ peers })));
    const own = summariseAnswers(items, answers(6)).connectionComposite!;
    expect(decision.stats.connectionPrior).toEqual(
      estimatePrior([
        ...peers.map((p) => ({ mean: p.connectionComposite!.mean, se: 0.6 / Math.sqrt(8), n: 8 })),
        { mean: own.mean, se: own.se, n: own.n },
      ]),
    );
    expect(released(buildTeamSummary(input())).stats.connectionPrior).toBeNull();
  });

  it('trends over released cycles only, as assessTrend reads the history', () => {
    const earlier = released(buildTeamSummary(input({ respondents: 8 }))).stats;
    const history = [
      { cycle: 2, stats: earlier },
      { cycle: 3, stats: null },
    ];
    const decision = released(buildTeamSummary(input({ history })));
    const composite = (s: SummaryStats) => s.connectionComposite!;
    const expected = assessTrend([
      {
        cycle: 2,
        released: true,
        n: composite(earlier).n,
        mean: composite(earlier).mean,
        sd: composite(earlier).sd,
      },
      { cycle: 3, released: false },
      {
        cycle: 4,
        released: true,
        n: composite(decision.stats).n,
        mean: composite(decision.stats).mean,
        sd: composite(decision.stats).sd,
      },
    ]);
    expect(decision.trends.connection).toEqual({ state: expected.current, direction: expected.direction });
    expect(Object.keys(decision.trends.dimensions).sort()).toEqual(
      Object.keys(decision.stats.dimensions).sort(),
    );
    expect(released(buildTeamSummary(input())).trends.connection.direction).toBe('none');
  });

  it('releases comments only when the team allows them, the guard does, and there are some', () => {
    const ten = { respondents: 10, commentsEnabled: true };
    expect(released(buildTeamSummary(input({ ...ten, commentCount: 3 }))).commentsReleased).toBe(true);
    expect(released(buildTeamSummary(input({ ...ten, commentCount: 0 }))).commentsReleased).toBe(false);
    expect(
      released(buildTeamSummary(input({ ...ten, commentsEnabled: false, commentCount: 3 }))).commentsReleased,
    ).toBe(false);
    expect(
      released(buildTeamSummary(input({ respondents: 9, commentsEnabled: true, commentCount: 3 })))
        .commentsReleased,
    ).toBe(false);
  });

  it('is a function of its input alone', () => {
    const same = input({ respondents: 7, commentsEnabled: true, commentCount: 2 });
    expect(buildTeamSummary(same)).toEqual(buildTeamSummary(structuredClone(same)));
  });
});
