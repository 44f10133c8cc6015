/**
 * Teams answering pulse after pulse while people join, leave and skip check-ins, and a
 * reader who compares two releases of the same team assuming that everyone who
 * answered both times moved by at most one point per measure. Used to measure how often
 * that reader pins down a single person's answer, and what the membership-change rule
 * costs in suppressed cycles (bench/membership-change.ts prints the figures;
 * tests/privacy/membership-change.test.ts keeps them honest).
 *
 * The reader here is written independently of the guard: it enumerates the continuing
 * respondents' possible totals with dynamic programming instead of the guard's closed
 * form, and it knows who answered (the guard does not).
 */
import { type LedgerEntry, planRelease, type ReleaseTiming } from '../../../src/scoring/anonymity/index.js';
import { likertDraw, normalDraw, type Rng } from '../../../src/scoring/random.js';

const DAY = 86_400_000;

export const MEASURES = ['zest', 'action', 'clarity', 'worth', 'connection'] as const;
export const K = 5;
export const MIN_INVITED = 6;

export interface SimulatedCycle {
  readonly invited: readonly string[];
  /** respondent → measure → answer */
  readonly answers: ReadonlyMap<string, Readonly<Record<string, number>>>;
}

export interface TeamModel {
  /** members at the first cycle */
  readonly size: readonly [min: number, max: number];
  readonly cycles: number;
  /** sd of a person's stable level around the team's, per measure */
  readonly personSd: number;
  /** sd of the answer around the person's level, per cycle (test–retest noise) */
  readonly answerSd: number;
  /** sd of a team-wide shift per cycle and measure (a good or bad fortnight for everyone) */
  readonly teamShiftSd: number;
  /** a lasting fall of the whole team's level, in points, from the given cycle (0-based) on */
  readonly fall?: { readonly fromCycle: number; readonly points: number };
  /** each person answers a cycle with a probability drawn uniformly from this range */
  readonly responseRate: readonly [min: number, max: number];
  /** per transition: probability of one joiner, of one leaver, of one of each */
  readonly change: { readonly join: number; readonly leave: number; readonly swap: number };
}

export const DEFAULT_MODEL: TeamModel = {
  size: [6, 12],
  cycles: 26,
  personSd: 0.6,
  answerSd: 0.45,
  teamShiftSd: 0.25,
  responseRate: [0.6, 1],
  change: { join: 0.1, leave: 0.1, swap: 0.05 },
};

interface Person {
  id: string;
  level: Record<string, number>;
  rate: number;
}

/** One team's history under the model. */
export function simulateTeam(rng: Rng, model: TeamModel, teamIndex: number): SimulatedCycle[] {
  const teamLevel = Object.fromEntries(MEASURES.map((m) => [m, 3.8 + 0.4 * normalDraw(rng)]));
  let nextId = 0;
  const newPerson = (): Person => ({
    id: `t${teamIndex}-p${nextId++}`,
    level: Object.fromEntries(
      MEASURES.map((m) => [m, (teamLevel[m] as number) + model.personSd * normalDraw(rng)]),
    ),
    rate: model.responseRate[0] + (model.responseRate[1] - model.responseRate[0]) * rng(),
  });
  const [minSize, maxSize] = model.size;
  let members: Person[] = Array.from(
    { length: minSize + Math.floor(rng() * (maxSize - minSize + 1)) },
    newPerson,
  );
  const cycles: SimulatedCycle[] = [];
  for (let c = 0; c < model.cycles; c += 1) {
    if (c > 0) {
      const u = rng();
      const { join, leave, swap } = model.change;
      const swaps = u >= leave + join && u < leave + join + swap;
      const leaves = (u < leave || swaps) && members.length > MIN_INVITED;
      const joins = (u >= leave && u < leave + join) || swaps;
      if (leaves) {
        const gone = Math.floor(rng() * members.length);
        members = members.filter((_, i) => i !== gone);
      }
      if (joins) members = [...members, newPerson()];
    }
    const fall = model.fall && c >= model.fall.fromCycle ? model.fall.points : 0;
    const shift = Object.fromEntries(MEASURES.map((m) => [m, model.teamShiftSd * normalDraw(rng) - fall]));
    const answers = new Map<string, Record<string, number>>();
    for (const person of members) {
      if (rng() >= person.rate) continue;
      answers.set(
        person.id,
        Object.fromEntries(
          MEASURES.map((m) => [
            m,
            likertDraw(rng, (person.level[m] as number) + (shift[m] as number), model.answerSd),
          ]),
        ),
      );
    }
    cycles.push({ invited: members.map((p) => p.id), answers });
  }
  return cycles;
}

export function sumsOf(cycle: SimulatedCycle): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const m of MEASURES) {
    let total = 0;
    for (const values of cycle.answers.values()) total += values[m] as number;
    sums[m] = total;
  }
  return sums;
}

/** A release the primary rules allow: at least k respondents and six invited. */
export function releasable(cycle: SimulatedCycle): boolean {
  return cycle.answers.size >= K && cycle.invited.length >= MIN_INVITED;
}

export interface Pin {
  person: string;
  measure: string;
  value: number;
  truth: number;
  /** the person was invited to only one of the two releases (joiner or leaver) */
  changer: boolean;
  /** what a reader of the person's own release alone would guess: its mean, rounded */
  guessFromOneRelease: number;
}

/**
 * Every answer the drift reader pins to one value by comparing two releases, beyond what
 * either release alone pins (all answers equal at an end of the scale).
 */
export function attackPair(earlier: SimulatedCycle, later: SimulatedCycle, drift = 1): Pin[] {
  const r1 = new Set(earlier.answers.keys());
  const r2 = new Set(later.answers.keys());
  const both = [...r1].filter((id) => r2.has(id));
  const only1 = [...r1].filter((id) => !r2.has(id));
  const only2 = [...r2].filter((id) => !r1.has(id));
  const invited1 = new Set(earlier.invited);
  const invited2 = new Set(later.invited);
  const s1 = sumsOf(earlier);
  const s2 = sumsOf(later);
  const reach = continuingTotals(both.length, drift);
  const pins: Pin[] = [];
  for (const m of MEASURES) {
    const sum1 = s1[m] as number;
    const sum2 = s2[m] as number;
    const sides = [
      {
        targets: only2,
        cycle: later,
        targetSum: sum2,
        otherSum: sum1,
        otherOnly: only1.length,
        targetIsLater: true,
      },
      {
        targets: only1,
        cycle: earlier,
        targetSum: sum1,
        otherSum: sum2,
        otherOnly: only2.length,
        targetIsLater: false,
      },
    ];
    for (const side of sides) {
      if (side.targets.length === 0) continue;
      if (side.targetSum === side.cycle.answers.size || side.targetSum === 5 * side.cycle.answers.size)
        continue;
      const rest = side.targets.length - 1;
      const feasible: number[] = [];
      for (let value = 1; value <= 5; value += 1) {
        // The continuing respondents' total on the other side, and on the target side.
        const other: [number, number] = [side.otherSum - 5 * side.otherOnly, side.otherSum - side.otherOnly];
        const mine: [number, number] = [side.targetSum - value - 5 * rest, side.targetSum - value - rest];
        const found = side.targetIsLater ? reach.any(other, mine) : reach.any(mine, other);
        if (found) feasible.push(value);
      }
      if (feasible.length !== 1) continue;
      for (const person of side.targets) {
        pins.push({
          person,
          measure: m,
          value: feasible[0] as number,
          truth: side.cycle.answers.get(person)?.[m] as number,
          changer: !(invited1.has(person) && invited2.has(person)),
          guessFromOneRelease: Math.round(side.targetSum / side.cycle.answers.size),
        });
      }
    }
  }
  return pins;
}

interface Reach {
  /** whether some reachable (earlier total, later total) lies in the rectangle */
  any(earlier: [number, number], later: [number, number]): boolean;
}

const reachCache = new Map<string, Reach>();

/**
 * Every (earlier total, later total) pair `count` people can give when each moves by at
 * most `drift` points, by dynamic programming over the people, kept as a 2-D prefix
 * count so rectangle queries are constant time.
 */
function continuingTotals(count: number, drift: number): Reach {
  const cacheKey = `${count}/${drift}`;
  const cached = reachCache.get(cacheKey);
  if (cached) return cached;
  const size = 5 * count + 1;
  let grid = new Uint8Array(size * size);
  grid[0] = 1;
  for (let i = 0; i < count; i += 1) {
    const next = new Uint8Array(size * size);
    for (let a = 0; a < size; a += 1) {
      for (let b = 0; b < size; b += 1) {
        if (!grid[a * size + b]) continue;
        for (let x = 1; x <= 5; x += 1) {
          for (let y = Math.max(1, x - drift); y <= Math.min(5, x + drift); y += 1) {
            if (a + x < size && b + y < size) next[(a + x) * size + (b + y)] = 1;
          }
        }
      }
    }
    grid = next;
  }
  const prefix = new Int32Array((size + 1) * (size + 1));
  for (let a = 0; a < size; a += 1) {
    for (let b = 0; b < size; b += 1) {
      prefix[(a + 1) * (size + 1) + (b + 1)] =
        (grid[a * size + b] as number) +
        (prefix[a * (size + 1) + (b + 1)] as number) +
        (prefix[(a + 1) * (size + 1) + b] as number) -
        (prefix[a * (size + 1) + b] as number);
    }
  }
  const at = (a: number, b: number) => prefix[a * (size + 1) + b] as number;
  const reach: Reach = {
    any([aLow, aHigh], [bLow, bHigh]) {
      const a0 = Math.max(0, aLow);
      const a1 = Math.min(size - 1, aHigh);
      const b0 = Math.max(0, bLow);
      const b1 = Math.min(size - 1, bHigh);
      if (a0 > a1 || b0 > b1) return false;
      return at(a1 + 1, b1 + 1) - at(a0, b1 + 1) - at(a1 + 1, b0) + at(a0, b0) > 0;
    },
  };
  reachCache.set(cacheKey, reach);
  return reach;
}

/** A released cycle and its position in the team's history (cycles apart = difference). */
export interface ReleasedCycle {
  readonly cycle: SimulatedCycle;
  readonly index: number;
}

/** Decides, given the team's earlier releases (oldest first), whether to suppress a cycle. */
export type MembershipGuard = (earlier: readonly ReleasedCycle[], current: ReleasedCycle) => boolean;

/** Beyond this many cycles apart, one point per cycle covers the whole scale: nothing to pin. */
export const MAX_CYCLES_APART = 3;

export interface MembershipFigures {
  teams: number;
  /** cycles the primary rules (k respondents, six invited) would release */
  releasable: number;
  /** of those, suppressed by the guard */
  suppressed: number;
  /** releasable cycles at the model's fall (its first cycle), and how many the guard suppressed */
  fallCycles: number;
  fallSuppressed: number;
  /** released cycles compared with the team's previous release */
  consecutivePairs: number;
  /** … of which the invited sets differed */
  changedPairs: number;
  /** consecutive pairs in which the reader pinned at least one answer */
  pairsWithPin: number;
  /** … of which the invited sets differed */
  changedPairsWithPin: number;
  /** pinned answers in consecutive pairs: right, and wrong (someone moved by more than one point) */
  pinsRight: number;
  pinsWrong: number;
  /** pinned answers of joiners and leavers (the rest are people who skipped one check-in) */
  changerPins: number;
  /** … of which right */
  changerPinsRight: number;
  /** (person, measure) answers of joiners and leavers who answered their one side */
  changerTargets: number;
  /** pinned answers that the rounded mean of the person's own release already guessed right */
  baselineRight: number;
  /** (person, measure) answers that could have been pinned: counted only on one side of a pair */
  targets: number;
  /**
   * released cycles in which comparing with an earlier release of the team pinned an
   * answer, the reader allowing one point of movement per cycle between the two
   */
  cyclesPinnedByAnyEarlier: number;
  /** … in which the pinned answer was a joiner's or leaver's */
  cyclesWithChangerPinByAnyEarlier: number;
}

/**
 * Runs `teams` simulated teams through the release decisions with `guard` (none: every
 * releasable cycle is released) and attacks every released cycle against the team's
 * previous release and against each of its earlier releases.
 */
export function measureMembershipChange(
  rng: Rng,
  teams: number,
  model: TeamModel = DEFAULT_MODEL,
  guard?: MembershipGuard,
): MembershipFigures {
  const figures: MembershipFigures = {
    teams,
    releasable: 0,
    suppressed: 0,
    fallCycles: 0,
    fallSuppressed: 0,
    consecutivePairs: 0,
    changedPairs: 0,
    pairsWithPin: 0,
    changedPairsWithPin: 0,
    pinsRight: 0,
    pinsWrong: 0,
    changerPins: 0,
    changerPinsRight: 0,
    changerTargets: 0,
    baselineRight: 0,
    targets: 0,
    cyclesPinnedByAnyEarlier: 0,
    cyclesWithChangerPinByAnyEarlier: 0,
  };
  for (let t = 0; t < teams; t += 1) {
    const released: ReleasedCycle[] = [];
    simulateTeam(rng, model, t).forEach((cycle, index) => {
      if (!releasable(cycle)) return;
      figures.releasable += 1;
      const atFall = model.fall?.fromCycle === index;
      if (atFall) figures.fallCycles += 1;
      const current = { cycle, index };
      if (guard?.(released, current)) {
        figures.suppressed += 1;
        if (atFall) figures.fallSuppressed += 1;
        return;
      }
      const previous = released.at(-1);
      if (previous) {
        figures.consecutivePairs += 1;
        const changed = !sameMembers(previous.cycle.invited, cycle.invited);
        if (changed) figures.changedPairs += 1;
        const pins = attackPair(previous.cycle, cycle, index - previous.index);
        const r1 = new Set(previous.cycle.answers.keys());
        const r2 = new Set(cycle.answers.keys());
        const oneSided = [...[...r1].filter((id) => !r2.has(id)), ...[...r2].filter((id) => !r1.has(id))];
        figures.targets += MEASURES.length * oneSided.length;
        const invitedBoth = new Set(previous.cycle.invited.filter((id) => cycle.invited.includes(id)));
        figures.changerTargets += MEASURES.length * oneSided.filter((id) => !invitedBoth.has(id)).length;
        if (pins.length > 0) {
          figures.pairsWithPin += 1;
          if (changed) figures.changedPairsWithPin += 1;
        }
        for (const pin of pins) {
          if (pin.value === pin.truth) figures.pinsRight += 1;
          else figures.pinsWrong += 1;
          if (pin.changer) figures.changerPins += 1;
          if (pin.changer && pin.value === pin.truth) figures.changerPinsRight += 1;
          if (pin.guessFromOneRelease === pin.truth) figures.baselineRight += 1;
        }
      }
      const earlierPins = released
        .filter((earlier) => index - earlier.index <= MAX_CYCLES_APART)
        .flatMap((earlier) => attackPair(earlier.cycle, cycle, index - earlier.index));
      if (earlierPins.length > 0) figures.cyclesPinnedByAnyEarlier += 1;
      if (earlierPins.some((pin) => pin.changer)) figures.cyclesWithChangerPinByAnyEarlier += 1;
      released.push(current);
    });
  }
  return figures;
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((id) => set.has(id));
}

/**
 * The service's own rule as the guard: planRelease with each released cycle in the
 * ledger (one week apart, with its sums), exactly as the aggregation records them.
 */
export function plannerGuard(): MembershipGuard {
  let teamLedger: LedgerEntry[] = [];
  let history: readonly ReleasedCycle[] | undefined;
  return (earlier, current) => {
    // Each team's history is a new array: a new team starts with an empty ledger.
    if (earlier !== history) {
      teamLedger = [];
      history = earlier;
    }
    const timing: ReleaseTiming = {
      window: { start: current.index * 7 * DAY, end: current.index * 7 * DAY + 3 * DAY },
      periodMs: 7 * DAY,
    };
    const plan = planRelease(
      {
        releaseKey: `c${current.index}`,
        timing,
        groups: [
          {
            key: 'team',
            kind: 'team',
            parentKey: null,
            memberIds: current.cycle.invited,
            respondentCount: current.cycle.answers.size,
            sums: sumsOf(current.cycle),
          },
        ],
      },
      teamLedger,
      5,
      { statistics: [...MEASURES] },
    );
    if (plan.released.length === 0) {
      const reason = plan.suppressed[0]?.reason;
      if (reason !== 'membership_change') throw new Error(`unexpected suppression: ${reason}`);
      return true;
    }
    teamLedger.push(...plan.newLedgerEntries);
    return false;
  };
}
