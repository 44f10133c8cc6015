/**
 * The constructs the pulse measures. Keys are stable identifiers used in stored
 * aggregates and item ids; never rename one without a new item-bank version.
 */

/** The five good things of growth-fostering connection, in the order RCT lists them. */
export const GOOD_THINGS = ['zest', 'action', 'clarity', 'worth', 'connection'] as const;
export type GoodThing = (typeof GOOD_THINGS)[number];

/** Asked in the rotating slot of a pulse, one of them per cycle. */
export const ROTATING_DIMENSIONS = ['powerOver', 'authenticity', 'mutuality'] as const;
export type RotatingDimension = (typeof ROTATING_DIMENSIONS)[number];

export const DIMENSIONS = [...GOOD_THINGS, 'authenticity', 'mutuality', 'powerOver'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Everything that gets a trend: each dimension plus the connection index (the mean of
 * the five good things), which is the headline number of a summary.
 */
export const MEASURES = [...DIMENSIONS, 'connectionIndex'] as const;
export type Measure = (typeof MEASURES)[number];

/** Walker's perceived power-over practices that the bank asks about. */
export const POWER_OVER_PRACTICES = [
  'differenceSuppressed',
  'differenceAsOpposition',
  'engagementDiminished',
  'mutualityImpeded',
] as const;
export type PowerOverPractice = (typeof POWER_OVER_PRACTICES)[number];

/**
 * Power-over items are worded as positive statements about a negative experience (no
 * reverse-worded items), so for that index a higher number is worse.
 */
export type Polarity = 'higherIsBetter' | 'higherIsWorse';

export function polarityOf(measure: Measure): Polarity {
  return measure === 'powerOver' ? 'higherIsWorse' : 'higherIsBetter';
}

export function isDimension(value: unknown): value is Dimension {
  return typeof value === 'string' && (DIMENSIONS as readonly string[]).includes(value);
}

export function isGoodThing(value: unknown): value is GoodThing {
  return typeof value === 'string' && (GOOD_THINGS as readonly string[]).includes(value);
}

export function isMeasure(value: unknown): value is Measure {
  return typeof value === 'string' && (MEASURES as readonly string[]).includes(value);
}
