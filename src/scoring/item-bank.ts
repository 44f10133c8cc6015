import type { Dimension, PowerOverPractice } from './dimensions.js';

/**
 * An item is identified by a stable id (`<dimension>.<n>`, never containing ':', so
 * it can sit inside Slack action ids and composite keys). Wording is not here: it lives
 * in words.ts keyed by the same id, so a translation never touches scoring.
 */
export interface Item {
  readonly id: string;
  readonly dimension: Dimension;
  /** Only on power-over items: which of Walker's practices the item describes. */
  readonly practice?: PowerOverPractice;
}

export interface ItemBank {
  readonly version: number;
  readonly items: readonly Item[];
}

/** Bumped whenever an item is added, removed or reworded in a way that changes meaning. */
export const ITEM_BANK_VERSION = 1;

const BANK_V1: ItemBank = Object.freeze({
  version: 1,
  items: Object.freeze(
    (
      [
        { id: 'zest.1', dimension: 'zest' },
        { id: 'zest.2', dimension: 'zest' },
        { id: 'action.1', dimension: 'action' },
        { id: 'action.2', dimension: 'action' },
        { id: 'clarity.1', dimension: 'clarity' },
        { id: 'clarity.2', dimension: 'clarity' },
        { id: 'worth.1', dimension: 'worth' },
        { id: 'worth.2', dimension: 'worth' },
        { id: 'connection.1', dimension: 'connection' },
        { id: 'connection.2', dimension: 'connection' },
        { id: 'authenticity.1', dimension: 'authenticity' },
        { id: 'authenticity.2', dimension: 'authenticity' },
        { id: 'mutuality.1', dimension: 'mutuality' },
        { id: 'mutuality.2', dimension: 'mutuality' },
        { id: 'powerOver.1', dimension: 'powerOver', practice: 'differenceSuppressed' },
        { id: 'powerOver.2', dimension: 'powerOver', practice: 'differenceAsOpposition' },
        { id: 'powerOver.3', dimension: 'powerOver', practice: 'engagementDiminished' },
        { id: 'powerOver.4', dimension: 'powerOver', practice: 'mutualityImpeded' },
      ] satisfies Item[]
    ).map((item) => Object.freeze(item)),
  ),
});

const BANKS: ReadonlyMap<number, ItemBank> = new Map([[1, BANK_V1]]);

/** Versions that can still be scored; old versions stay forever so old answers stay readable. */
export const ITEM_BANK_VERSIONS: readonly number[] = [...BANKS.keys()];

export function getItemBank(version: number): ItemBank {
  const bank = BANKS.get(version);
  if (!bank) throw new RangeError(`Unknown item bank version ${version}`);
  return bank;
}

export function getItem(version: number, id: string): Item {
  const item = getItemBank(version).items.find((candidate) => candidate.id === id);
  if (!item) throw new RangeError(`Item ${id} is not in item bank version ${version}`);
  return item;
}

export function itemsOf(version: number, dimension: Dimension): readonly Item[] {
  return getItemBank(version).items.filter((item) => item.dimension === dimension);
}
