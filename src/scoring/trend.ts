import type { Polarity } from './dimensions.js';
import { normalCdf } from './distributions.js';
import { type ShrinkagePrior, shrink } from './shrinkage.js';
import { SCALE_MAX, SCALE_MIN } from './statistics.js';
import type { TrendDirection, TrendState } from './trend-state.js';

export { TREND_STATES, type TrendDirection, type TrendState } from './trend-state.js';

/** A cycle whose numbers were released for this team (n ≥ k was reached). */
export interface ReleasedCycle {
  readonly cycle: number;
  readonly released: true;
  readonly n: number;
  /** Raw mean on the 1–5 scale. */
  readonly mean: number;
  readonly sd: number;
  /** This cycle's organisation prior for the same measure; omit to skip shrinkage. */
  readonly prior?: ShrinkagePrior | null;
}

/** A suppressed cycle, or one where the measure was not asked: missing, never zero. */
export interface MissingCycle {
  readonly cycle: number;
  readonly released: false;
}

export type CycleObservation = ReleasedCycle | MissingCycle;

export interface TrendOptions {
  /** 'higherIsWorse' for power-over: the scale is mirrored so that low is always bad. */
  readonly polarity: Polarity;
  /** A cycle is low when P(true mean below this) ≥ lowProbability (mirrored for power-over). */
  readonly lowCut: number;
  readonly lowProbability: number;
  /** EWMA smoothing weight. */
  readonly lambda: number;

  /** EWMA lower limit in asymptotic standard deviations of the statistic. */
  readonly controlLimit: number;
  /** A single cycle this many standard errors below baseline signals on its own. */
  readonly shockLimit: number;
  /**
   * An EWMA breach only counts while the cycle itself sits at least this far below
   * baseline, so the chart's memory alone cannot keep a false alarm going.
   */
  readonly heldResidual: number;
  /** Good released cycles averaged into the team's own baseline. */
  readonly baselineWindow: number;
  /** Floor on the within-team SD so a unanimous cycle cannot claim infinite precision. */
  readonly minSd: number;
  /** SD assumed before any within-team spread has been seen. */
  readonly fallbackSd: number;
  /** Chronic: low in at least `chronicLows` of the last `chronicWindow` released cycles… */
  readonly chronicWindow: number;
  readonly chronicLows: number;
  /** …or a control-chart signal held this many consecutive released cycles. */
  readonly signalRun: number;
  /** Consecutive good released cycles needed to leave chronic. */
  readonly exitRun: number;
  /** Consecutive signalling-but-not-low cycles after which the baseline is re-learnt. */
  readonly reanchorAfter: number;
  /** Arrows need a change of at least this many SEs of the difference… */
  readonly arrowZ: number;
  /** …and at least this many scale points. */
  readonly arrowMinChange: number;
}

export const DEFAULT_TREND_OPTIONS: TrendOptions = Object.freeze({
  polarity: 'higherIsBetter',
  lowCut: 3,
  lowProbability: 0.8,
  lambda: 0.3,
  controlLimit: 2.4,
  shockLimit: 3,
  heldResidual: 1,
  baselineWindow: 4,
  minSd: 0.5,
  fallbackSd: 1,
  chronicWindow: 4,
  chronicLows: 3,
  signalRun: 3,
  exitRun: 2,
  reanchorAfter: 6,
  arrowZ: 1,
  arrowMinChange: 0.1,
});

/** What the classifier saw in one cycle; numbers are on the original 1–5 scale. */
export interface CycleAssessment {
  readonly cycle: number;
  readonly released: boolean;
  /** State after this cycle; carried unchanged through missing cycles; null before any data. */
  readonly state: TrendState | null;
  readonly detail: ReleasedDetail | null;
}

export interface ReleasedDetail {
  /** Standard error used: pooled within-team SD (floored) / √n. */
  readonly se: number;
  /** Shrunk estimate of the true mean, used only for classification. */
  readonly shrunk: number;
  /** Posterior probability that the true mean is on the bad side of the cut. */
  readonly pLow: number;
  readonly low: boolean;
  /** The team's own baseline before this cycle, or null while there is none. */
  readonly baseline: number | null;
  /** Standardised distance from baseline, oriented so that negative is worse. */
  readonly residual: number | null;
  /** One-sided EWMA of residuals (≤ 0); signals below −controlLimit·σ. */
  readonly ewma: number;
  readonly signal: boolean;
}

export interface TrendResult {
  readonly cycles: readonly CycleAssessment[];
  readonly current: TrendState | null;
  /** Latest released cycle against the previous released one, in raw score terms. */
  readonly direction: TrendDirection;
}

function validate(history: readonly CycleObservation[]): void {
  let previous = Number.NEGATIVE_INFINITY;
  for (const entry of history) {
    if (!Number.isFinite(entry.cycle) || entry.cycle <= previous) {
      throw new RangeError('Cycles must be finite and strictly increasing');
    }
    previous = entry.cycle;
    if (!entry.released) continue;
    if (!Number.isInteger(entry.n) || entry.n < 1)
      throw new RangeError(`Cycle ${entry.cycle}: n must be ≥ 1`);
    if (!(entry.mean >= SCALE_MIN && entry.mean <= SCALE_MAX)) {
      throw new RangeError(`Cycle ${entry.cycle}: mean must lie in [${SCALE_MIN}, ${SCALE_MAX}]`);
    }
    if (!(entry.sd >= 0)) throw new RangeError(`Cycle ${entry.cycle}: sd must be ≥ 0`);
  }
}

interface BaselinePoint {
  readonly value: number;
  readonly n: number;
}

/**
 * The team's own reference level: the respondent-weighted mean of recent good cycles,
 * with variance sd² / Σn under today's pooled SD. Weighting by each cycle's own SD
 * would let one lucky unanimous cycle dominate the baseline for months.
 */
function baselineOf(
  points: readonly BaselinePoint[],
  sd: number,
): { value: number; variance: number } | null {
  if (points.length === 0) return null;
  let respondents = 0;
  let sum = 0;
  for (const point of points) {
    respondents += point.n;
    sum += point.value * point.n;
  }
  return { value: sum / respondents, variance: sd ** 2 / respondents };
}

function nextState(
  previous: TrendState | null,
  bad: boolean,
  chronicCondition: boolean,
  goodRun: number,
  exitRun: number,
): TrendState {
  if (previous === 'chronic') return goodRun >= exitRun ? 'repairing' : 'chronic';
  if (chronicCondition) return 'chronic';
  if (bad) return 'acute';
  if (previous === 'acute') return 'repairing';
  return 'healthy';
}

/**
 * Classifies one team's history on one measure. Only released cycles move anything:
 * missing cycles carry the previous state and are skipped by the EWMA, the baseline,
 * and the "last N released cycles" windows.
 *
 * Per released cycle, oriented so that lower is worse:
 * - low: P(shrunk true mean < cut) ≥ 0.8 (level, judged against the organisation);
 * - signal: a one-sided EWMA of standardised distances from the team's own baseline
 *   breaches its limit, or one cycle alone is a shock (change, judged against its past);
 * - bad = low or signal; good = neither.
 * States: healthy → acute on a bad cycle; acute → repairing on a good one; chronic when
 * low in ≥ 3 of the last 4 released cycles or a signal held 3 cycles; chronic →
 * repairing only after 2 consecutive good cycles; repairing → healthy on a good cycle.
 */
export function assessTrend(
  history: readonly CycleObservation[],
  options: Partial<TrendOptions> = {},
): TrendResult {
  validate(history);
  const o: TrendOptions = { ...DEFAULT_TREND_OPTIONS, ...options };
  const mirror = o.polarity === 'higherIsWorse';
  const orient = (value: number) => (mirror ? SCALE_MIN + SCALE_MAX - value : value);
  const cut = orient(o.lowCut);
  const sigmaEwma = Math.sqrt(o.lambda / (2 - o.lambda));

  const cycles: CycleAssessment[] = [];
  let state: TrendState | null = null;
  let pooledSquares = 0;
  let pooledDf = 0;
  let baselinePoints: BaselinePoint[] = [];
  let ewma = 0;
  const recentLows: boolean[] = [];
  let signalRun = 0;
  let goodRun = 0;
  let driftRun: BaselinePoint[] = [];
  const released: { mean: number; sd: number; n: number }[] = [];

  for (const entry of history) {
    if (!entry.released) {
      cycles.push({ cycle: entry.cycle, released: false, state, detail: null });
      continue;
    }
    released.push({ mean: entry.mean, sd: entry.sd, n: entry.n });
    pooledSquares += (entry.n - 1) * entry.sd ** 2;
    pooledDf += entry.n - 1;
    // One cycle's SD from five people is too noisy to standardise by; the team's
    // within-cycle spread is stable, so pool it over its released history.
    const sd = Math.max(o.minSd, pooledDf > 0 ? Math.sqrt(pooledSquares / pooledDf) : o.fallbackSd);
    const se = sd / Math.sqrt(entry.n);
    const value = orient(entry.mean);

    const prior = entry.prior ? { ...entry.prior, mean: orient(entry.prior.mean) } : null;
    const posterior = shrink({ mean: value, se }, prior);
    const pLow =
      posterior.variance > 0
        ? normalCdf((cut - posterior.estimate) / Math.sqrt(posterior.variance))
        : posterior.estimate < cut
          ? 1
          : 0;
    const low = pLow >= o.lowProbability;

    const baseline = baselineOf(baselinePoints, sd);
    let residual: number | null = null;
    if (baseline) {
      residual = (value - baseline.value) / Math.sqrt(se ** 2 + baseline.variance);
      // Reflected at 0: only downward movement accumulates, so a good spell does not
      // bank credit that would hide a later drop.
      ewma = Math.min(0, o.lambda * residual + (1 - o.lambda) * ewma);
    }
    const chartLimit = o.controlLimit * sigmaEwma;
    const signal =
      residual !== null && ((ewma < -chartLimit && residual < -o.heldResidual) || residual < -o.shockLimit);
    const bad = low || signal;
    const ewmaAtCycle = ewma;

    recentLows.push(low);
    if (recentLows.length > o.chronicWindow) recentLows.shift();
    signalRun = signal ? signalRun + 1 : 0;
    goodRun = bad ? 0 : goodRun + 1;
    const lowCount = recentLows.filter(Boolean).length;
    const chronicCondition = lowCount >= o.chronicLows || signalRun >= o.signalRun;

    state = nextState(state, bad, chronicCondition, goodRun, o.exitRun);

    const point = { value, n: entry.n };
    if (!bad) {
      baselinePoints = [...baselinePoints, point].slice(-o.baselineWindow);
      driftRun = [];
    } else if (signal && !low) {
      // A team that settles at a new, acceptable level cannot be held against a past it
      // has left for good: after a long run the chart restarts from the recent cycles.
      driftRun = [...driftRun, point];
      if (driftRun.length >= o.reanchorAfter) {
        baselinePoints = driftRun.slice(-o.baselineWindow);
        driftRun = [];
        ewma = 0;
        signalRun = 0;
      }
    } else {
      driftRun = [];
    }

    cycles.push({
      cycle: entry.cycle,
      released: true,
      state,
      detail: {
        se,
        shrunk: orient(posterior.estimate),
        pLow,
        low,
        baseline: baseline ? orient(baseline.value) : null,
        residual,
        ewma: ewmaAtCycle,
        signal,
      },
    });
  }

  return { cycles, current: state, direction: directionOf(released, o) };
}

function directionOf(
  released: readonly { mean: number; sd: number; n: number }[],
  o: Pick<TrendOptions, 'minSd' | 'arrowZ' | 'arrowMinChange'>,
): TrendDirection {
  const latest = released.at(-1);
  const previous = released.at(-2);
  if (!latest || !previous) return 'none';
  const change = latest.mean - previous.mean;
  const seOf = (c: { sd: number; n: number }) => Math.max(o.minSd, c.sd) / Math.sqrt(c.n);
  const seDiff = Math.hypot(seOf(latest), seOf(previous));
  if (Math.abs(change) < Math.max(o.arrowMinChange, o.arrowZ * seDiff)) return 'flat';
  return change > 0 ? 'up' : 'down';
}
