/**
 * The audit log: every settings change, with who, what, when and the settings before
 * and after. It records configuration only (team settings, leads, admins, k, defaults),
 * never answers, participation or anything a cycle collected.
 *
 * Privacy-affecting changes (k, comments, where check-ins go) are also announced in
 * the team's summary channel, so the people a promise is made to learn when it changes.
 */
import type { Prisma } from '../generated/prisma/client.js';

export type AuditAction =
  | 'admin.bootstrap'
  | 'admin.add'
  | 'team.create'
  | 'team.update'
  | 'team.pause'
  | 'team.resume'
  | 'workspace.defaults'
  | 'workspace.raise_k';

export interface AuditEntry {
  workspaceId: string;
  actorUserId: string;
  action: AuditAction;
  target?: string;
  details?: Prisma.InputJsonValue;
}

type AuditWriter = Pick<Prisma.TransactionClient, 'auditEvent'>;

/** Stores one audit event; pass the transaction the change itself is written in. */
export async function recordAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      workspaceId: entry.workspaceId,
      actorUserId: entry.actorUserId,
      action: entry.action,
      target: entry.target ?? null,
      ...(entry.details !== undefined ? { details: entry.details } : {}),
    },
  });
}

/** A JSON-safe scalar setting. */
export type SettingValue = string | number | boolean | null | readonly string[];

/** The settings that changed, as `{ field: { before, after } }`; unchanged ones are left out. */
export function settingsDiff<T extends Record<string, SettingValue>>(
  before: T | null,
  after: T,
): Record<string, { before: SettingValue; after: SettingValue }> {
  const out: Record<string, { before: SettingValue; after: SettingValue }> = {};
  for (const key of Object.keys(after)) {
    const a = after[key] ?? null;
    const b = before ? (before[key] ?? null) : null;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = { before: b, after: a };
  }
  return out;
}

/** A change people answering should hear about: who is asked, whether comments are collected, k. */
export type PrivacyChange =
  | { kind: 'source'; sourceType: 'channel' | 'usergroup' | null; sourceId: string | null }
  | { kind: 'comments'; enabled: boolean }
  | { kind: 'k'; k: number };

/** The privacy-affecting part of a team settings diff (a new team announces all of it). */
export function privacyChangesOf(
  diff: Record<string, { before: SettingValue; after: SettingValue }>,
  after: { sourceType: 'channel' | 'usergroup' | null; sourceId: string | null; commentsEnabled: boolean },
): PrivacyChange[] {
  const changes: PrivacyChange[] = [];
  if ('sourceType' in diff || 'sourceId' in diff) {
    changes.push({ kind: 'source', sourceType: after.sourceType, sourceId: after.sourceId });
  }
  if ('commentsEnabled' in diff) changes.push({ kind: 'comments', enabled: after.commentsEnabled });
  return changes;
}
