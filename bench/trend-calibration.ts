/**
 * Prints the trend classifier's false-alarm rate on null data and its power for a
 * 1-point drop in a team of 8, for a few settings around the defaults. Run with
 * `npx tsx bench/trend-calibration.ts ['[{"controlLimit":2.5}]' [seed]]`; docs/scoring.md
 * records the chosen settings and the figures.
 */
import { mulberry32 } from '../src/scoring/random.js';
import type { TrendOptions } from '../src/scoring/trend.js';
import { detectionFigures, nullFigures } from '../tests/scoring/support/simulation.js';

const settings: Partial<TrendOptions>[] = process.argv[2]
  ? JSON.parse(process.argv[2])
  : [
      {},
      { controlLimit: 2.7 },
      { controlLimit: 2.2 },
      { heldResidual: 0 },
      { lambda: 0.5, controlLimit: 2.5 },
    ];

for (const options of settings) {
  const started = performance.now();
  const nul = nullFigures(mulberry32(Number(process.argv[3] ?? 20260101)), 20, options);
  const det = detectionFigures(mulberry32(Number(process.argv[3] ?? 7)), 400, options);
  console.log(
    JSON.stringify(options),
    `null: ${nul.alarmsPer50.toFixed(3)} alarm team-cycles /50, ${nul.onsetsPer50.toFixed(3)} onsets /50`,
    `| drop: first ${(100 * det.firstCycle).toFixed(1)}%, ≤2 ${(100 * det.withinTwo).toFixed(1)}%, ≤3 ${(100 * det.withinThree).toFixed(1)}%`,
    `(${Math.round(performance.now() - started)} ms)`,
  );
}
