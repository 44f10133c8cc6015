import { parseStored, SummaryStatsSchema, SummaryTrendsSchema } from '../db/stored-json.js';
import type { SuppressionReason } from '../scoring/anonymity/index.js';
import { GOOD_THINGS, practicesFor, type TrendState } from '../scoring/index.js';
import type { SummaryTrends } from '../scoring/team-summary.js';
import { respondentBand, type SummaryView } from '../views/summary-message.js';

export interface SummaryRow {
  id: string;
  status: 'released' | 'suppressed';
  reason: string | null;
  respondentCount: number | null;
  stats: unknown;
  trendStates: unknown;
}

/**
 * What the summary post shows, from a stored TeamSummary: released numbers with their
 * intervals, trend arrows and the connection index's state with two practices; or, for
 * a suppressed summary, the reason and nothing else.
 */
export function summaryViewFor(
  summary: SummaryRow,
  context: {
    teamName: string;
    cycleNumber: number;
    closedOn: Date;
    timezone: string;
    minRespondents: number;
  },
): SummaryView {
  if (summary.status === 'suppressed') {
    return {
      ...context,
      status: 'suppressed',
      suppressedReason: (summary.reason ?? 'below_k') as SuppressionReason,
    };
  }
  const stats = parseStored(SummaryStatsSchema, summary.stats, `TeamSummary ${summary.id} stats`);
  const trends = parseStored(
    SummaryTrendsSchema,
    summary.trendStates,
    `TeamSummary ${summary.id} trendStates`,
  );
  const goodThings = GOOD_THINGS.flatMap((measure) => {
    const s = stats.dimensions[measure];
    if (!s) return [];
    return [
      {
        measure,
        mean: s.mean,
        ciLow: s.ciLow,
        ciHigh: s.ciHigh,
        trend: trends.dimensions[measure]?.direction ?? 'none',
      },
    ];
  });
  const power = stats.dimensions.powerOver;
  const state = trends.connection.state;
  return {
    ...context,
    status: 'released',
    respondentBand: respondentBand(summary.respondentCount ?? 0),
    ...(stats.connectionIndex
      ? {
          connectionIndex: {
            value: stats.connectionIndex.mean,
            ciLow: stats.connectionIndex.ciLow,
            ciHigh: stats.connectionIndex.ciHigh,
            trend: trends.connection.direction,
          },
        }
      : {}),
    goodThings,
    powerOver: power
      ? {
          measure: 'powerOver',
          mean: power.mean,
          ciLow: power.ciLow,
          ciHigh: power.ciHigh,
          trend: trends.dimensions.powerOver?.direction ?? 'none',
        }
      : null,
    ...(state
      ? {
          state: { measure: 'connectionIndex', state },
          practices: [...practicesFor('connectionIndex', state)],
        }
      : {}),
  };
}

/** A stored summary with the cycle it closed, as the post and the reports read it. */
export type SummaryWithCycle = SummaryRow & {
  createdAt: Date;
  cycle: { number: number; closesAt: Date; minRespondents: number } | null;
};

/** {@link summaryViewFor} in the team's own words and time zone. */
export function summaryViewOf(
  summary: SummaryWithCycle,
  team: { name: string; timezone: string },
): SummaryView {
  return summaryViewFor(summary, {
    teamName: team.name,
    cycleNumber: summary.cycle?.number ?? 0,
    closedOn: summary.cycle?.closesAt ?? summary.createdAt,
    timezone: team.timezone,
    minRespondents: summary.cycle?.minRespondents ?? 5,
  });
}

/** A summary's stored trends: null for a suppressed one. */
export function trendsOf(summary: { id: string; trendStates: unknown }): SummaryTrends | null {
  return parseStored(
    SummaryTrendsSchema.nullable(),
    summary.trendStates,
    `TeamSummary ${summary.id} trendStates`,
  );
}

/** The connection state a released summary classified, or null (none yet, or suppressed). */
export function connectionStateOf(summary: { id: string; trendStates: unknown }): TrendState | null {
  return trendsOf(summary)?.connection.state ?? null;
}

/** A released summary's power-over mean (1–5), when power-over was asked. */
export function powerOverMeanOf(summary: { id: string; stats: unknown }): number | null {
  const stats = parseStored(SummaryStatsSchema.nullable(), summary.stats, `TeamSummary ${summary.id} stats`);
  return stats?.dimensions.powerOver?.mean ?? null;
}
