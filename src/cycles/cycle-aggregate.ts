import type { PrismaClient } from '../db/client.js';
import { AnswerValuesSchema, parseStored, SummaryStatsSchema } from '../db/stored-json.js';
import type { Logger } from '../logger.js';
import type { LedgerEntry } from '../scoring/anonymity/index.js';
import {
  buildTeamSummary,
  type TeamSummaryDecision,
  type TeamSummaryInput,
} from '../scoring/team-summary.js';

export function groupKeyForTeam(teamId: string): string {
  return `team-${teamId}`;
}

export type AggregateResult =
  | { status: 'released' | 'suppressed'; summaryId: string }
  | { status: 'not_closed' | 'missing' };

/** The cycle's own facts that writing its summary needs, beside the builder's input. */
interface AggregationTarget {
  cycleId: string;
  teamId: string;
  workspaceId: string;
  roundKey: string;
  groupKey: string;
  k: number;
  memberSet: string[];
}

type Loaded =
  | { status: 'done'; result: AggregateResult }
  | { status: 'ready'; target: AggregationTarget; input: TeamSummaryInput };

/**
 * Everything the summary of a closed cycle is decided from: the cycle, its answers and
 * comment count, the round's released ledger entries and peer summaries, and the team's
 * earlier summaries. Stored JSON is parsed here; a row that does not parse stops the
 * aggregation with a StoredJsonError.
 */
export async function loadAggregation(prisma: PrismaClient, cycleId: string): Promise<Loaded> {
  const cycle = await prisma.cycle.findUnique({
    where: { id: cycleId },
    include: { team: true, summary: { select: { id: true, status: true } } },
  });
  if (!cycle) return { status: 'done', result: { status: 'missing' } };
  if (cycle.summary) {
    return { status: 'done', result: { status: cycle.summary.status, summaryId: cycle.summary.id } };
  }
  if (cycle.status !== 'closed') return { status: 'done', result: { status: 'not_closed' } };

  const workspaceId = cycle.team.workspaceId;
  const [answers, commentCount, ledgerRows, peers, history] = await Promise.all([
    prisma.answer.findMany({ where: { cycleId }, select: { values: true } }),
    prisma.comment.count({ where: { cycleId } }),
    prisma.releaseLedgerEntry.findMany({ where: { workspaceId, roundKey: cycle.roundKey, released: true } }),
    prisma.teamSummary.findMany({
      where: { roundKey: cycle.roundKey, status: 'released', team: { workspaceId } },
      select: { id: true, stats: true },
    }),
    prisma.teamSummary.findMany({
      where: { teamId: cycle.teamId, cycle: { number: { lt: cycle.number } } },
      select: { id: true, status: true, stats: true, cycle: { select: { number: true } } },
      orderBy: { cycle: { number: 'asc' } },
    }),
  ]);
  const ledger: LedgerEntry[] = ledgerRows.map((row) => ({
    groupKey: row.groupKey,
    cycleKey: row.roundKey,
    statistic: row.statistic,
    respondentCount: row.respondentCount ?? 0,
    memberIds: row.memberSet,
    k: row.k,
  }));
  const statsOf = (summary: { id: string; stats: unknown }) =>
    parseStored(SummaryStatsSchema, summary.stats, `TeamSummary ${summary.id} stats`);
  const groupKey = groupKeyForTeam(cycle.teamId);
  return {
    status: 'ready',
    target: {
      cycleId,
      teamId: cycle.teamId,
      workspaceId,
      roundKey: cycle.roundKey,
      groupKey,
      k: cycle.minRespondents,
      memberSet: cycle.memberSet,
    },
    input: {
      cycle: {
        number: cycle.number,
        roundKey: cycle.roundKey,
        bankVersion: cycle.bankVersion,
        itemIds: cycle.itemIds,
        minRespondents: cycle.minRespondents,
        invitedCount: cycle.invitedCount,
        memberSet: cycle.memberSet,
        respondentCount: cycle.respondentCount,
      },
      groupKey,
      commentsEnabled: cycle.team.commentsEnabled,
      commentCount,
      answers: answers.map((a) => parseStored(AnswerValuesSchema, a.values, `an answer of cycle ${cycleId}`)),
      ledger,
      peers: peers.filter((p) => p.stats !== null).map(statsOf),
      history: history.map((h) => ({
        cycle: h.cycle?.number ?? 0,
        stats: h.status === 'released' ? statsOf(h) : null,
      })),
    },
  };
}

/**
 * Stores a decided summary and its ledger entries, and marks the cycle aggregated, in
 * one transaction: a released summary with its new ledger entries, or a suppressed one
 * with a refusal entry that holds no count.
 */
export async function writeSummary(
  prisma: PrismaClient,
  target: AggregationTarget,
  decision: TeamSummaryDecision,
): Promise<{ status: 'released' | 'suppressed'; summaryId: string }> {
  const { cycleId, workspaceId, roundKey } = target;
  const participation = {
    teamId: target.teamId,
    cycleId,
    roundKey,
    responseIndicator: decision.responseIndicator,
    responseBand: decision.responseBand,
  };
  return prisma.$transaction(async (tx) => {
    if (decision.status === 'suppressed') {
      await tx.releaseLedgerEntry.createMany({
        data: [
          {
            workspaceId,
            roundKey,
            groupKey: target.groupKey,
            statistic: '*',
            k: target.k,
            memberSet: target.memberSet,
            released: false,
            reason: decision.reason,
          },
        ],
        skipDuplicates: true,
      });
      const created = await tx.teamSummary.create({
        data: { ...participation, status: 'suppressed', reason: decision.reason },
      });
      await tx.cycle.update({ where: { id: cycleId }, data: { status: 'aggregated' } });
      return { status: 'suppressed' as const, summaryId: created.id };
    }

    await tx.releaseLedgerEntry.createMany({
      data: decision.newLedgerEntries.map((entry) => ({
        workspaceId,
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
    const { stats, trends } = decision;
    const created = await tx.teamSummary.create({
      data: {
        ...participation,
        status: 'released',
        respondentCount: decision.respondentCount,
        stats: stats as object,
        connectionIndex: stats.connectionIndex?.mean ?? null,
        powerOverIndex: stats.powerOverIndex?.mean ?? null,
        trendStates: trends as object,
        commentsReleased: decision.commentsReleased,
      },
    });
    await tx.cycle.update({ where: { id: cycleId }, data: { status: 'aggregated' } });
    return { status: 'released' as const, summaryId: created.id };
  });
}

/**
 * Turns a closed cycle into its team summary: load, decide ({@link buildTeamSummary}:
 * scores, the anonymity guard against the round's ledger, trends over released cycles
 * only), write. Running it again returns the stored summary.
 */
export async function aggregateCycle(
  deps: { prisma: PrismaClient; logger: Logger },
  cycleId: string,
): Promise<AggregateResult> {
  const loaded = await loadAggregation(deps.prisma, cycleId);
  if (loaded.status === 'done') return loaded.result;
  const result = await writeSummary(deps.prisma, loaded.target, buildTeamSummary(loaded.input));
  deps.logger.info({ cycleId, teamId: loaded.target.teamId, status: result.status }, 'cycle aggregated');
  return result;
}
