import type { Measure } from './dimensions.js';
import type { LikertValue } from './statistics.js';
import type { TrendState } from './trend-state.js';
import { EN, type WordKey } from './words/en.js';

/**
 * The one place scoring wording is looked up. Callers pass ids and get text; a second
 * locale is a file with the same keys as words/en.ts added to CATALOGUES.
 */
export type Locale = 'en';
export type Catalogue = Readonly<Record<WordKey, string>>;

const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en: EN };

export const DEFAULT_LOCALE: Locale = 'en';

export function hasWord(key: string, locale: Locale = DEFAULT_LOCALE): key is WordKey {
  return Object.hasOwn(CATALOGUES[locale], key);
}

export function word(key: WordKey, locale: Locale = DEFAULT_LOCALE): string {
  return CATALOGUES[locale][key];
}

function lookup(key: string, locale: Locale): string {
  if (!hasWord(key, locale)) throw new RangeError(`No ${locale} wording for "${key}"`);
  return word(key, locale);
}

/** Statement text of an item; the id must exist in some bank version. */
export function itemText(itemId: string, locale: Locale = DEFAULT_LOCALE): string {
  return lookup(`item.${itemId}`, locale);
}

/** The shared stem that frames every item ("In the past two weeks, in this team…"). */
export function pulseFrame(locale: Locale = DEFAULT_LOCALE): string {
  return word('pulse.frame', locale);
}

export interface ScaleLabel {
  readonly value: LikertValue;
  readonly label: string;
}

export function scaleLabels(locale: Locale = DEFAULT_LOCALE): readonly ScaleLabel[] {
  return ([1, 2, 3, 4, 5] as const).map((value) => ({ value, label: lookup(`scale.${value}`, locale) }));
}

/** The fully labelled 5-point agreement scale, value 1 (strongly disagree) to 5. */
export const SCALE_LABELS: readonly ScaleLabel[] = Object.freeze(scaleLabels(DEFAULT_LOCALE));

export function measureLabel(measure: Measure, locale: Locale = DEFAULT_LOCALE): string {
  return lookup(`measure.${measure}.label`, locale);
}

/** One line that reads a trend state in relational terms (e.g. a dip as an invitation to repair). */
export function stateReading(measure: Measure, state: TrendState, locale: Locale = DEFAULT_LOCALE): string {
  return lookup(`state.${measure}.${state}`, locale);
}

/**
 * Two suggested practices, framed as invitations to the whole team: one specific to the
 * measure, then one about the state itself.
 */
export function practicesFor(
  measure: Measure,
  state: TrendState,
  locale: Locale = DEFAULT_LOCALE,
): readonly string[] {
  return [lookup(`practice.${measure}.${state}`, locale), lookup(`practice.any.${state}`, locale)];
}
