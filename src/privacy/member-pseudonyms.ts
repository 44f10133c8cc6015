import { createHmac } from 'node:crypto';

/**
 * Pseudonyms for the release ledger's overlap checks: HMAC of the user id under a key
 * derived per workspace and round, so two teams' invited sets can be compared within a
 * round without storing Slack ids, and nothing links a person across rounds.
 */
export function memberPseudonyms(
  encryptionKey: Buffer,
  ids: { workspaceId: string; roundKey: string },
  slackUserIds: readonly string[],
): string[] {
  const roundKey = createHmac('sha256', encryptionKey)
    .update(`ledger\u0000${ids.workspaceId}\u0000${ids.roundKey}`)
    .digest();
  return slackUserIds.map((userId) =>
    createHmac('sha256', roundKey).update(userId).digest('base64url').slice(0, 22),
  );
}
