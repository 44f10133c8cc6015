/** Where a team stands on one measure, read in Relational-Cultural Theory terms. */
export const TREND_STATES = ['healthy', 'acute', 'repairing', 'chronic'] as const;
export type TrendState = (typeof TREND_STATES)[number];

/** Direction of the latest released cycle against the previous released one. */
export type TrendDirection = 'up' | 'down' | 'flat' | 'none';
