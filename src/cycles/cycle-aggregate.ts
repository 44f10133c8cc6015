import type { PrismaClient } from '../db/client.js';
import { takeReleaseLock } from '../db/release-lock.js';
import { AnswerValuesSchema, parseStored, SummaryStatsSchema } from '../db/stored-json.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import type { ReleaseTiming } from '../scoring/anonymity/index.js';
import {
  buildTeamSummary,
  type TeamSummaryDecision,
  type TeamSummaryInput,
} from '../scoring/team-summary.js';
import { loadLedgerAround, refusalRow, releasedRows, releaseTiming } from './release-ledger.js';

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
  timing: ReleaseTiming;
}

type Loaded =
  | { status: 'done'; result: AggregateResult }
  | { status: 'ready'; target: AggregationTarget; input: TeamSummaryInput };

/**
 * Everything the summary of a closed cycle is decided from: the cycle, its answers and
 * comment count, the released ledger entries around its answer window, the round's
 * peer summaries, and the team's earlier summaries. Stored JSON is parsed here; a row
 * that does not parse stops the aggregation with a StoredJsonError. Runs inside the
 * transaction that holds the workspace's release lock, so the ledger it reads is the
 * one the decision is written against.
 */
export async function loadAggregation(prisma: Prisma.TransactionClient, cycleId: string): Promise<Loaded> {
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
  const timing = releaseTiming(cycle, cycle.team.cadence);
  const [answers, commentCount, ledger, peers, history] = await Promise.all([
    prisma.answer.findMany({ where: { cycleId }, select: { values: true } }),
    prisma.comment.count({ where: { cycleId } }),
    loadLedgerAround(prisma, workspaceId, timing),
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
      timing,
    },
    input: {
      release: { key: cycleId, timing },
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
 * the caller's transaction: a released summary with its new ledger entries, or a
 * suppressed one with a refusal entry that holds no count.
 */
export async function writeSummary(
  tx: Prisma.TransactionClient,
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
  if (decision.status === 'suppressed') {
    await tx.releaseLedgerEntry.createMany({
      data: [
        refusalRow({
          workspaceId,
          releaseKey: cycleId,
          groupKey: target.groupKey,
          k: target.k,
          memberSet: target.memberSet,
          timing: target.timing,
          reason: decision.reason,
        }),
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
    data: releasedRows(workspaceId, decision.newLedgerEntries),
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
}

/**
 * How long an aggregation may wait for its workspace's release lock and run: other
 * teams of the workspace closing at the same hour queue behind one another.
 */
const RELEASE_TRANSACTION = { maxWait: 30_000, timeout: 120_000 } as const;

/**
 * Turns a closed cycle into its team summary: load, decide ({@link buildTeamSummary}:
 * scores, the anonymity guard against the ledger, trends over released cycles only),
 * write — all in one transaction that first takes the workspace's release lock, so two
 * workers never plan against a ledger that misses the other's release. Running it again
 * returns the stored summary.
 */
export async function aggregateCycle(
  deps: { prisma: PrismaClient; logger: Logger },
  cycleId: string,
): Promise<AggregateResult> {
  const outcome = await deps.prisma.$transaction(async (tx) => {
    const owner = await tx.cycle.findUnique({
      where: { id: cycleId },
      select: { team: { select: { workspaceId: true } } },
    });
    if (!owner) return { result: { status: 'missing' } as AggregateResult };
    await takeReleaseLock(tx, owner.team.workspaceId);
    const loaded = await loadAggregation(tx, cycleId);
    if (loaded.status === 'done') return { result: loaded.result };
    const result = await writeSummary(tx, loaded.target, buildTeamSummary(loaded.input));
    return { result, teamId: loaded.target.teamId };
  }, RELEASE_TRANSACTION);
  if ('teamId' in outcome) {
    deps.logger.info({ cycleId, teamId: outcome.teamId, status: outcome.result.status }, 'cycle aggregated');
  }
  return outcome.result;
}
