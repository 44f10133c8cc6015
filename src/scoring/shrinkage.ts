/**
 * Empirical-Bayes shrinkage of team means toward the organisation's mean (Efron &
 * Morris; Morris & Lysy 2012). Small teams' means are noisy; classifying on the raw
 * mean would make the smallest teams raise most alarms. Shrinkage is only for
 * classification: summaries always show the raw mean with its interval.
 */

export interface TeamMean {
  readonly mean: number;
  /** Standard error of the team mean (sd / √n). */
  readonly se: number;
  /** Respondents, used to weight the organisation's mean; 1 if omitted. */
  readonly n?: number;
}

export interface ShrinkagePrior {
  /** Organisation mean the teams are pulled toward. */
  readonly mean: number;
  /** Between-team variance of true team means (method of moments, floored at 0). */
  readonly tau2: number;
  /** Teams the prior was estimated from. */
  readonly teams: number;
}

export interface ShrunkEstimate {
  readonly estimate: number;
  /** Weight on the team's own mean: τ² / (τ² + se²). 1 means no shrinkage. */
  readonly weight: number;
  /** Posterior variance of the team's true mean: weight · se². */
  readonly variance: number;
}

/** Fewer teams than this give a between-team variance too noisy to shrink with. */
export const MIN_TEAMS_FOR_SHRINKAGE = 3;

/**
 * Method-of-moments prior for one measure in one cycle: τ̂² = max(0, s²(ȳ) − mean(se²)),
 * where s²(ȳ) is the sample variance of the team means. The org mean defaults to the
 * respondent-weighted mean of team means (the pooled mean of everyone who answered).
 */
export function estimatePrior(teams: readonly TeamMean[], orgMean?: number): ShrinkagePrior | null {
  const k = teams.length;
  if (k < MIN_TEAMS_FOR_SHRINKAGE) return null;
  let weightSum = 0;
  let weighted = 0;
  let plain = 0;
  let seSquares = 0;
  for (const team of teams) {
    const weight = team.n ?? 1;
    if (!(weight > 0) || !(team.se >= 0) || !Number.isFinite(team.mean)) {
      throw new RangeError('Each team needs a finite mean, se ≥ 0 and n > 0');
    }
    weightSum += weight;
    weighted += weight * team.mean;
    plain += team.mean;
    seSquares += team.se ** 2;
  }
  const meanOfMeans = plain / k;
  let spread = 0;
  for (const team of teams) spread += (team.mean - meanOfMeans) ** 2;
  const tau2 = Math.max(0, spread / (k - 1) - seSquares / k);
  return { mean: orgMean ?? weighted / weightSum, tau2, teams: k };
}

/** Posterior mean and variance of one team's true mean under a normal prior. */
export function shrink(team: Pick<TeamMean, 'mean' | 'se'>, prior: ShrinkagePrior | null): ShrunkEstimate {
  const se2 = team.se ** 2;
  if (!prior || se2 === 0) return { estimate: team.mean, weight: 1, variance: se2 };
  const weight = prior.tau2 / (prior.tau2 + se2);
  return {
    estimate: weight * team.mean + (1 - weight) * prior.mean,
    weight,
    variance: weight * se2,
  };
}
