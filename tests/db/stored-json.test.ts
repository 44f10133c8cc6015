import { describe, expect, it } from 'vitest';
import {
  AnswerValuesSchema,
  InstallationMetadataSchema,
  parseStored,
  StoredJsonError,
  SummaryStatsSchema,
  SummaryTrendsSchema,
} from '../../src/db/stored-json.js';
import { summaryViewFor } from '../../src/summaries/summary-view.js';

const stat = { n: 6, mean: 3.5, sd: 0.8, ciLow: 2.9, ciHigh: 4.1 };
const stats = {
  itemIds: ['zest-1', 'worth-2'],
  dimensions: { zest: stat, powerOver: { ...stat, mean: 2.1 } },
  connectionComposite: stat,
  connectionIndex: { ...stat, mean: 62.5, ciLow: 47, ciHigh: 78 },
  powerOverIndex: null,
  connectionPrior: { mean: 3.4, tau2: 0.05, teams: 3 },
};
const trends = {
  connection: { state: 'healthy', direction: 'up' },
  dimensions: { zest: { state: null, direction: 'none' } },
};
const context = {
  teamName: 'Platform',
  cycleNumber: 3,
  closedOn: new Date('2026-11-27T10:00:00Z'),
  timezone: 'UTC',
  minRespondents: 5,
};

describe('stored JSON is parsed, not cast', () => {
  it('reads back what aggregation writes', () => {
    expect(parseStored(SummaryStatsSchema, stats, 'stats')).toEqual(stats);
    expect(parseStored(SummaryTrendsSchema, trends, 'trends')).toEqual(trends);
    expect(parseStored(AnswerValuesSchema, { 'zest-1': 4, 'worth-2': 1 }, 'answer')).toEqual({
      'zest-1': 4,
      'worth-2': 1,
    });
  });

  it('names the column and the paths that differ, never the stored values', () => {
    const bad = { ...stats, connectionIndex: { ...stat, mean: 'sixty-two' } };
    const error = (() => {
      try {
        parseStored(SummaryStatsSchema, bad, 'TeamSummary 42 stats');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StoredJsonError);
    expect((error as Error).message).toBe(
      'TeamSummary 42 stats does not have its stored shape (connectionIndex.mean: invalid_type)',
    );
    expect((error as Error).message).not.toContain('sixty-two');
  });

  it('refuses an answer outside 1–5, an unknown trend state and an unknown dimension', () => {
    expect(() => parseStored(AnswerValuesSchema, { 'zest-1': 6 }, 'answer')).toThrow(StoredJsonError);
    expect(() =>
      parseStored(
        SummaryTrendsSchema,
        { ...trends, connection: { state: 'thriving', direction: 'up' } },
        'trends',
      ),
    ).toThrow(/connection\.state/);
    expect(() =>
      parseStored(SummaryStatsSchema, { ...stats, dimensions: { happiness: stat } }, 'stats'),
    ).toThrow(StoredJsonError);
  });

  it('makes a released summary with malformed stats a clear error instead of a post built from nonsense', () => {
    const row = {
      id: 'sum-1',
      status: 'released' as const,
      reason: null,
      respondentCount: 6,
      trendStates: trends,
    };
    expect(summaryViewFor({ ...row, stats }, context)).toMatchObject({ status: 'released' });
    expect(() => summaryViewFor({ ...row, stats: { itemIds: [] } }, context)).toThrow(
      /^TeamSummary sum-1 stats does not have its stored shape/,
    );
    expect(() => summaryViewFor({ ...row, stats, trendStates: null }, context)).toThrow(
      /^TeamSummary sum-1 trendStates/,
    );
  });

  it('a suppressed summary has no stats to parse', () => {
    const row = { id: 'sum-2', status: 'suppressed' as const, reason: 'below_k', respondentCount: null };
    expect(summaryViewFor({ ...row, stats: null, trendStates: null }, context)).toMatchObject({
      status: 'suppressed',
      suppressedReason: 'below_k',
    });
  });

  it('keeps the rest of an installation for Bolt but checks the fields read', () => {
    const meta = { team: { id: 'T1', name: 'Acme' }, appId: 'A1', authVersion: 'v2', tokenType: 'bot' };
    expect(parseStored(InstallationMetadataSchema, meta, 'metadata')).toEqual(meta);
    expect(() =>
      parseStored(InstallationMetadataSchema, { ...meta, authVersion: 'v3' }, 'Installation T1 metadata'),
    ).toThrow(/^Installation T1 metadata does not have its stored shape \(authVersion: invalid_value\)$/);
  });
});
