/**
 * Input and output shapes of the anonymity guard. Member ids are opaque pseudonyms
 * (never Slack ids): the guard only compares them for equality.
 */

/**
 * `team`: a reporting unit people answer for. `pod`: an admin-defined merge of small
 * teams. `parent`: a department or the organisation (no parent key = a root).
 */
export type GroupKind = 'team' | 'pod' | 'parent';

export interface GroupNode {
  /** Stable, unique within the cycle, no ':' (the ledger uses it inside composite keys). */
  readonly key: string;
  readonly kind: GroupKind;
  /** The group this one sits under in the hierarchy; null for a root. */
  readonly parentKey: string | null;
  /** The pod a small team is merged into, if the admin defined one; it wins over the parent. */
  readonly podKey?: string | null;
  /**
   * Pseudonymous ids of the eligible members invited this cycle (the snapshot taken at
   * open). A parent or pod lists everyone below it too.
   */
  readonly memberIds: readonly string[];
  /** How many of those members answered; known only after close. */
  readonly respondentCount: number;
}

export interface GroupTree {
  /** The cycle (round) all these counts belong to; no ':'. */
  readonly cycleKey: string;
  readonly groups: readonly GroupNode[];
}

/**
 * One released number, as the ledger keeps it. `memberIds` is the invited (eligible)
 * snapshot of the group, never its respondents: storing who responded would rebuild the
 * participation link the design destroys at close, and the invited set is what a reader
 * of the reports knows anyway.
 */
export interface LedgerEntry {
  readonly groupKey: string;
  readonly cycleKey: string;
  readonly statistic: string;
  readonly respondentCount: number;
  readonly memberIds: readonly string[];
  /** The cycle's k when this was released; a cycle may not change it. */
  readonly k: number;
}

/** Why a group, or its comments, was not released. */
export type SuppressionReason =
  /** Fewer than k respondents. */
  | 'below_k'
  /** Fewer than MIN_TEAM_SIZE invited: no report of its own, counted in its pod or parent. */
  | 'too_small_rolled_up'
  /** Hidden to protect a hidden sibling: the shown parent minus the shown siblings would be too small. */
  | 'complementary'
  /** A group nested in or around a released one differs from it by too few people. */
  | 'differencing_nested'
  /** Two overlapping (not nested) groups would differ by too few people, or by a number we cannot prove large enough. */
  | 'differencing_overlap'
  /** This cycle's ledger already holds different numbers for the group: data changed after release. */
  | 'ledger_mismatch';

export type CommentSuppressionReason =
  | 'comments_disabled'
  /** Fewer than COMMENT_MIN_RESPONDENTS (or k, if larger) respondents. */
  | 'comments_below_min'
  /** Comment sets can be subtracted exactly, so the same differencing rule applies with the comment threshold. */
  | 'comments_differencing';

export type CommentDecision =
  | { readonly released: true }
  | { readonly released: false; readonly reason: CommentSuppressionReason };

export interface ReleasedDecision {
  readonly released: true;
  readonly groupKey: string;
  readonly kind: GroupKind;
  readonly invitedCount: number;
  readonly respondentCount: number;
  /** True when an earlier plan for this cycle already released it (no new ledger entry). */
  readonly alreadyInLedger: boolean;
  readonly comments: CommentDecision;
}

/**
 * A suppressed group. It deliberately carries no counts: a suppressed summary must not
 * say how many answered, only why nothing is shown.
 */
export interface SuppressedDecision {
  readonly released: false;
  readonly groupKey: string;
  readonly kind: GroupKind;
  readonly reason: SuppressionReason;
  /** Released groups that, together with this one, would have exposed too few people. */
  readonly conflictsWith: readonly string[];
  /** For 'too_small_rolled_up': the pod or parent its answers count toward (null if none). */
  readonly rolledUpInto: string | null;
}

export type ReleaseDecision = ReleasedDecision | SuppressedDecision;

export interface PlanReleaseOptions {
  /** Names of the numbers released per group (e.g. dimension means); one ledger entry each. */
  readonly statistics: readonly string[];
  /** Free-text comments are off unless the workspace turned them on. */
  readonly commentsEnabled?: boolean;
}

export interface ReleasePlan {
  readonly released: readonly ReleasedDecision[];
  readonly suppressed: readonly SuppressedDecision[];
  /** Entries to append to the ledger, in the same transaction as publishing the numbers. */
  readonly newLedgerEntries: readonly LedgerEntry[];
}
