/**
 * How often a reader who compares two releases of the same team pins down one person's
 * answer, assuming everyone who answered both times moved by at most one point, and what
 * the membership-change rule costs in suppressed cycles. Run with
 * `npx tsx bench/membership-change.ts [teams] [seed]`; docs/privacy.md records the figures.
 */

import { type PinTargets, pinnedByComparison } from '../src/scoring/anonymity/membership-change.js';
import { mulberry32 } from '../src/scoring/random.js';
import {
  DEFAULT_MODEL,
  type MembershipFigures,
  type MembershipGuard,
  measureMembershipChange,
  plannerGuard,
  type ReleasedCycle,
  sumsOf,
  type TeamModel,
} from '../tests/privacy/support/membership-simulation.js';

const teams = Number(process.argv[2] ?? 400);
const seed = Number(process.argv[3] ?? 20261201);

const comparable = ({ cycle }: ReleasedCycle) => ({
  memberIds: cycle.invited,
  respondentCount: cycle.answers.size,
  sums: sumsOf(cycle),
});

const pinned = (earlier: ReleasedCycle, current: ReleasedCycle, targets: PinTargets = 'anyone') =>
  pinnedByComparison(comparable(earlier), comparable(current), current.index - earlier.index, targets) !==
  null;

const guards: [string, MembershipGuard | undefined][] = [
  ['no guard', undefined],
  [
    'suppress when the invited set changed since the last release',
    (earlier, current) => {
      const last = earlier.at(-1)?.cycle;
      if (!last) return false;
      const before = new Set(last.invited);
      const now = current.cycle.invited;
      return last.invited.length !== now.length || now.some((id) => !before.has(id));
    },
  ],
  [
    'suppress when a pin is possible against the last release',
    (earlier, current) => {
      const last = earlier.at(-1);
      return last !== undefined && pinned(last, current);
    },
  ],
  [
    'suppress when anyone’s answer could be pinned against any earlier release (one point per cycle apart)',
    (earlier, current) => earlier.some((e) => pinned(e, current)),
  ],
  [
    'suppress when a joiner’s or leaver’s answer could be pinned against any earlier release',
    (earlier, current) => earlier.some((e) => pinned(e, current, 'joiners_and_leavers')),
  ],
];
// The service's rule itself (planRelease with the team's ledger), built fresh per run.
const serviceRule = 'the membership-change rule as the service applies it (planRelease)';

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(2)}%`;

function line(name: string, f: MembershipFigures): string {
  return [
    `${name}:`,
    `  suppressed ${f.suppressed} of ${f.releasable} releasable cycles (${percent(f.suppressed, f.releasable)})` +
      (f.fallCycles > 0 ? `; at the fall ${f.fallSuppressed} of ${f.fallCycles}` : ''),
    `  consecutive releases compared ${f.consecutivePairs} (${f.changedPairs} with a membership change)`,
    `  pairs with a pinned answer ${f.pairsWithPin} (${percent(f.pairsWithPin, f.consecutivePairs)}); with a membership change ${f.changedPairsWithPin} (${percent(f.changedPairsWithPin, f.changedPairs)})`,
    `  pinned answers ${f.pinsRight + f.pinsWrong} of ${f.targets} one-sided answers (${percent(f.pinsRight + f.pinsWrong, f.targets)}): right ${f.pinsRight}, wrong ${f.pinsWrong} (the release's own rounded mean: right ${f.baselineRight})`,
    `  joiners' and leavers' answers pinned ${f.changerPins} of ${f.changerTargets} (${percent(f.changerPins, f.changerTargets)}), right ${f.changerPinsRight}`,
    `  released cycles with a pin against any earlier release (one point per cycle apart) ${f.cyclesPinnedByAnyEarlier} (${percent(f.cyclesPinnedByAnyEarlier, f.releasable - f.suppressed)}); of a joiner or leaver ${f.cyclesWithChangerPinByAnyEarlier}`,
  ].join('\n');
}

const models: [string, TeamModel][] = [
  [`answer sd ${DEFAULT_MODEL.answerSd}`, DEFAULT_MODEL],
  ['answer sd 0.3', { ...DEFAULT_MODEL, answerSd: 0.3 }],
  ['a team-wide fall of one point at cycle 13', { ...DEFAULT_MODEL, fall: { fromCycle: 12, points: 1 } }],
];
for (const [label, model] of models) {
  console.log(`\n${teams} teams × ${model.cycles} cycles, ${label}, seed ${seed}`);
  for (const [name, guard] of [...guards, [serviceRule, plannerGuard()] as const]) {
    const started = performance.now();
    const figures = measureMembershipChange(mulberry32(seed), teams, model, guard);
    console.log(`${line(name, figures)}\n  (${Math.round(performance.now() - started)} ms)`);
  }
}
