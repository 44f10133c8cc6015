import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GOOD_THINGS } from '../../src/scoring/dimensions.js';
import { getItemBank, ITEM_BANK_VERSION } from '../../src/scoring/item-bank.js';
import { composePulse, MAX_PULSE_ITEMS, rotatingDimensionFor } from '../../src/scoring/pulse.js';

const ids = (cycle: number) => composePulse(ITEM_BANK_VERSION, cycle).map((item) => item.id);

describe('composePulse', () => {
  it.each([
    [0, 1, 'powerOver.1'],
    [1, 2, 'authenticity.1'],
    [2, 1, 'powerOver.2'],
    [3, 2, 'mutuality.1'],
    [4, 1, 'powerOver.3'],
    [5, 2, 'authenticity.2'],
    [6, 1, 'powerOver.4'],
    [7, 2, 'mutuality.2'],
    [8, 1, 'powerOver.1'],
    [9, 2, 'authenticity.1'],
  ])('cycle %i asks the good things’ item .%i and then %s', (cycle, variant, rotating) => {
    expect(ids(cycle)).toEqual([...GOOD_THINGS.map((dimension) => `${dimension}.${variant}`), rotating]);
  });

  it('asks one item per good thing plus one rotating item, never more than seven', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (cycle) => {
        const pulse = composePulse(ITEM_BANK_VERSION, cycle);
        expect(pulse.length).toBeLessThanOrEqual(MAX_PULSE_ITEMS);
        expect(pulse.slice(0, 5).map((item) => item.dimension)).toEqual([...GOOD_THINGS]);
        expect(pulse[5]!.dimension).toBe(rotatingDimensionFor(cycle));
        expect(new Set(pulse.map((item) => item.id)).size).toBe(pulse.length);
      }),
    );
  });

  it('is the same for everyone: a pure function of version and cycle', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (cycle) => {
        expect(ids(cycle)).toEqual(ids(cycle));
      }),
    );
  });

  it('covers every item of the bank within eight consecutive cycles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (start) => {
        const asked = new Set(Array.from({ length: 8 }, (_, i) => ids(start + i)).flat());
        expect(asked).toEqual(new Set(getItemBank(ITEM_BANK_VERSION).items.map((item) => item.id)));
      }),
    );
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses cycle number %f', (cycle) => {
    expect(() => composePulse(ITEM_BANK_VERSION, cycle)).toThrow(RangeError);
  });

  it('refuses an unknown bank version', () => {
    expect(() => composePulse(42, 0)).toThrow(RangeError);
  });
});
