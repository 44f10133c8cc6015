import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';
import {
  type LedgerEntry,
  planRelease,
  responseIndicatorForLead,
  responseRateBandForHr,
} from '../scoring/anonymity/index.js';
import {
  type Answer,
  assessTrend,
  type CycleObservation,
  type DescriptiveStats,
  DIMENSIONS,
  type Dimension,
  estimatePrior,
  getItem,
  type ShrinkagePrior,
  summariseAnswers,
  type TrendDirection,
  type TrendState,
} from '../scoring/index.js';

/** What a released TeamSummary keeps in `stats`: enough to display and to trend. */
export interface StoredStat {
  n: number;
  mean: number;
  sd: number;
  ciLow: number;
  ciHigh: number;
}

export interface StoredStats {
  itemIds: string[];
  dimensions: Partial<Record<Dimension, StoredStat>>;
  /** mean of the five good things per person, 1–5 (what trends use) */
  connectionComposite: StoredStat | null;
  /** the same on 0–100 (what people read) */
  connectionIndex: StoredStat | null;
  powerOverIndex: StoredStat | null;
  /** the organisation prior the composite was classified against, if there was one */
  connectionPrior: ShrinkagePrior | null;
}

export interface StoredTrends {
  connection: { state: TrendState | null; direction: TrendDirection };
  dimensions: Partial<Record<Dimension, { state: TrendState | null; direction: TrendDirection }>>;
}

function stored(stats: DescriptiveStats | null | undefined): StoredStat | null {
  if (!stats) return null;
  return { n: stats.n, mean: stats.mean, sd: stats.sd, ciLow: stats.ci.low, ciHigh: stats.ci.high };
}

export function groupKeyForTeam(teamId: string): string {
  return `team-${teamId}`;
}

export type AggregateResult =
  | { status: 'released' | 'suppressed'; summaryId: string }
  | { status: 'not_closed' | 'missing' };

/**
 * Turns a closed cycle into its team summary: scores the answers, asks the anonymity
 * guard whether the team's numbers may be released given everything already released
 * in the same round (the ledger), and classifies the trend over released cycles only.
 * Stores the summary (released or suppressed with the guard's reason) and the ledger
 * entries in one transaction; running it again returns the stored summary.
 */
export async function aggregateCycle(
  deps: { prisma: PrismaClient; logger: Logger },
  cycleId: string,
): Promise<AggregateResult> {
  const cycle = await deps.prisma.cycle.findUnique({
    where: { id: cycleId },
    include: { team: true, summary: { select: { id: true, status: true } } },
  });
  if (!cycle) return { status: 'missing' };
  if (cycle.summary) return { status: cycle.summary.status, summaryId: cycle.summary.id };
  if (cycle.status !== 'closed') return { status: 'not_closed' };

  const items = cycle.itemIds.map((id) => getItem(cycle.bankVersion, id));
  const answers = await deps.prisma.answer.findMany({ where: { cycleId }, select: { values: true } });
  const summary = summariseAnswers(
    items,
    answers.map((a) => a.values as Answer),
  );
  const respondentCount = cycle.respondentCount ?? answers.length;
  const groupKey = groupKeyForTeam(cycle.teamId);
  const measures = DIMENSIONS.filter((d) => summary.dimensions[d]);
  const statistics = ['connectionIndex', ...measures];

  const ledgerRows = await deps.prisma.releaseLedgerEntry.findMany({
    where: { workspaceId: cycle.team.workspaceId, roundKey: cycle.roundKey, released: true },
  });
  const ledger: LedgerEntry[] = ledgerRows.map((row) => ({
    groupKey: row.groupKey,
    cycleKey: row.roundKey,
    statistic: row.statistic,
    respondentCount: row.respondentCount ?? 0,
    memberIds: row.memberSet,
    k: row.k,
  }));
  const plan = planRelease(
    {
      cycleKey: cycle.roundKey,
      groups: [{ key: groupKey, kind: 'team', parentKey: null, memberIds: cycle.memberSet, respondentCount }],
    },
    ledger.filter((entry) => entry.k === cycle.minRespondents),
    cycle.minRespondents,
    { statistics, commentsEnabled: cycle.team.commentsEnabled },
  );
  const decision = plan.released.find((d) => d.groupKey === groupKey);
  const indicator = responseIndicatorForLead(
    { invitedCount: cycle.invitedCount, respondentCount },
    cycle.minRespondents,
  );
  // HR's view: a response-rate band, only for groups of at least 20 invited.
  const hrBand = responseRateBandForHr({ invitedCount: cycle.invitedCount, respondentCount }).band;

  const result = await deps.prisma.$transaction(async (tx) => {
    if (!decision) {
      const refusal = plan.suppressed.find((d) => d.groupKey === groupKey);
      const reason = refusal?.reason ?? 'below_k';
      await tx.releaseLedgerEntry.createMany({
        data: [
          {
            workspaceId: cycle.team.workspaceId,
            roundKey: cycle.roundKey,
            groupKey,
            statistic: '*',
            k: cycle.minRespondents,
            memberSet: cycle.memberSet,
            released: false,
            reason,
          },
        ],
        skipDuplicates: true,
      });
      const created = await tx.teamSummary.create({
        data: {
          teamId: cycle.teamId,
          cycleId,
          roundKey: cycle.roundKey,
          status: 'suppressed',
          reason,
          responseIndicator: indicator,
          responseBand: hrBand,
        },
      });
      await tx.cycle.update({ where: { id: cycleId }, data: { status: 'aggregated' } });
      return { status: 'suppressed' as const, summaryId: created.id };
    }

    const composite = summary.connectionComposite;
    const peers = await tx.teamSummary.findMany({
      where: { roundKey: cycle.roundKey, status: 'released', team: { workspaceId: cycle.team.workspaceId } },
      select: { stats: true },
    });
    const peerMeans = peers
      .map((p) => (p.stats as unknown as StoredStats | null)?.connectionComposite)
      .filter((s): s is StoredStat => Boolean(s))
      .map((s) => ({ mean: s.mean, se: s.sd / Math.sqrt(s.n), n: s.n }));
    const connectionPrior = composite
      ? estimatePrior([...peerMeans, { mean: composite.mean, se: composite.se, n: composite.n }])
      : null;

    const history = await tx.teamSummary.findMany({
      where: { teamId: cycle.teamId, cycle: { number: { lt: cycle.number } } },
      select: { status: true, stats: true, cycle: { select: { number: true } } },
      orderBy: { cycle: { number: 'asc' } },
    });
    const observations = (
      pick: (s: StoredStats) => StoredStat | null | undefined,
      current: StoredStat | null,
    ) => {
      const past: CycleObservation[] = history.map((h) => {
        const s = h.status === 'released' ? pick(h.stats as unknown as StoredStats) : null;
        const number = h.cycle?.number ?? 0;
        return s
          ? { cycle: number, released: true, n: s.n, mean: s.mean, sd: s.sd }
          : { cycle: number, released: false };
      });
      const now: CycleObservation = current
        ? { cycle: cycle.number, released: true, n: current.n, mean: current.mean, sd: current.sd }
        : { cycle: cycle.number, released: false };
      return [...past, now];
    };

    const stats: StoredStats = {
      itemIds: cycle.itemIds,
      dimensions: Object.fromEntries(measures.map((d) => [d, stored(summary.dimensions[d])])),
      connectionComposite: stored(composite),
      connectionIndex: stored(summary.connectionIndex),
      powerOverIndex: stored(summary.powerOverIndex),
      connectionPrior,
    };
    const connectionHistory = observations((s) => s.connectionComposite, stats.connectionComposite).map(
      (o) =>
        o.released && o.cycle === cycle.number && connectionPrior ? { ...o, prior: connectionPrior } : o,
    );
    const connectionTrend = assessTrend(connectionHistory);
    const trends: StoredTrends = {
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

    await tx.releaseLedgerEntry.createMany({
      data: plan.newLedgerEntries.map((entry) => ({
        workspaceId: cycle.team.workspaceId,
        roundKey: entry.cycleKey,
        groupKey: entry.groupKey,
        statistic: entry.statistic,
        respondentCount: entry.respondentCount,
        k: entry.k,
        memberSet: [...entry.memberIds],
        released: true,
      })),
      skipDuplicates: true,
    });
    const created = await tx.teamSummary.create({
      data: {
        teamId: cycle.teamId,
        cycleId,
        roundKey: cycle.roundKey,
        status: 'released',
        respondentCount,
        responseIndicator: indicator,
        responseBand: hrBand,
        stats: stats as object,
        connectionIndex: stats.connectionIndex?.mean ?? null,
        powerOverIndex: stats.powerOverIndex?.mean ?? null,
        trendStates: trends as object,
        commentsReleased: decision.comments.released && (await tx.comment.count({ where: { cycleId } })) > 0,
      },
    });
    await tx.cycle.update({ where: { id: cycleId }, data: { status: 'aggregated' } });
    return { status: 'released' as const, summaryId: created.id };
  });
  deps.logger.info({ cycleId, teamId: cycle.teamId, status: result.status }, 'cycle aggregated');
  return result;
}
