import { describe, expect, it } from 'vitest';
import * as scoring from '../../src/scoring/index.js';

describe('public scoring API', () => {
  it.each([
    'GOOD_THINGS',
    'DIMENSIONS',
    'ITEM_BANK_VERSION',
    'getItemBank',
    'itemText',
    'SCALE_LABELS',
    'stateReading',
    'practicesFor',
    'composePulse',
    'summariseAnswers',
    'studentTQuantile',
    'estimatePrior',
    'shrink',
    'assessTrend',
    'TREND_STATES',
    'cronbachAlpha',
    'connectionIndexReliability',
    'mulberry32',
    'AnswerSchema',
  ])('exports %s from src/scoring/index.ts', (name) => {
    expect(scoring).toHaveProperty(name);
  });

  it('scores a pulse end to end: compose, answer, summarise, classify, read', () => {
    const items = scoring.composePulse(scoring.ITEM_BANK_VERSION, 4);
    const answers = [5, 4, 4, 3, 4, 5].map((value) =>
      Object.fromEntries(items.map((item) => [item.id, value as scoring.LikertValue])),
    );
    expect(answers.every((answer) => scoring.AnswerSchema.safeParse(answer).success)).toBe(true);
    const summary = scoring.summariseAnswers(items, answers);
    const stats = scoring.measureStats(summary, 'connectionIndex')!;
    const trend = scoring.assessTrend([
      { cycle: 4, released: true, n: stats.n, mean: stats.mean, sd: stats.sd },
    ]);
    expect(trend.current).toBe('healthy');
    expect(scoring.stateReading('connectionIndex', trend.current!)).toMatch(/five good things/);
    expect(scoring.practicesFor('connectionIndex', trend.current!)).toHaveLength(2);
  });
});
