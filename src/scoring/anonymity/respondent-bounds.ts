/**
 * How many respondents sit in each region of the membership Venn diagram.
 *
 * The guard knows respondent counts per group but not who responded (storage keeps no such
 * link), so the count inside, say, "channel A but not channel B" is not known directly. We
 * split the members into fine atoms (people who belong to exactly the same groups) and
 * bound each atom's respondent count from the group totals. For a plain hierarchy the
 * bounds are exact; for overlapping groups they are the safe interval, and the guard only
 * trusts the lower end.
 */

export interface CountedSet {
  /** Indices into the member universe, no duplicates. */
  readonly members: readonly number[];
  /**
   * How many of them answered: exact (min = max) for the groups of one release; a range
   * for a group released several times around it, each time with its own count.
   */
  readonly minRespondents: number;
  readonly maxRespondents: number;
}

export interface FineAtoms {
  /** Fine atom id of each member of the universe. */
  readonly atomOfMember: readonly number[];
  /** Members per atom (always at least one). */
  readonly size: readonly number[];
  /** Proven lower and upper bound on each atom's respondents. */
  readonly low: readonly number[];
  readonly high: readonly number[];
  /** Fine atom ids that make up each input set, ascending. */
  readonly atomsOfSet: readonly (readonly number[])[];
}

export class InconsistentCountsError extends Error {
  override readonly name = 'InconsistentCountsError';
}

export function buildFineAtoms(universeSize: number, sets: readonly CountedSet[]): FineAtoms {
  const signatures: number[][] = Array.from({ length: universeSize }, () => []);
  sets.forEach((set, setIndex) => {
    for (const member of set.members) signatures[member]?.push(setIndex);
  });

  const atomBySignature = new Map<string, number>();
  const atomOfMember: number[] = [];
  const size: number[] = [];
  for (const signature of signatures) {
    const id = signature.join(',');
    let atom = atomBySignature.get(id);
    if (atom === undefined) {
      atom = size.length;
      atomBySignature.set(id, atom);
      size.push(0);
    }
    atomOfMember.push(atom);
    size[atom] = (size[atom] ?? 0) + 1;
  }

  const atomsOfSet = sets.map((set) => {
    const atoms = new Set<number>();
    for (const member of set.members) atoms.add(atomOfMember[member] ?? -1);
    return [...atoms].sort((a, b) => a - b);
  });

  const low = size.map(() => 0);
  const high = [...size];
  tightenBounds(sets, atomsOfSet, low, high);
  return { atomOfMember, size, low, high, atomsOfSet };
}

/**
 * Interval propagation over the constraints "respondents of the set's atoms add up to a
 * number in the set's range". Every step only removes values no real assignment can
 * take, so the bounds stay sound; integers only shrink, so it terminates.
 */
function tightenBounds(
  sets: readonly CountedSet[],
  atomsOfSet: readonly (readonly number[])[],
  low: number[],
  high: number[],
): void {
  let changed = true;
  while (changed) {
    changed = false;
    sets.forEach((set, setIndex) => {
      const atoms = atomsOfSet[setIndex] ?? [];
      let lowSum = 0;
      let highSum = 0;
      for (const atom of atoms) {
        lowSum += low[atom] ?? 0;
        highSum += high[atom] ?? 0;
      }
      if (set.maxRespondents < lowSum || set.minRespondents > highSum) {
        throw new InconsistentCountsError(
          `respondent counts do not add up: a group reports ${describe(set)} respondents, ` +
            `but the groups around it allow only ${lowSum}..${highSum}`,
        );
      }
      for (const atom of atoms) {
        const atomLow = low[atom] ?? 0;
        const atomHigh = high[atom] ?? 0;
        const newLow = Math.max(atomLow, set.minRespondents - (highSum - atomHigh));
        const newHigh = Math.min(atomHigh, set.maxRespondents - (lowSum - atomLow));
        if (newLow > newHigh) {
          throw new InconsistentCountsError('respondent counts of overlapping groups contradict each other');
        }
        if (newLow !== atomLow || newHigh !== atomHigh) {
          low[atom] = newLow;
          high[atom] = newHigh;
          lowSum += newLow - atomLow;
          highSum += newHigh - atomHigh;
          changed = true;
        }
      }
    });
  }
}

function describe(set: CountedSet): string {
  return set.minRespondents === set.maxRespondents
    ? String(set.minRespondents)
    : `${set.minRespondents}..${set.maxRespondents}`;
}
