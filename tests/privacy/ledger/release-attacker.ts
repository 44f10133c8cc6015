import type { PrismaClient } from '../../../src/db/client.js';
import { getItem, ITEM_BANK_VERSION } from '../../../src/scoring/index.js';
import { applyCombination, combinationFor, findIsolatedSet } from '../../scoring/anonymity/attacker.js';
import type { OpenedWorldCycle } from './world.js';

/**
 * The reader of the ledger attacks. They know every group's invited members (the org
 * chart) and, in the worst case, who answered; they see each released summary as it is
 * posted: the respondent band and every measure's mean to one decimal. Under ten
 * respondents that decimal pins the sum of the answers (its rounding error is below
 * 0.5 in total), so the reader works with exact sums.
 *
 * Releases of different teams whose answer windows lie close together are subtracted
 * as if everyone answered the same way in both (the worst case for a person in two
 * teams, and what happened in the reported bypasses).
 */

export interface Observation {
  cycleId: string;
  respondents: string[];
  /** measure → sum of the respondents' answers, recovered from the posted mean */
  sums: Map<string, number>;
}

export interface Disclosure {
  /** fewer than k people whose total the reader derived */
  people: string[];
  /** measure → the derived total of those people's answers */
  derived: Map<string, number>;
  /** measure → their true total, for the test to compare */
  truth: Map<string, number>;
}

/** What the reader sees of these cycles: one observation per released summary. */
export async function observeReleases(
  prisma: PrismaClient,
  cycles: readonly OpenedWorldCycle[],
): Promise<Observation[]> {
  const summaries = await prisma.teamSummary.findMany({
    where: { cycleId: { in: cycles.map((c) => c.id) }, status: 'released' },
    select: { cycleId: true, stats: true },
  });
  return summaries.map((summary) => {
    const cycle = cycles.find((c) => c.id === summary.cycleId)!;
    const respondents = [...cycle.answers.keys()];
    const stats = summary.stats as { dimensions: Record<string, { mean: number; n: number }> };
    const sums = new Map<string, number>();
    for (const [measure, stat] of Object.entries(stats.dimensions)) {
      const posted = Math.round(stat.mean * 10) / 10;
      const candidates = integersNear(posted, stat.n);
      if (candidates.length === 1) sums.set(measure, candidates[0]!);
    }
    return { cycleId: cycle.id, respondents, sums };
  });
}

/** Sums s of n answers whose mean shows as `posted` at one decimal. */
function integersNear(posted: number, n: number): number[] {
  const out: number[] = [];
  for (let s = n; s <= 5 * n; s += 1) if (Math.abs(s / n - posted) <= 0.05 + 1e-9) out.push(s);
  return out;
}

/**
 * Runs the exact linear-algebra attacker over the observations: any set of 1..k−1 people
 * whose indicator is a rational combination of the released respondent sets, and the
 * total of their answers per measure that the same combination of released sums gives.
 */
export function attackReleases(
  observations: readonly Observation[],
  cycles: readonly OpenedWorldCycle[],
  k: number,
): Disclosure | null {
  const people = [...new Set(observations.flatMap((o) => o.respondents))].sort();
  const vectors = observations.map((o) => people.map((p) => (o.respondents.includes(p) ? 1 : 0)));
  const isolated = findIsolatedSet(vectors, k);
  if (!isolated) return null;
  const target = people.map((_, i) => (isolated.includes(i) ? 1 : 0));
  const lambda = combinationFor(vectors, target);
  if (!lambda) throw new Error('the attacker found a set it cannot express; the solver is wrong');
  const chosen = isolated.map((i) => people[i]!);
  const measures = [...new Set(observations.flatMap((o) => [...o.sums.keys()]))].filter((m) =>
    observations.every((o) => o.sums.has(m)),
  );
  const derived = new Map<string, number>();
  const truth = new Map<string, number>();
  for (const measure of measures) {
    derived.set(
      measure,
      applyCombination(
        lambda,
        observations.map((o) => o.sums.get(measure)!),
      ),
    );
    truth.set(measure, trueTotal(cycles, chosen, measure));
  }
  return { people: chosen, derived, truth };
}

/** The chosen people's own answers on the item of `measure`, from any cycle they answered. */
function trueTotal(cycles: readonly OpenedWorldCycle[], chosen: readonly string[], measure: string): number {
  let total = 0;
  for (const person of chosen) {
    const cycle = cycles.find((c) => c.answers.has(person))!;
    const position = cycle.itemIds.findIndex((id) => getItem(ITEM_BANK_VERSION, id).dimension === measure);
    total += cycle.answers.get(person)![position]!;
  }
  return total;
}
