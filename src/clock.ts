/** The one source of "now" for services and jobs, so tests and the demo can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
