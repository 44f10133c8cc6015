import { COMMENTS_STATISTIC } from './constants.js';
import type { GroupNode, GroupTree } from './types.js';
import type { ReleaseTiming } from './windows.js';

/** The caller handed the guard a tree that cannot be true; refusing beats guessing. */
export class GroupTreeError extends Error {
  override readonly name = 'GroupTreeError';
}

export function assertKeyPart(what: string, value: string): void {
  if (value.length === 0 || value.includes(':')) {
    throw new GroupTreeError(`${what} must be a non-empty string without ':' (got ${JSON.stringify(value)})`);
  }
}

export function assertStatistics(statistics: readonly string[]): void {
  if (statistics.length === 0) throw new GroupTreeError('at least one statistic must be released');
  if (new Set(statistics).size !== statistics.length) throw new GroupTreeError('statistics must be unique');
  for (const statistic of statistics) {
    assertKeyPart('a statistic name', statistic);
    if (statistic === COMMENTS_STATISTIC) {
      throw new GroupTreeError(`'${COMMENTS_STATISTIC}' is reserved for comment releases`);
    }
  }
}

/**
 * Checks the structural promises the rest of the guard relies on for its reasons and
 * roll-ups. (Safety itself rests only on member sets and counts.)
 */
export function validateTree(tree: GroupTree): Map<string, GroupNode> {
  assertKeyPart('releaseKey', tree.releaseKey);
  const byKey = new Map<string, GroupNode>();
  for (const group of tree.groups) {
    assertKeyPart('a group key', group.key);
    if (byKey.has(group.key)) throw new GroupTreeError(`duplicate group key ${group.key}`);
    byKey.set(group.key, group);
    const members = new Set(group.memberIds);
    if (members.size !== group.memberIds.length) {
      throw new GroupTreeError(`group ${group.key} lists a member twice`);
    }
    for (const id of group.memberIds) {
      if (id.length === 0) throw new GroupTreeError(`group ${group.key} has an empty member id`);
    }
    if (
      !Number.isSafeInteger(group.respondentCount) ||
      group.respondentCount < 0 ||
      group.respondentCount > members.size
    ) {
      throw new GroupTreeError(
        `group ${group.key}: respondentCount must be a whole number between 0 and its ${members.size} members`,
      );
    }
  }

  for (const group of tree.groups) {
    if (group.podKey && group.kind === 'pod') {
      throw new GroupTreeError(`pod ${group.key} cannot itself be merged into a pod`);
    }
    const containers: [string, string | null | undefined][] = [
      ['parent', group.parentKey],
      ['pod', group.podKey],
    ];
    for (const [label, containerKey] of containers) {
      if (containerKey === null || containerKey === undefined) continue;
      const container = byKey.get(containerKey);
      if (!container) throw new GroupTreeError(`group ${group.key}: unknown ${label} ${containerKey}`);
      if (label === 'pod' && container.kind !== 'pod') {
        throw new GroupTreeError(`group ${group.key}: podKey ${containerKey} is not a pod`);
      }
      // Roll-up only works if the container really counts the child's people.
      const containerMembers = new Set(container.memberIds);
      if (!group.memberIds.every((id) => containerMembers.has(id))) {
        throw new GroupTreeError(`group ${group.key} has members that its ${label} ${containerKey} lacks`);
      }
    }
  }

  for (const group of tree.groups) {
    const seen = new Set<string>();
    let current: GroupNode | undefined = group;
    while (current?.parentKey) {
      if (seen.has(current.key)) throw new GroupTreeError(`parent chain of ${group.key} loops`);
      seen.add(current.key);
      current = byKey.get(current.parentKey);
    }
  }
  return byKey;
}

export function depthOf(group: GroupNode, byKey: ReadonlyMap<string, GroupNode>): number {
  let depth = 0;
  let current = group;
  while (current.parentKey) {
    const parent = byKey.get(current.parentKey);
    if (!parent) break;
    current = parent;
    depth += 1;
  }
  return depth;
}

export function assertTiming(what: string, timing: ReleaseTiming | undefined): void {
  const window = timing?.window;
  if (
    !timing ||
    !window ||
    !Number.isFinite(window.start) ||
    !Number.isFinite(window.end) ||
    window.start > window.end
  ) {
    throw new GroupTreeError(`${what} needs an answer window with start <= end (epoch milliseconds)`);
  }
  if (!Number.isFinite(timing.periodMs) || timing.periodMs <= 0) {
    throw new GroupTreeError(`${what} needs a positive cadence period`);
  }
}
