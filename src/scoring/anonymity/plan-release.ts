import { COMMENT_MIN_RESPONDENTS, COMMENTS_STATISTIC, MIN_TEAM_SIZE } from './constants.js';
import { assertKUnchanged, normaliseK } from './k.js';
import { type AddCheck, ReleasedPartition } from './released-partition.js';
import { buildFineAtoms, type CountedSet, type FineAtoms } from './respondent-bounds.js';
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
import { assertKeyPart, assertStatistics, depthOf, validateTree } from './validate.js';

interface LedgerSnapshot {
  readonly memberIds: readonly string[];
  readonly respondentCount: number;
  /** False when two entries of the same group in this cycle disagree. */
  readonly consistent: boolean;
}

interface NamedSet extends CountedSet {
  readonly key: string;
  readonly sortedIds: readonly string[];
}

/**
 * Decides which groups of a closed cycle may be published, given what this cycle has
 * already published (the ledger). Pure and deterministic: the same tree and ledger give
 * the same plan whatever order the groups arrive in.
 *
 * Groups are considered top-down: parents, then pods, then teams; within each kind
 * shallower first, then larger before smaller, then by key. Overlapping channel teams
 * therefore never crowd out the department and organisation views. Each is released only if, together with everything already
 * released this cycle, every region of the membership Venn diagram that any released
 * group covers has a proven minimum of k respondents and MIN_TEAM_SIZE invited (see
 * ReleasedPartition). Sizes are
 * compared by invited members, which readers know anyway, so which sibling gets hidden
 * says as little as possible about who answered.
 */
export function planRelease(
  tree: GroupTree,
  ledgerSoFar: readonly LedgerEntry[],
  k: number,
  options: PlanReleaseOptions,
): ReleasePlan {
  const cycleK = normaliseK(k);
  assertStatistics(options.statistics);
  const byKey = validateTree(tree);

  const ledger = ledgerSoFar.filter((entry) => entry.cycleKey === tree.cycleKey);
  for (const entry of ledger) {
    assertKUnchanged(entry.k, cycleK);
    assertKeyPart('a ledger group key', entry.groupKey);
  }
  const scoreLedger = summariseLedger(ledger.filter((entry) => entry.statistic !== COMMENTS_STATISTIC));
  const commentLedger = summariseLedger(ledger.filter((entry) => entry.statistic === COMMENTS_STATISTIC));
  const mismatched = findMismatches(byKey, scoreLedger, commentLedger);

  const candidates = [...tree.groups].sort((a, b) => compareCandidates(a, b, byKey));
  const sets = mismatched.size > 0 ? [] : buildSets(tree.groups, scoreLedger, commentLedger);
  const setIndex = new Map(sets.map((set, index) => [set.key, index]));
  // With a changed ledger nothing new is released, so the (possibly contradictory) counts need no solving.
  const fine = mismatched.size > 0 ? undefined : buildFineAtoms(universeSizeOf(sets), sets);
  const scores = fine ? new ReleasedPartition(fine, cycleK, MIN_TEAM_SIZE) : undefined;
  for (const key of scoreLedger.keys()) {
    const index = setIndex.get(key);
    if (index !== undefined) scores?.add(index);
  }

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
    if (group.respondentCount < cycleK) {
      suppress(group, 'below_k');
      continue;
    }
    if (scoreLedger.has(group.key) && !mismatched.has(group.key)) {
      releasedGroups.push(group);
      continue;
    }
    if (!scores || !fine) {
      suppress(group, 'ledger_mismatch');
      continue;
    }
    const index = setIndex.get(group.key) ?? -1;
    const check = scores.check(index);
    if (check.ok) {
      scores.add(index);
      releasedGroups.push(group);
      continue;
    }
    const verdict = explainRefusal(group, index, check, { sets, fine, scores, setIndex, childCount });
    suppress(group, verdict.reason, verdict.conflictsWith);
  }

  const commentDecisions = decideComments(releasedGroups, {
    enabled: options.commentsEnabled === true,
    threshold: Math.max(COMMENT_MIN_RESPONDENTS, cycleK),
    commentLedger,
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
      cycleKey: tree.cycleKey,
      respondentCount: group.respondentCount,
      memberIds: [...group.memberIds].sort(),
      k: cycleK,
    };
    if (!scoreLedger.has(group.key)) {
      for (const statistic of options.statistics) newLedgerEntries.push({ ...entry, statistic });
    }
    if (commentDecisions.get(group.key)?.released && !commentLedger.has(group.key)) {
      newLedgerEntries.push({ ...entry, statistic: COMMENTS_STATISTIC });
    }
  }

  return { released, suppressed, newLedgerEntries };
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

function summariseLedger(entries: readonly LedgerEntry[]): Map<string, LedgerSnapshot> {
  const byGroup = new Map<string, LedgerSnapshot>();
  for (const entry of entries) {
    const memberIds = [...entry.memberIds].sort();
    const known = byGroup.get(entry.groupKey);
    if (!known) {
      byGroup.set(entry.groupKey, { memberIds, respondentCount: entry.respondentCount, consistent: true });
      continue;
    }
    const same = known.respondentCount === entry.respondentCount && sameIds(known.memberIds, memberIds);
    if (!same) byGroup.set(entry.groupKey, { ...known, consistent: false });
  }
  return byGroup;
}

/**
 * Group keys whose numbers changed since they were released this cycle. Releasing again
 * would show two versions of the same group, whose difference is the late answers.
 */
function findMismatches(
  byKey: ReadonlyMap<string, GroupNode>,
  scoreLedger: ReadonlyMap<string, LedgerSnapshot>,
  commentLedger: ReadonlyMap<string, LedgerSnapshot>,
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
  scoreLedger: ReadonlyMap<string, LedgerSnapshot>,
  commentLedger: ReadonlyMap<string, LedgerSnapshot>,
): NamedSet[] {
  const raw: { key: string; ids: readonly string[]; respondentCount: number }[] = groups.map((group) => ({
    key: group.key,
    ids: group.memberIds,
    respondentCount: group.respondentCount,
  }));
  const inTree = new Set(raw.map((set) => set.key));
  for (const ledger of [scoreLedger, commentLedger]) {
    for (const [key, snapshot] of ledger) {
      if (inTree.has(key)) continue;
      inTree.add(key);
      raw.push({ key, ids: snapshot.memberIds, respondentCount: snapshot.respondentCount });
    }
  }
  raw.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const universe = [...new Set(raw.flatMap((set) => set.ids))].sort();
  const indexOf = new Map(universe.map((id, index) => [id, index]));
  return raw.map((set) => ({
    key: set.key,
    sortedIds: [...set.ids].sort(),
    respondentCount: set.respondentCount,
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
    .map((set) => sets[set]?.key ?? '')
    .sort();

  const containerIndexes = [group.podKey, group.parentKey]
    .filter((key): key is string => typeof key === 'string' && (childCount.get(key) ?? 0) >= 2)
    .map((key) => setIndex.get(key));
  if (
    check.side === 'outside' &&
    containerIndexes.some((i) => i !== undefined && check.containers.includes(i))
  ) {
    return { reason: 'complementary', conflictsWith };
  }
  const partners =
    check.containers.length > 0
      ? check.containers
      : scores.releasedSets().filter((set) => intersects(set, own));
  const nested = partners.some((set) => within(set, own) || within(index, atomsOf(set)));
  return { reason: nested ? 'differencing_nested' : 'differencing_overlap', conflictsWith };
}

interface CommentContext {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly commentLedger: ReadonlyMap<string, LedgerSnapshot>;
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
    ? new ReleasedPartition(context.fine, context.threshold, MIN_TEAM_SIZE)
    : undefined;
  for (const key of context.commentLedger.keys()) {
    const index = context.setIndex.get(key);
    if (index !== undefined) partition?.add(index);
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

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
