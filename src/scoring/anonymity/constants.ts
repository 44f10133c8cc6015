/**
 * Thresholds of the anonymity guard. They are exported constants rather than settings
 * because the privacy promise is made in product copy: a workspace may ask for more
 * protection (a larger k) but can never get less than these.
 */

/** Minimum respondents behind any released number (design invariant 1). */
export const MIN_K = 5;

/**
 * Below this many invited members a team gets no report of its own: with fewer than six
 * invited, k = 5 respondents would almost always show who did not answer.
 */
export const MIN_TEAM_SIZE = 6;

/** Free text identifies people by wording, so comments need a larger crowd than scores. */
export const COMMENT_MIN_RESPONDENTS = 10;

/** Below this many invited, even a banded response rate narrows non-respondents down too far. */
export const HR_BAND_MIN_INVITED = 20;

/** Ledger statistic name under which comment releases are recorded. */
export const COMMENTS_STATISTIC = 'comments';
