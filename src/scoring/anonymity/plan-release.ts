import { COMMENT_MIN_RESPONDENTS, COMMENTS_STATISTIC, MIN_TEAM_SIZE } from './constants.js';
import {
  type CombinedVariant,
  combinedVariants,
  compareStrings,
  earlierReleases,
  type OwnSnapshot,
  sameIds,
  sortLedger,
  summariseOwn,
} from './earlier-releases.js';
import { assertKUnchanged, normaliseK } from './k.js';
import { membershipConflicts } from './membership-change.js';
import { type AddCheck, ReleasedPartition } from './released-partition.js';
import {
  buildFineAtoms,
  type CountedSet,
  type FineAtoms,
  InconsistentCountsError,
} from './respondent-bounds.js';
import type {
  CommentDecision,
  GroupNode,
  GroupTree,
  LedgerEntry,
  PlanReleaseOptions,
  ReleasedDecision,
  ReleasePlan,
  SuppressedDecision,
  SuppressionReason,
} from './types.js';
import { assertKeyPart, assertStatistics, assertTiming, depthOf, validateTree } from './validate.js';

interface NamedSet extends CountedSet {
  /** Unique among the sets: a group key, or a group key and variant for combined releases. */
  readonly key: string;
  /** The group it describes, as reported in `conflictsWith`. */
  readonly groupKey: string;
  readonly sortedIds: readonly string[];
  /** The k it was (or is to be) released under. */
  readonly k: number;
}

/**
 * Decides which groups of a closed release may be published, given everything published
 * before (the ledger). Pure and deterministic: the same tree and ledger give the same
 * plan whatever order the groups or entries arrive in.
 *
 * The ledger is read three ways (earlier-releases.ts): this release's own earlier plans,
 * releases of other groups whose answer windows lie close to this one's (the window
 * rule, windows.ts), and earlier releases of nearly the same people (the
 * membership-change rule, membership-change.ts). Earlier releases count whatever k they
 * were written with; each Venn cell is held to the strictest k of the releases covering
 * it.
 *
 * Groups are considered top-down: parents, then pods, then teams; within each kind
 * shallower first, then larger before smaller, then by key. Overlapping channel teams
 * therefore never crowd out the department and organisation views. Each is released
 * only if, together with everything combined with it, every region of the membership
 * Venn diagram that any released group covers has a proven minimum of that k respondents
 * and MIN_TEAM_SIZE invited (see ReleasedPartition), and no joiner's or leaver's answer
 * can be pinned next to an earlier release of nearly the same people. Sizes are compared by invited members,
 * which readers know anyway, so which sibling gets hidden says as little as possible
 * about who answered.
 */
export function planRelease(
  tree: GroupTree,
  ledgerSoFar: readonly LedgerEntry[],
  k: number,
  options: PlanReleaseOptions,
): ReleasePlan {
  const releaseK = normaliseK(k);
  assertStatistics(options.statistics);
  assertTiming('the release', tree.timing);
  const byKey = validateTree(tree);
  for (const entry of ledgerSoFar) {
    assertKeyPart('a ledger group key', entry.groupKey);
    assertKeyPart('a ledger release key', entry.releaseKey);
    assertTiming(`ledger entry ${entry.groupKey}`, entry.timing);
    normaliseK(entry.k);
  }

  const ledger = sortLedger(tree, ledgerSoFar);
  // A release keeps the k it opened with; earlier releases keep theirs. Every Venn cell
  // is held to the strictest k of the releases covering it (ReleasedPartition).
  for (const entry of ledger.own) assertKUnchanged(entry.k, releaseK);
  const isComments = (entry: LedgerEntry) => entry.statistic === COMMENTS_STATISTIC;
  const scoreLedger = summariseOwn(ledger.own.filter((e) => !isComments(e)));
  const commentLedger = summariseOwn(ledger.own.filter(isComments));
  const scoreVariants = combinedVariants(ledger.combined.filter((e) => !isComments(e)));
  const commentVariants = combinedVariants(ledger.combined.filter(isComments));
  const mismatched = findMismatches(byKey, scoreLedger, commentLedger);

  const candidates = [...tree.groups].sort((a, b) => compareCandidates(a, b, byKey));
  const sets =
    mismatched.size > 0 ? [] : buildSets(tree.groups, scoreLedger, commentLedger, scoreVariants, releaseK);
  const setIndex = new Map(sets.map((set, index) => [set.key, index]));
  // With a changed ledger nothing new is released, so the (possibly contradictory) counts need no solving.
  const fine = mismatched.size > 0 ? undefined : solveCounts(sets, tree, scoreLedger, commentLedger);
  const scores = fine
    ? new ReleasedPartition(fine, (set) => sets[set]?.k ?? releaseK, MIN_TEAM_SIZE)
    : undefined;
  for (const key of scoreLedger.keys()) {
    const index = setIndex.get(key);
    if (index !== undefined) scores?.add(index);
  }
  for (const variant of scoreVariants) {
    const index = setIndex.get(variantKey(variant));
    if (index !== undefined) scores?.add(index);
  }
  const earlier = earlierReleases(ledger.earlier);

  const childCount = countChildren(tree.groups);
  const releasedGroups: GroupNode[] = [];
  const suppressed: SuppressedDecision[] = [];
  const suppress = (
    group: GroupNode,
    reason: SuppressionReason,
    conflictsWith: readonly string[] = [],
  ): void => {
    const rolledUpInto = reason === 'too_small_rolled_up' ? (group.podKey ?? group.parentKey ?? null) : null;
    suppressed.push({
      released: false,
      groupKey: group.key,
      kind: group.kind,
      reason,
      conflictsWith,
      rolledUpInto,
    });
  };

  for (const group of candidates) {
    if (group.memberIds.length < MIN_TEAM_SIZE) {
      suppress(group, 'too_small_rolled_up');
      continue;
    }
    if (group.respondentCount < releaseK) {
      suppress(group, 'below_k');
      continue;
    }
    if (scoreLedger.has(group.key) && !mismatched.has(group.key)) {
      releasedGroups.push(group);
      continue;
    }
    if (!scores || !fine) {
      suppress(group, mismatched.size > 0 ? 'ledger_mismatch' : 'counts_conflict');
      continue;
    }
    const index = setIndex.get(group.key) ?? -1;
    const check = scores.check(index);
    if (!check.ok) {
      const verdict = explainRefusal(group, index, check, { sets, fine, scores, setIndex, childCount });
      suppress(group, verdict.reason, verdict.conflictsWith);
      continue;
    }
    const drifted = membershipConflicts(
      { memberIds: group.memberIds, respondentCount: group.respondentCount, sums: group.sums ?? {} },
      tree.timing,
      earlier,
      releaseK,
    );
    if (drifted.length > 0) {
      suppress(group, 'membership_change', drifted);
      continue;
    }
    scores.add(index);
    releasedGroups.push(group);
  }

  const commentDecisions = decideComments(releasedGroups, {
    enabled: options.commentsEnabled === true,
    thresholdOf: (set) => Math.max(COMMENT_MIN_RESPONDENTS, sets[set]?.k ?? releaseK),
    threshold: Math.max(COMMENT_MIN_RESPONDENTS, releaseK),
    commentLedger,
    commentVariants,
    mismatched,
    fine,
    setIndex,
  });

  const released: ReleasedDecision[] = releasedGroups.map((group) => ({
    released: true,
    groupKey: group.key,
    kind: group.kind,
    invitedCount: group.memberIds.length,
    respondentCount: group.respondentCount,
    alreadyInLedger: scoreLedger.has(group.key),
    comments: commentDecisions.get(group.key) ?? { released: false, reason: 'comments_disabled' },
  }));

  const newLedgerEntries: LedgerEntry[] = [];
  for (const group of releasedGroups) {
    const entry = {
      groupKey: group.key,
      releaseKey: tree.releaseKey,
      respondentCount: group.respondentCount,
      memberIds: [...group.memberIds].sort(),
      k: releaseK,
      timing: tree.timing,
    };
    if (!scoreLedger.has(group.key)) {
      for (const statistic of options.statistics) {
        const sum = group.sums?.[statistic];
        newLedgerEntries.push({ ...entry, statistic, ...(sum === undefined ? {} : { sum }) });
      }
    }
    if (commentDecisions.get(group.key)?.released && !commentLedger.has(group.key)) {
      newLedgerEntries.push({ ...entry, statistic: COMMENTS_STATISTIC });
    }
  }

  return { released, suppressed, newLedgerEntries };
}

/**
 * Bounds every fine atom's respondents from all the counts involved. Counts of one
 * release must agree (a contradiction there is a caller's bug and throws); counts of
 * releases judged together may not, when people answered one group's check-in but not
 * another's — then no difference can be proven large enough, and nothing new is
 * released (undefined).
 */
function solveCounts(
  sets: readonly NamedSet[],
  tree: GroupTree,
  scoreLedger: ReadonlyMap<string, OwnSnapshot>,
  commentLedger: ReadonlyMap<string, OwnSnapshot>,
): FineAtoms | undefined {
  try {
    return buildFineAtoms(universeSizeOf(sets), sets);
  } catch (error) {
    if (!(error instanceof InconsistentCountsError)) throw error;
    const ownSets = buildSets(tree.groups, scoreLedger, commentLedger, [], 0);
    buildFineAtoms(universeSizeOf(ownSets), ownSets);
    return undefined;
  }
}

function variantKey(variant: CombinedVariant): string {
  return `${variant.groupKey}:${variant.memberIds.join(',')}`;
}

/** Containers before what they contain, so parents stay and the smallest siblings give way. */
const KIND_ORDER: Record<GroupNode['kind'], number> = { parent: 0, pod: 1, team: 2 };

function compareCandidates(a: GroupNode, b: GroupNode, byKey: ReadonlyMap<string, GroupNode>): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    depthOf(a, byKey) - depthOf(b, byKey) ||
    b.memberIds.length - a.memberIds.length ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * Group keys whose numbers changed since they were released this cycle. Releasing again
 * would show two versions of the same group, whose difference is the late answers.
 */
function findMismatches(
  byKey: ReadonlyMap<string, GroupNode>,
  scoreLedger: ReadonlyMap<string, OwnSnapshot>,
  commentLedger: ReadonlyMap<string, OwnSnapshot>,
): Set<string> {
  const mismatched = new Set<string>();
  for (const ledger of [scoreLedger, commentLedger]) {
    for (const [key, snapshot] of ledger) {
      const group = byKey.get(key);
      const other = (ledger === scoreLedger ? commentLedger : scoreLedger).get(key);
      const differsFromTree =
        group !== undefined &&
        (group.respondentCount !== snapshot.respondentCount ||
          !sameIds([...group.memberIds].sort(), snapshot.memberIds));
      const differsFromOther =
        other !== undefined &&
        (other.respondentCount !== snapshot.respondentCount || !sameIds(other.memberIds, snapshot.memberIds));
      if (!snapshot.consistent || differsFromTree || differsFromOther) mismatched.add(key);
    }
  }
  return mismatched;
}

function buildSets(
  groups: readonly GroupNode[],
  scoreLedger: ReadonlyMap<string, OwnSnapshot>,
  commentLedger: ReadonlyMap<string, OwnSnapshot>,
  variants: readonly CombinedVariant[],
  releaseK: number,
): NamedSet[] {
  const raw: {
    key: string;
    groupKey: string;
    ids: readonly string[];
    min: number;
    max: number;
    k: number;
  }[] = groups.map((group) => ({
    key: group.key,
    groupKey: group.key,
    ids: group.memberIds,
    min: group.respondentCount,
    max: group.respondentCount,
    k: releaseK,
  }));
  const inTree = new Set(raw.map((set) => set.key));
  for (const ledger of [scoreLedger, commentLedger]) {
    for (const [key, snapshot] of ledger) {
      if (inTree.has(key)) continue;
      inTree.add(key);
      raw.push({
        key,
        groupKey: key,
        ids: snapshot.memberIds,
        min: snapshot.respondentCount,
        max: snapshot.respondentCount,
        k: releaseK,
      });
    }
  }
  for (const variant of variants) {
    raw.push({
      key: variantKey(variant),
      groupKey: variant.groupKey,
      ids: variant.memberIds,
      min: variant.minRespondents,
      max: variant.maxRespondents,
      k: variant.k,
    });
  }
  raw.sort((a, b) => compareStrings(a.key, b.key));
  const universe = [...new Set(raw.flatMap((set) => set.ids))].sort();
  const indexOf = new Map(universe.map((id, index) => [id, index]));
  return raw.map((set) => ({
    key: set.key,
    groupKey: set.groupKey,
    sortedIds: [...set.ids].sort(),
    minRespondents: set.min,
    maxRespondents: set.max,
    k: set.k,
    members: set.ids.map((id) => indexOf.get(id) ?? -1),
  }));
}

function universeSizeOf(sets: readonly NamedSet[]): number {
  let max = -1;
  for (const set of sets) for (const member of set.members) max = Math.max(max, member);
  return max + 1;
}

function countChildren(groups: readonly GroupNode[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const group of groups) {
    for (const container of new Set([group.parentKey, group.podKey])) {
      if (container) counts.set(container, (counts.get(container) ?? 0) + 1);
    }
  }
  return counts;
}

interface RefusalContext {
  readonly sets: readonly NamedSet[];
  readonly fine: FineAtoms;
  readonly scores: ReleasedPartition;
  readonly setIndex: ReadonlyMap<string, number>;
  readonly childCount: ReadonlyMap<string, number>;
}

/** Names the attack a refusal prevents, so a suppressed summary can say why. */
function explainRefusal(
  group: GroupNode,
  index: number,
  check: Extract<AddCheck, { ok: false }>,
  context: RefusalContext,
): { reason: SuppressionReason; conflictsWith: string[] } {
  const { sets, fine, scores, setIndex, childCount } = context;
  const atomsOf = (set: number) => new Set(fine.atomsOfSet[set] ?? []);
  const own = atomsOf(index);
  const intersects = (set: number, atoms: ReadonlySet<number>) =>
    (fine.atomsOfSet[set] ?? []).some((atom) => atoms.has(atom));
  const within = (inner: number, outer: ReadonlySet<number>) =>
    (fine.atomsOfSet[inner] ?? []).every((atom) => outer.has(atom));

  const neighbourhood = new Set(own);
  for (const container of check.containers) for (const atom of atomsOf(container)) neighbourhood.add(atom);
  const conflictsWith = scores
    .releasedSets()
    .filter((set) => intersects(set, neighbourhood))
    .map((set) => sets[set]?.groupKey ?? '');
  const named = [...new Set(conflictsWith)].sort();

  const containerIndexes = [group.podKey, group.parentKey]
    .filter((key): key is string => typeof key === 'string' && (childCount.get(key) ?? 0) >= 2)
    .map((key) => setIndex.get(key));
  if (
    check.side === 'outside' &&
    containerIndexes.some((i) => i !== undefined && check.containers.includes(i))
  ) {
    return { reason: 'complementary', conflictsWith: named };
  }
  const partners =
    check.containers.length > 0
      ? check.containers
      : scores.releasedSets().filter((set) => intersects(set, own));
  const nested = partners.some((set) => within(set, own) || within(index, atomsOf(set)));
  return { reason: nested ? 'differencing_nested' : 'differencing_overlap', conflictsWith: named };
}

interface CommentContext {
  readonly enabled: boolean;
  /** the comment threshold a set was released under: max(COMMENT_MIN_RESPONDENTS, its k) */
  readonly thresholdOf: (setIndex: number) => number;
  /** this release's comment threshold */
  readonly threshold: number;
  readonly commentLedger: ReadonlyMap<string, OwnSnapshot>;
  readonly commentVariants: readonly CombinedVariant[];
  readonly mismatched: ReadonlySet<string>;
  readonly fine: FineAtoms | undefined;
  readonly setIndex: ReadonlyMap<string, number>;
}

/**
 * Comments are released only for groups whose scores are released, and are checked with
 * the same Venn rule at the comment threshold: two released comment sets can be
 * subtracted exactly (the comments in the parent but not in the child are the hidden
 * team's), just like sums.
 */
function decideComments(
  releasedGroups: readonly GroupNode[],
  context: CommentContext,
): Map<string, CommentDecision> {
  const decisions = new Map<string, CommentDecision>();
  const partition = context.fine
    ? new ReleasedPartition(context.fine, context.thresholdOf, MIN_TEAM_SIZE)
    : undefined;
  for (const key of context.commentLedger.keys()) {
    const index = context.setIndex.get(key);
    if (index !== undefined) partition?.add(index);
  }
  for (const variant of context.commentVariants) {
    const index = context.setIndex.get(variantKey(variant));
    // A comment release with no matching score release cannot be placed: refuse new comments.
    if (index === undefined) return refuseAll(releasedGroups, context);
    partition?.add(index);
  }
  for (const group of releasedGroups) {
    if (context.commentLedger.has(group.key) && !context.mismatched.has(group.key)) {
      decisions.set(group.key, { released: true });
      continue;
    }
    if (!context.enabled) {
      decisions.set(group.key, { released: false, reason: 'comments_disabled' });
      continue;
    }
    if (group.respondentCount < context.threshold) {
      decisions.set(group.key, { released: false, reason: 'comments_below_min' });
      continue;
    }
    const index = context.setIndex.get(group.key);
    if (!partition || index === undefined || !partition.check(index).ok) {
      decisions.set(group.key, { released: false, reason: 'comments_differencing' });
      continue;
    }
    partition.add(index);
    decisions.set(group.key, { released: true });
  }
  return decisions;
}

function refuseAll(
  releasedGroups: readonly GroupNode[],
  context: CommentContext,
): Map<string, CommentDecision> {
  const decisions = new Map<string, CommentDecision>();
  for (const group of releasedGroups) {
    const already = context.commentLedger.has(group.key) && !context.mismatched.has(group.key);
    decisions.set(
      group.key,
      already
        ? { released: true }
        : { released: false, reason: context.enabled ? 'comments_differencing' : 'comments_disabled' },
    );
  }
  return decisions;
}
