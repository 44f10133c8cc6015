/**
 * The privacy core: which numbers about a closed cycle may be released, and the release
 * ledger rule that stops releases being combined to describe fewer than k people.
 * Pure: no I/O, no clock, randomness only through an injected source.
 */
export { type CommentInput, type PreparedComments, prepareComments } from './comments.js';
export {
  COMMENT_MIN_RESPONDENTS,
  COMMENTS_STATISTIC,
  HR_BAND_MIN_INVITED,
  MIN_K,
  MIN_TEAM_SIZE,
} from './constants.js';
export { ledgerReachMs } from './earlier-releases.js';
export { AnonymityThresholdError, assertKUnchanged, normaliseK } from './k.js';
export {
  type ComparableRelease,
  DRIFT_PER_CYCLE,
  MAX_DRIFT,
  type PinnedAnswer,
  pinnedByComparison,
} from './membership-change.js';
export { planRelease } from './plan-release.js';
export { InconsistentCountsError } from './respondent-bounds.js';
export {
  type HrResponseRate,
  type LeadResponseIndicator,
  type ResponseRateBand,
  responseIndicatorForLead,
  responseRateBandForHr,
} from './response-rates.js';
export type {
  CommentDecision,
  CommentSuppressionReason,
  GroupKind,
  GroupNode,
  GroupTree,
  LedgerEntry,
  PlanReleaseOptions,
  ReleaseDecision,
  ReleasedDecision,
  ReleasePlan,
  SuppressedDecision,
  SuppressionReason,
} from './types.js';
export { GroupTreeError } from './validate.js';
export {
  ANSWER_FRAME_MS,
  type AnswerWindow,
  cyclesApart,
  gapMs,
  horizonMs,
  type ReleaseTiming,
  releasesCombine,
} from './windows.js';
