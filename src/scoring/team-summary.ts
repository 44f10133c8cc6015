/**
 * A closed cycle's team summary, decided from what was loaded: the scores, whether the
 * anonymity guard lets them out given everything already released in the round (the
 * ledger), and the trend over released cycles only. Pure: the caller loads the inputs
 * and writes the result.
 */
import {
  type LeadResponseIndicator,
  type LedgerEntry,
  planRelease,
  type ReleaseTiming,
  type ResponseRateBand,
  responseIndicatorForLead,
  responseRateBandForHr,
  type SuppressionReason,
} from './anonymity/index.js';
import { DIMENSIONS, type Dimension } from './dimensions.js';
import { getItem, type Item } from './item-bank.js';
import { estimatePrior, type ShrinkagePrior } from './shrinkage.js';
import { type Answer, type DescriptiveStats, summariseAnswers } from './statistics.js';
import { assessTrend, type CycleObservation } from './trend.js';
import type { TrendDirection, TrendState } from './trend-state.js';

/** One released number with its interval, as a summary keeps it. */
export interface SummaryStat {
  n: number;
  mean: number;
  sd: number;
  ciLow: number;
  ciHigh: number;
}

/** What a released summary keeps: enough to display and to trend. */
export interface SummaryStats {
  itemIds: string[];
  dimensions: Partial<Record<Dimension, SummaryStat>>;
  /** mean of the five good things per person, 1–5 (what trends use) */
  connectionComposite: SummaryStat | null;
  /** the same on 0–100 (what people read) */
  connectionIndex: SummaryStat | null;
  powerOverIndex: SummaryStat | null;
  /** the organisation prior the composite was classified against, if there was one */
  connectionPrior: ShrinkagePrior | null;
}

export interface MeasureTrend {
  state: TrendState | null;
  direction: TrendDirection;
}

export interface SummaryTrends {
  connection: MeasureTrend;
  dimensions: Partial<Record<Dimension, MeasureTrend>>;
}

export interface TeamSummaryInput {
  /** the release this summary would be: its key (the cycle id) and when its answers were given */
  release: { key: string; timing: ReleaseTiming };
  cycle: {
    number: number;
    roundKey: string;
    bankVersion: number;
    itemIds: readonly string[];
    /** the cycle's k */
    minRespondents: number;
    invitedCount: number;
    /** pseudonyms of the members invited */
    memberSet: readonly string[];
    /** the count taken at close; null for cycles closed before it was kept */
    respondentCount: number | null;
  };
  /** the team's group in the ledger */
  groupKey: string;
  commentsEnabled: boolean;
  /** how many comments the cycle holds */
  commentCount: number;
  answers: readonly Answer[];
  /** the workspace's released ledger entries around the release's answer window, any k */
  ledger: readonly LedgerEntry[];
  /** stats of the summaries already released in the round, the team's peers */
  peers: readonly SummaryStats[];
  /** the team's earlier cycles in order; stats only where released */
  history: readonly { cycle: number; stats: SummaryStats | null }[];
}

interface Participation {
  respondentCount: number;
  responseIndicator: LeadResponseIndicator;
  /** HR's band; null below 20 invited */
  responseBand: ResponseRateBand | null;
}

export type TeamSummaryDecision =
  | (Participation & { status: 'suppressed'; reason: SuppressionReason })
  | (Participation & {
      status: 'released';
      stats: SummaryStats;
      trends: SummaryTrends;
      newLedgerEntries: readonly LedgerEntry[];
      commentsReleased: boolean;
    });

/**
 * Per measure asked with exactly one item this cycle, the sum of its whole-number
 * answers: what the ledger keeps for the membership-change rule. Measures of several
 * items are left out (a person's mean of two items is not a whole number).
 */
export function singleItemSums(items: readonly Item[], answers: readonly Answer[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const dimension of DIMENSIONS) {
    const asked = items.filter((item) => item.dimension === dimension);
    if (asked.length !== 1) continue;
    const id = (asked[0] as Item).id;
    let total = 0;
    for (const answer of answers) total += answer[id] ?? 0;
    sums[dimension] = total;
  }
  return sums;
}

function kept(stats: DescriptiveStats | null | undefined): SummaryStat | null {
  if (!stats) return null;
  return { n: stats.n, mean: stats.mean, sd: stats.sd, ciLow: stats.ci.low, ciHigh: stats.ci.high };
}

/**
 * Scores the answers, asks the anonymity guard whether the team's numbers may be
 * released given the round's ledger, and for a release estimates the organisation prior
 * from the round's peers and classifies each measure's trend over released cycles.
 */
export function buildTeamSummary(input: TeamSummaryInput): TeamSummaryDecision {
  const { cycle, groupKey } = input;
  const items = cycle.itemIds.map((id) => getItem(cycle.bankVersion, id));
  const summary = summariseAnswers(items, input.answers);
  const respondentCount = cycle.respondentCount ?? input.answers.length;
  const measures = DIMENSIONS.filter((d) => summary.dimensions[d]);
  const statistics = ['connectionIndex', ...measures];

  const plan = planRelease(
    {
      releaseKey: input.release.key,
      timing: input.release.timing,
      groups: [
        {
          key: groupKey,
          kind: 'team',
          parentKey: null,
          memberIds: [...cycle.memberSet],
          respondentCount,
          sums: singleItemSums(items, input.answers),
        },
      ],
    },
    // Every earlier release counts, whatever k it was written with (k only tightens).
    input.ledger,
    cycle.minRespondents,
    { statistics, commentsEnabled: input.commentsEnabled },
  );
  const decision = plan.released.find((d) => d.groupKey === groupKey);
  const participation: Participation = {
    respondentCount,
    responseIndicator: responseIndicatorForLead(
      { invitedCount: cycle.invitedCount, respondentCount },
      cycle.minRespondents,
    ),
    // HR's view: a response-rate band, only for groups of at least 20 invited.
    responseBand: responseRateBandForHr({ invitedCount: cycle.invitedCount, respondentCount }).band,
  };
  if (!decision) {
    const refusal = plan.suppressed.find((d) => d.groupKey === groupKey);
    return { ...participation, status: 'suppressed', reason: refusal?.reason ?? 'below_k' };
  }

  const composite = summary.connectionComposite;
  const peerMeans = input.peers
    .map((p) => p.connectionComposite)
    .filter((s): s is SummaryStat => Boolean(s))
    .map((s) => ({ mean: s.mean, se: s.sd / Math.sqrt(s.n), n: s.n }));
  const connectionPrior = composite
    ? estimatePrior([...peerMeans, { mean: composite.mean, se: composite.se, n: composite.n }])
    : null;

  const stats: SummaryStats = {
    itemIds: [...cycle.itemIds],
    dimensions: Object.fromEntries(measures.map((d) => [d, kept(summary.dimensions[d])])),
    connectionComposite: kept(composite),
    connectionIndex: kept(summary.connectionIndex),
    powerOverIndex: kept(summary.powerOverIndex),
    connectionPrior,
  };
  const observations = (
    pick: (s: SummaryStats) => SummaryStat | null | undefined,
    current: SummaryStat | null,
  ): CycleObservation[] => {
    const past: CycleObservation[] = input.history.map((h) => {
      const s = h.stats ? pick(h.stats) : null;
      return s
        ? { cycle: h.cycle, released: true, n: s.n, mean: s.mean, sd: s.sd }
        : { cycle: h.cycle, released: false };
    });
    const now: CycleObservation = current
      ? { cycle: cycle.number, released: true, n: current.n, mean: current.mean, sd: current.sd }
      : { cycle: cycle.number, released: false };
    return [...past, now];
  };
  const connectionHistory = observations((s) => s.connectionComposite, stats.connectionComposite).map((o) =>
    o.released && o.cycle === cycle.number && connectionPrior ? { ...o, prior: connectionPrior } : o,
  );
  const connectionTrend = assessTrend(connectionHistory);
  const trends: SummaryTrends = {
    connection: { state: connectionTrend.current, direction: connectionTrend.direction },
    dimensions: Object.fromEntries(
      measures.map((d) => {
        const t = assessTrend(
          observations((s) => s.dimensions[d], stats.dimensions[d] ?? null),
          {
            polarity: d === 'powerOver' ? 'higherIsWorse' : 'higherIsBetter',
          },
        );
        return [d, { state: t.current, direction: t.direction }];
      }),
    ),
  };
  return {
    ...participation,
    status: 'released',
    stats,
    trends,
    newLedgerEntries: plan.newLedgerEntries,
    commentsReleased: decision.comments.released && input.commentCount > 0,
  };
}
