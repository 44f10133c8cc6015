import { createHmac } from 'node:crypto';

/**
 * Pseudonyms for the release ledger: HMAC of the user id under a key derived per
 * workspace, so invited sets can be compared across every release the ledger combines
 * or compares — other groups' releases in nearby weeks, a group's own earlier releases
 * — without storing Slack ids. They say who was invited to which group when (what the
 * organisation chart says anyway), never who answered; and they mean nothing outside
 * the workspace or without ENCRYPTION_KEY.
 */
export function memberPseudonyms(
  encryptionKey: Buffer,
  ids: { workspaceId: string },
  slackUserIds: readonly string[],
): string[] {
  const workspaceKey = createHmac('sha256', encryptionKey)
    .update(`ledger-members\u0000${ids.workspaceId}`)
    .digest();
  return slackUserIds.map((userId) =>
    createHmac('sha256', workspaceKey).update(userId).digest('base64url').slice(0, 22),
  );
}
