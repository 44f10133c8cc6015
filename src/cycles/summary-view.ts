import type { SuppressionReason } from '../scoring/anonymity/index.js';
import { GOOD_THINGS, practicesFor } from '../scoring/index.js';
import { respondentBand, type SummaryView } from '../views/summary-message.js';
import type { StoredStats, StoredTrends } from './cycle-aggregate.js';

export interface SummaryRow {
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
  const stats = summary.stats as StoredStats;
  const trends = summary.trendStates as StoredTrends;
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
