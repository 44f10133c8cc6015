import { describe, expect, it } from 'vitest';
import { DIMENSIONS, GOOD_THINGS, POWER_OVER_PRACTICES } from '../../src/scoring/dimensions.js';
import {
  getItem,
  getItemBank,
  ITEM_BANK_VERSION,
  ITEM_BANK_VERSIONS,
  itemsOf,
} from '../../src/scoring/item-bank.js';
import { itemText } from '../../src/scoring/words.js';

const bank = getItemBank(ITEM_BANK_VERSION);

describe('item bank', () => {
  it('lists the five good things in RCT order', () => {
    expect(GOOD_THINGS).toEqual(['zest', 'action', 'clarity', 'worth', 'connection']);
  });

  it('serves the current version and every older one', () => {
    expect(bank.version).toBe(ITEM_BANK_VERSION);
    expect(ITEM_BANK_VERSIONS).toContain(ITEM_BANK_VERSION);
  });

  it.each([...GOOD_THINGS, 'authenticity', 'mutuality'] as const)('has exactly two %s items', (dimension) => {
    expect(itemsOf(ITEM_BANK_VERSION, dimension)).toHaveLength(2);
  });

  it.each(POWER_OVER_PRACTICES)('has at least one power-over item for %s', (practice) => {
    const items = bank.items.filter((item) => item.practice === practice);
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.every((item) => item.dimension === 'powerOver')).toBe(true);
  });

  it('gives every item a unique id without ":" that starts with its dimension', () => {
    const ids = bank.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of bank.items) {
      expect(item.id).not.toContain(':');
      expect(item.id.startsWith(`${item.dimension}.`)).toBe(true);
      expect(DIMENSIONS).toContain(item.dimension);
    }
  });

  it('marks a practice only on power-over items', () => {
    for (const item of bank.items) {
      expect(item.practice !== undefined).toBe(item.dimension === 'powerOver');
    }
  });

  it('has English wording for every item of every version', () => {
    for (const version of ITEM_BANK_VERSIONS) {
      for (const item of getItemBank(version).items) expect(itemText(item.id).length).toBeGreaterThan(10);
    }
  });

  it('words no item in the negative, so agreement always means "this happened"', () => {
    for (const item of bank.items) {
      expect(itemText(item.id)).not.toMatch(/\b(not|never|no|nobody|nothing)\b|n['’]t\b/i);
    }
  });

  it('is frozen so callers cannot change a released version', () => {
    expect(Object.isFrozen(bank.items)).toBe(true);
    expect(Object.isFrozen(bank.items[0])).toBe(true);
  });

  it('finds an item by id and refuses unknown ids and versions', () => {
    expect(getItem(1, 'powerOver.2').practice).toBe('differenceAsOpposition');
    expect(() => getItem(1, 'zest.9')).toThrow(RangeError);
    expect(() => getItemBank(999)).toThrow(RangeError);
  });
});
