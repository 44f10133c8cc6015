import { describe, expect, it } from 'vitest';
import { MEASURES } from '../../src/scoring/dimensions.js';
import { getItemBank, ITEM_BANK_VERSIONS } from '../../src/scoring/item-bank.js';
import { TREND_STATES } from '../../src/scoring/trend-state.js';
import { EN } from '../../src/scoring/words/en.js';
import {
  itemText,
  measureLabel,
  practicesFor,
  pulseFrame,
  SCALE_LABELS,
  stateReading,
} from '../../src/scoring/words.js';

const pairs = MEASURES.flatMap((measure) => TREND_STATES.map((state) => [measure, state] as const));

describe('words', () => {
  it('labels all five points of the agreement scale, 1 to 5', () => {
    expect(SCALE_LABELS.map((label) => label.value)).toEqual([1, 2, 3, 4, 5]);
    expect(SCALE_LABELS[0]!.label).toBe('Strongly disagree');
    expect(SCALE_LABELS[4]!.label).toBe('Strongly agree');
    expect(new Set(SCALE_LABELS.map((label) => label.label)).size).toBe(5);
  });

  it('frames the pulse as the past two weeks in this team', () => {
    expect(pulseFrame()).toMatch(/past two weeks.*this team/i);
  });

  it.each(pairs)('reads the %s / %s state in one line', (measure, state) => {
    const reading = stateReading(measure, state);
    expect(reading.length).toBeGreaterThan(10);
    expect(reading).not.toContain('\n');
  });

  it.each(pairs)('suggests one or two practices for %s / %s', (measure, state) => {
    const practices = practicesFor(measure, state);
    expect(practices.length).toBeGreaterThanOrEqual(1);
    expect(practices.length).toBeLessThanOrEqual(2);
    for (const practice of practices) expect(practice.length).toBeGreaterThan(10);
  });

  it('frames an acute dip as an invitation to repair', () => {
    expect(stateReading('connectionIndex', 'acute')).toMatch(/invitation to repair/);
  });

  it('labels every measure', () => {
    for (const measure of MEASURES) expect(measureLabel(measure).length).toBeGreaterThan(2);
  });

  it('keeps no item wording for items that are in no bank', () => {
    const ids = new Set(
      ITEM_BANK_VERSIONS.flatMap((version) => getItemBank(version).items.map((item) => item.id)),
    );
    const worded = Object.keys(EN)
      .filter((key) => key.startsWith('item.'))
      .map((key) => key.slice('item.'.length));
    expect(new Set(worded)).toEqual(ids);
  });

  it('refuses ids it has no wording for', () => {
    expect(() => itemText('zest.99')).toThrow(RangeError);
  });
});
