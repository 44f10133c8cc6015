import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/scoring/random.js';
import { assessTrend } from '../../src/scoring/trend.js';
import {
  detectionFigures,
  expectedLikertMean,
  latentDropFor,
  nullFigures,
  simulateOrganisation,
} from './support/simulation.js';

/*
 * Seeded simulations of the trend classifier. The seeds differ from the ones the
 * defaults were tuned on (bench/trend-calibration.ts), so these figures are a check,
 * not the fit itself. docs/scoring.md reports them.
 */
describe('trend classifier on simulated organisations', () => {
  it('raises fewer than one false acute or chronic alarm per 50 team-cycles when nothing changes', () => {
    const figures = nullFigures(mulberry32(0x5eed_2026), 30);
    console.info(
      `null data: ${figures.alarmTeamCycles} alarm team-cycles and ${figures.alarmOnsets} alarm onsets in ` +
        `${figures.releasedTeamCycles} released team-cycles = ${figures.alarmsPer50.toFixed(3)} ` +
        `(${figures.onsetsPer50.toFixed(3)} onsets) per 50 team-cycles`,
    );
    expect(figures.releasedTeamCycles).toBeGreaterThan(25_000);
    expect(figures.alarmsPer50).toBeLessThan(1);
  });

  it('flags a true 1-point drop in a team of 8 in at least 80% of runs', () => {
    const figures = detectionFigures(mulberry32(0xd20b), 500);
    console.info(
      `1-point drop, team of 8, ${figures.runs} runs: flagged in the drop cycle ` +
        `${(100 * figures.firstCycle).toFixed(1)}%, by the next released cycle ` +
        `${(100 * figures.withinTwo).toFixed(1)}%, within three ${(100 * figures.withinThree).toFixed(1)}%`,
    );
    expect(figures.withinTwo).toBeGreaterThanOrEqual(0.8);
    expect(figures.withinThree).toBeGreaterThan(figures.firstCycle);
  });

  it('models the drop as exactly one point of expected observed score', () => {
    const shift = latentDropFor(1, 4.2, 1);
    expect(expectedLikertMean(4.2, 1) - expectedLikertMean(4.2 - shift, 1)).toBeCloseTo(1, 6);
    expect(shift).toBeGreaterThan(1); // the ceiling at 5 hides part of a latent change
  });

  it('treats suppressed cycles (fewer than 5 respondents) as missing in the simulated data', () => {
    const rng = mulberry32(11);
    const [history] = simulateOrganisation(
      rng,
      [{ latentMeans: Array<number>(20).fill(4), invited: 6, responseRate: 0.6 }],
      { latentSd: 1, cycles: 20 },
    );
    const suppressed = history!.filter((cycle) => !cycle.released).length;
    expect(suppressed).toBeGreaterThan(0);
    expect(assessTrend(history!).cycles).toHaveLength(20);
  });
});
