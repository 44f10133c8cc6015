/**
 * Input and output shapes of the anonymity guard. Member ids are opaque pseudonyms
 * (never Slack ids): the guard only compares them for equality. Groups are of any kind
 * (teams, departments, pods, channels); what ties releases together is who they are
 * about and when their answers were given, never a calendar round.
 */
import type { ReleaseTiming } from './windows.js';

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
  /**
   * Statistic → sum of the respondents' whole-number 1–5 answers, for the statistics that
   * are one item's mean (the membership-change rule compares them with earlier releases
   * of nearly the same people). Statistics without a sum are not compared.
   */
  readonly sums?: Readonly<Record<string, number>>;
}

export interface GroupTree {
  /**
   * The release all these counts belong to: groups computed from one set of answers
   * (a team's cycle, or a department built from its teams' cycles); no ':'. Ledger
   * entries with the same key are this release's own earlier plans.
   */
  readonly releaseKey: string;
  /** When the answers were given, and the cadence they were asked at. */
  readonly timing: ReleaseTiming;
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
  readonly releaseKey: string;
  readonly statistic: string;
  readonly respondentCount: number;
  readonly memberIds: readonly string[];
  /**
   * The k of the release. A release keeps its k; later releases are judged against it
   * under the strictest k of all the releases involved.
   */
  readonly k: number;
  readonly timing: ReleaseTiming;
  /** The released sum of whole-number 1–5 answers, for statistics that are one item's mean. */
  readonly sum?: number | null;
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
  /** This release's ledger already holds different numbers for the group: data changed after release. */
  | 'ledger_mismatch'
  /**
   * The counts of releases judged together cannot all be true of one set of answers
   * (people answered one group's check-in but not another's), so no difference can be
   * proven large enough.
   */
  | 'counts_conflict'
  /**
   * Compared with an earlier release of nearly the same people, a reader who assumes the
   * others answered much as before could pin down one person's answer.
   */
  | 'membership_change';

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
  /** True when an earlier plan for this release already released it (no new ledger entry). */
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
