import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pinnedByComparison } from '../../src/scoring/anonymity/index.js';
import { mulberry32 } from '../../src/scoring/random.js';
import {
  attackPair,
  MEASURES,
  measureMembershipChange,
  plannerGuard,
  type SimulatedCycle,
  sumsOf,
} from './support/membership-simulation.js';

/**
 * The membership-change rule against a reader who compares two releases of nearly the
 * same people, assuming those who answered both times moved by at most one point per
 * cycle between them. The reader (support/membership-simulation.ts) knows who answered
 * and enumerates by dynamic programming; the guard knows only counts and uses a closed
 * form over every possible split. bench/membership-change.ts prints the full figures.
 */

const comparable = (cycle: SimulatedCycle) => ({
  memberIds: cycle.invited,
  respondentCount: cycle.answers.size,
  sums: sumsOf(cycle),
});

function cycleOf(invited: string[], answers: [string, number][]): SimulatedCycle {
  return {
    invited,
    answers: new Map(answers.map(([id, value]) => [id, Object.fromEntries(MEASURES.map((m) => [m, value]))])),
  };
}

describe('the drift reader and the guard', () => {
  it('pins a joiner when every stayer moved up by one point', () => {
    const stayers = ['s0', 's1', 's2', 's3', 's4', 's5'];
    const before = cycleOf(
      stayers,
      stayers.map((id) => [id, 3]),
    );
    const after = cycleOf(
      [...stayers, 'joiner'],
      [...stayers.map((id): [string, number] => [id, 4]), ['joiner', 5]],
    );
    expect(attackPair(before, after, 1).map((pin) => [pin.person, pin.value])).toContainEqual(['joiner', 5]);
    expect(pinnedByComparison(comparable(before), comparable(after), 1)).toMatchObject({
      side: 'later',
      value: 5,
    });
    // Two cycles apart, two points of movement explain the same sums without the joiner at 5.
    expect(attackPair(before, after, 2)).toEqual([]);
    expect(pinnedByComparison(comparable(before), comparable(after), 2)).toBeNull();
  });

  it('does not count what one release already says (everyone answered 5)', () => {
    const stayers = ['s0', 's1', 's2', 's3', 's4', 's5'];
    const before = cycleOf(
      stayers,
      stayers.map((id) => [id, 5]),
    );
    const after = cycleOf(
      [...stayers, 'joiner'],
      [...stayers.map((id): [string, number] => [id, 5]), ['joiner', 5]],
    );
    expect(attackPair(before, after, 1)).toEqual([]);
    expect(pinnedByComparison(comparable(before), comparable(after), 1)).toBeNull();
  });

  it('fires whenever the reader pins an answer, whoever answered (property)', () => {
    let pinned = 0;
    let changers = 0;
    const world = fc.record({
      stayers: fc.array(fc.record({ before: fc.integer({ min: 1, max: 5 }), answersBoth: fc.boolean() }), {
        minLength: 1,
        maxLength: 8,
      }),
      shift: fc.constantFrom(-1, 0, 1),
      jitter: fc.array(fc.constantFrom(-1, 0, 0, 1), { minLength: 8, maxLength: 8 }),
      uniform: fc.boolean(),
      leavers: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 2 }),
      joiners: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 2 }),
      apart: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(world, (w) => {
        const ids = w.stayers.map((_, i) => `s${i}`);
        const before: [string, number][] = [];
        const after: [string, number][] = [];
        w.stayers.forEach((s, i) => {
          const moved = w.uniform ? w.shift : (w.jitter[i] ?? 0);
          const later = Math.min(5, Math.max(1, s.before + moved));
          // Stayers who skip a check-in skip the later one, alternately the earlier.
          if (s.answersBoth || i % 2 === 0) before.push([ids[i] as string, s.before]);
          if (s.answersBoth || i % 2 === 1) after.push([ids[i] as string, later]);
        });
        for (const [i, value] of w.leavers.entries()) before.push([`l${i}`, value]);
        for (const [i, value] of w.joiners.entries()) after.push([`j${i}`, value]);
        const earlier = cycleOf([...ids, ...w.leavers.map((_, i) => `l${i}`)], before);
        const later = cycleOf([...ids, ...w.joiners.map((_, i) => `j${i}`)], after);
        const pins = attackPair(earlier, later, w.apart);
        if (pins.length > 0) {
          pinned += 1;
          expect(pinnedByComparison(comparable(earlier), comparable(later), w.apart)).not.toBeNull();
        }
        if (pins.some((pin) => pin.changer)) {
          changers += 1;
          expect(
            pinnedByComparison(comparable(earlier), comparable(later), w.apart, 'joiners_and_leavers'),
          ).not.toBeNull();
        }
      }),
      { numRuns: 3000, seed: 20261201 },
    );
    // The worlds are built so that the reader often succeeds; otherwise this proves nothing.
    expect(pinned).toBeGreaterThan(100);
    expect(changers).toBeGreaterThan(30);
  });
});

describe('the membership-change rule on simulated teams', () => {
  it('leaves the drift reader no joiner’s or leaver’s answer, at a small cost in suppressed cycles', () => {
    const before = measureMembershipChange(mulberry32(7), 150);
    const after = measureMembershipChange(mulberry32(7), 150, undefined, plannerGuard());
    // Teeth: without the rule the reader pins joiners' and leavers' answers.
    expect(before.changerPins).toBeGreaterThan(0);
    expect(before.cyclesWithChangerPinByAnyEarlier).toBeGreaterThan(0);
    expect(after.changerPins).toBe(0);
    expect(after.cyclesWithChangerPinByAnyEarlier).toBe(0);
    expect(after.suppressed).toBeGreaterThan(0);
    expect(after.suppressed / after.releasable).toBeLessThan(0.02);
  });
});
