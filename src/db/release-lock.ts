import { createHash } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.js';

/**
 * The lock that serialises a workspace's releases. Deciding what may be published reads
 * the release ledger, plans against it and writes both the ledger and the summary; two
 * workers doing that at once for overlapping groups each plan against a ledger without
 * the other's release, and both publish (issue 11: both released in 13–14 of 20 runs
 * with two worker processes). Every plan-and-release of a workspace therefore runs in
 * a transaction that first takes this lock.
 *
 * A transaction-scoped advisory lock, not SERIALIZABLE: it waits instead of failing,
 * so the second release simply plans against the first one's ledger; it is released by
 * commit, rollback or a dropped connection, so a killed worker cannot leave it held; and
 * it is scoped to one workspace, whose ledger is the only thing releases share. On PGlite
 * (one connection, transactions already run one at a time) the same statement runs and
 * is granted at once.
 */

/** Advisory-lock namespace of release decisions (the first of the two int4 keys). */
const RELEASE_LOCK_NAMESPACE = int32(
  createHash('sha256').update('relational-climate:release-ledger').digest(),
);

function int32(bytes: Buffer): number {
  return bytes.readInt32BE(0);
}

/** The second key: the workspace, hashed to 32 bits (a collision only serialises two workspaces). */
export function releaseLockKey(workspaceId: string): [namespace: number, workspace: number] {
  return [RELEASE_LOCK_NAMESPACE, int32(createHash('sha256').update(workspaceId).digest())];
}

/** Waits for the workspace's release lock; held until the transaction ends. */
export async function takeReleaseLock(tx: Prisma.TransactionClient, workspaceId: string): Promise<void> {
  const [namespace, workspace] = releaseLockKey(workspaceId);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${namespace}::int4, ${workspace}::int4)`;
}
