/**
 * A small generative model of an organisation answering pulses, used to check the
 * trend classifier's false-alarm rate and power. Answers are 1–5 values drawn from a
 * latent normal per person (rounded and clipped), so ceiling effects and ties are as
 * in real Likert data rather than idealised normal means.
 */
import { normalCdf } from '../../../src/scoring/distributions.js';
import { likertDraw, type Rng } from '../../../src/scoring/random.js';
import { estimatePrior, type ShrinkagePrior } from '../../../src/scoring/shrinkage.js';
import { describe as describeValues } from '../../../src/scoring/statistics.js';
import {
  assessTrend,
  type CycleObservation,
  type TrendOptions,
  type TrendState,
} from '../../../src/scoring/trend.js';

export const K_MIN = 5;

export interface SimulatedTeam {
  /** Latent mean for each cycle (index 0 = cycle 1). */
  readonly latentMeans: readonly number[];
  readonly invited: number;
  readonly responseRate: number;
}

export interface SimulationSettings {
  readonly latentSd: number;
  readonly cycles: number;
}

/** Expected observed 1–5 mean of a latent N(mean, sd) rounded and clipped to the scale. */
export function expectedLikertMean(mean: number, sd: number): number {
  let expected = 0;
  for (let value = 1; value <= 5; value += 1) {
    const upper = value === 5 ? 1 : normalCdf((value + 0.5 - mean) / sd);
    const lower = value === 1 ? 0 : normalCdf((value - 0.5 - mean) / sd);
    expected += value * (upper - lower);
  }
  return expected;
}

/** The latent shift that moves the expected observed mean down by exactly `drop` points. */
export function latentDropFor(observedDrop: number, fromLatent: number, sd: number): number {
  const target = expectedLikertMean(fromLatent, sd) - observedDrop;
  let lo = 0;
  let hi = 4;
  for (let i = 0; i < 80; i += 1) {
    const mid = (lo + hi) / 2;
    if (expectedLikertMean(fromLatent - mid, sd) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** One organisation run: per team, per cycle, a released observation or a suppressed one. */
export function simulateOrganisation(
  rng: Rng,
  teams: readonly SimulatedTeam[],
  settings: SimulationSettings,
): CycleObservation[][] {
  const histories: CycleObservation[][] = teams.map(() => []);
  for (let cycle = 1; cycle <= settings.cycles; cycle += 1) {
    const observed: ({ n: number; mean: number; sd: number } | null)[] = teams.map((team) => {
      const latent = team.latentMeans[cycle - 1]!;
      const values: number[] = [];
      for (let person = 0; person < team.invited; person += 1) {
        if (rng() < team.responseRate) values.push(likertDraw(rng, latent, settings.latentSd));
      }
      if (values.length < K_MIN) return null;
      const stats = describeValues(values)!;
      return { n: stats.n, mean: stats.mean, sd: stats.sd };
    });
    const released = observed.filter((entry) => entry !== null);
    const prior: ShrinkagePrior | null = estimatePrior(
      released.map((entry) => ({ mean: entry.mean, se: entry.sd / Math.sqrt(entry.n), n: entry.n })),
    );
    observed.forEach((entry, index) => {
      histories[index]!.push(entry ? { cycle, released: true, ...entry, prior } : { cycle, released: false });
    });
  }
  return histories;
}

export function isAlarm(state: TrendState | null): boolean {
  return state === 'acute' || state === 'chronic';
}

export interface NullFigures {
  readonly releasedTeamCycles: number;
  /** Released team-cycles whose state was acute or chronic. */
  readonly alarmTeamCycles: number;
  /** Transitions into acute or chronic from a non-alarm state. */
  readonly alarmOnsets: number;
  readonly alarmsPer50: number;
  readonly onsetsPer50: number;
}

/** 50 teams × `cycles` cycles with no true change, repeated `runs` times. */
export function nullFigures(
  seedRng: Rng,
  runs: number,
  options: Partial<TrendOptions> = {},
  settings: SimulationSettings = { latentSd: 1, cycles: 20 },
): NullFigures {
  let releasedTeamCycles = 0;
  let alarmTeamCycles = 0;
  let alarmOnsets = 0;
  for (let run = 0; run < runs; run += 1) {
    const teams = Array.from({ length: 50 }, (): SimulatedTeam => {
      const level = 3.4 + 0.9 * seedRng();
      return {
        latentMeans: Array.from({ length: settings.cycles }, () => level),
        invited: 6 + Math.floor(seedRng() * 10),
        responseRate: 0.7 + 0.25 * seedRng(),
      };
    });
    for (const history of simulateOrganisation(seedRng, teams, settings)) {
      const result = assessTrend(history, options);
      let previous: TrendState | null = null;
      for (const cycle of result.cycles) {
        if (!cycle.released) continue;
        releasedTeamCycles += 1;
        if (isAlarm(cycle.state)) alarmTeamCycles += 1;
        if (isAlarm(cycle.state) && !isAlarm(previous)) alarmOnsets += 1;
        previous = cycle.state;
      }
    }
  }
  return {
    releasedTeamCycles,
    alarmTeamCycles,
    alarmOnsets,
    alarmsPer50: (50 * alarmTeamCycles) / releasedTeamCycles,
    onsetsPer50: (50 * alarmOnsets) / releasedTeamCycles,
  };
}

export interface DetectionFigures {
  readonly runs: number;
  readonly observedDrop: number;
  /** Share of runs flagged (acute or chronic) in the first cycle after the drop. */
  readonly firstCycle: number;
  /** …by the second released cycle after the drop. */
  readonly withinTwo: number;
  readonly withinThree: number;
}

/**
 * A team of 8 (all answer every cycle) at a healthy level whose expected observed mean
 * drops by exactly 1 point at cycle `dropCycle` and stays there, inside an otherwise
 * null organisation of 49 teams.
 */
export function detectionFigures(
  seedRng: Rng,
  runs: number,
  options: Partial<TrendOptions> = {},
  settings: SimulationSettings = { latentSd: 1, cycles: 20 },
  from = 4.2,
  dropCycle = 11,
): DetectionFigures {
  const shift = latentDropFor(1, from, settings.latentSd);
  let first = 0;
  let two = 0;
  let three = 0;
  for (let run = 0; run < runs; run += 1) {
    const teams: SimulatedTeam[] = [
      {
        latentMeans: Array.from({ length: settings.cycles }, (_, i) =>
          i + 1 >= dropCycle ? from - shift : from,
        ),
        invited: 8,
        responseRate: 1,
      },
      ...Array.from({ length: 49 }, (): SimulatedTeam => {
        const level = 3.4 + 0.9 * seedRng();
        return {
          latentMeans: Array.from({ length: settings.cycles }, () => level),
          invited: 6 + Math.floor(seedRng() * 10),
          responseRate: 0.7 + 0.25 * seedRng(),
        };
      }),
    ];
    const history = simulateOrganisation(seedRng, teams, settings)[0]!;
    const states = assessTrend(history, options).cycles.map((cycle) => cycle.state);
    const flaggedBy = (last: number) =>
      states.slice(dropCycle - 1, dropCycle - 1 + last).some((state) => isAlarm(state));
    if (flaggedBy(1)) first += 1;
    if (flaggedBy(2)) two += 1;
    if (flaggedBy(3)) three += 1;
  }
  return {
    runs,
    observedDrop: 1,
    firstCycle: first / runs,
    withinTwo: two / runs,
    withinThree: three / runs,
  };
}
