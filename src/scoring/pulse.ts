import { GOOD_THINGS, type RotatingDimension } from './dimensions.js';
import { getItemBank, type Item } from './item-bank.js';

/** A pulse never asks more than this, so a check-in stays under a minute. */
export const MAX_PULSE_ITEMS = 7;

/**
 * Which rotating dimension a cycle asks, repeating every four cycles. Power-over is
 * asked every other cycle because it is the index a chronic low is read against;
 * authenticity and mutuality alternate in the remaining slots.
 */
export const ROTATION: readonly RotatingDimension[] = ['powerOver', 'authenticity', 'powerOver', 'mutuality'];

function checkCycleNumber(cycleNumber: number): void {
  if (!Number.isSafeInteger(cycleNumber) || cycleNumber < 0) {
    throw new RangeError(`Cycle number must be a non-negative integer, got ${cycleNumber}`);
  }
}

function pick(items: readonly Item[], occurrence: number, label: string): Item {
  if (items.length === 0) throw new RangeError(`The item bank has no ${label} item`);
  return items[occurrence % items.length]!;
}

/** The rotating dimension of a cycle (exposed so trends know which cycles asked what). */
export function rotatingDimensionFor(cycleNumber: number): RotatingDimension {
  checkCycleNumber(cycleNumber);
  return ROTATION[cycleNumber % ROTATION.length]!;
}

/**
 * The items of one cycle: for each good thing, its items alternate by cycle; then one
 * rotating item. A function of (bank version, cycle) only, so everyone in a cycle sees
 * the same items (per-person rotation would cut per-item n below k) and any process
 * can recompute the pulse without storing it.
 */
export function composePulse(bankVersion: number, cycleNumber: number): Item[] {
  checkCycleNumber(cycleNumber);
  const bank = getItemBank(bankVersion);
  const pulse = GOOD_THINGS.map((dimension) =>
    pick(
      bank.items.filter((item) => item.dimension === dimension),
      cycleNumber,
      dimension,
    ),
  );
  const rotating = rotatingDimensionFor(cycleNumber);
  // How many earlier cycles asked this rotating dimension, so its items take turns.
  const slotsPerPeriod = ROTATION.filter((dimension) => dimension === rotating).length;
  const period = Math.floor(cycleNumber / ROTATION.length);
  const slotInPeriod = ROTATION.slice(0, cycleNumber % ROTATION.length).filter(
    (dimension) => dimension === rotating,
  ).length;
  const occurrence = period * slotsPerPeriod + slotInPeriod;
  pulse.push(
    pick(
      bank.items.filter((item) => item.dimension === rotating),
      occurrence,
      rotating,
    ),
  );
  return pulse;
}
