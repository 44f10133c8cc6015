import type { Prisma } from '../generated/prisma/client.js';
import type { Cadence } from '../generated/prisma/enums.js';
import {
  type LedgerEntry,
  ledgerReachMs,
  type ReleaseTiming,
  type SuppressionReason,
} from '../scoring/anonymity/index.js';
import { CADENCE_PERIOD_DAYS } from './team-schedule.js';

/**
 * The release ledger as stored: what the anonymity guard needs of earlier releases, read
 * and written inside the transaction that holds the workspace's release lock
 * (src/db/release-lock.ts).
 */

const DAY = 86_400_000;
const LONGEST_PERIOD_MS = Math.max(...Object.values(CADENCE_PERIOD_DAYS)) * DAY;

/** A cycle's release timing: its answer window and its team's cadence period. */
export function releaseTiming(cycle: { opensAt: Date; closesAt: Date }, cadence: Cadence): ReleaseTiming {
  return {
    window: { start: cycle.opensAt.getTime(), end: cycle.closesAt.getTime() },
    periodMs: CADENCE_PERIOD_DAYS[cadence] * DAY,
  };
}

/**
 * The workspace's released entries that can matter to a release at `timing`: every rule
 * of the guard ignores releases further away than {@link ledgerReachMs}.
 */
export async function loadLedgerAround(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  timing: ReleaseTiming,
): Promise<LedgerEntry[]> {
  const reach = ledgerReachMs(LONGEST_PERIOD_MS);
  const rows = await tx.releaseLedgerEntry.findMany({
    where: {
      workspaceId,
      released: true,
      windowEnd: { gte: new Date(timing.window.start - reach) },
      windowStart: { lte: new Date(timing.window.end + reach) },
    },
  });
  return rows.map((row) => ({
    groupKey: row.groupKey,
    releaseKey: row.releaseKey,
    statistic: row.statistic,
    respondentCount: row.respondentCount ?? 0,
    memberIds: row.memberSet,
    k: row.k,
    timing: {
      window: { start: row.windowStart.getTime(), end: row.windowEnd.getTime() },
      periodMs: row.periodDays * DAY,
    },
    ...(row.sum === null ? {} : { sum: row.sum }),
  }));
}

function stored(timing: ReleaseTiming) {
  return {
    windowStart: new Date(timing.window.start),
    windowEnd: new Date(timing.window.end),
    periodDays: Math.round(timing.periodMs / DAY),
  };
}

/** Rows for the entries a plan released. */
export function releasedRows(
  workspaceId: string,
  entries: readonly LedgerEntry[],
): Prisma.ReleaseLedgerEntryCreateManyInput[] {
  return entries.map((entry) => ({
    workspaceId,
    releaseKey: entry.releaseKey,
    groupKey: entry.groupKey,
    statistic: entry.statistic,
    respondentCount: entry.respondentCount,
    sum: entry.sum ?? null,
    k: entry.k,
    memberSet: [...entry.memberIds],
    ...stored(entry.timing),
    released: true,
  }));
}

/** The row a refusal leaves: its reason and who the group was, never a count. */
export function refusalRow(input: {
  workspaceId: string;
  releaseKey: string;
  groupKey: string;
  k: number;
  memberSet: readonly string[];
  timing: ReleaseTiming;
  reason: SuppressionReason;
}): Prisma.ReleaseLedgerEntryCreateManyInput {
  return {
    workspaceId: input.workspaceId,
    releaseKey: input.releaseKey,
    groupKey: input.groupKey,
    statistic: '*',
    k: input.k,
    memberSet: [...input.memberSet],
    ...stored(input.timing),
    released: false,
    reason: input.reason,
  };
}
