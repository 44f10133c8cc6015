import { createHmac, randomBytes } from 'node:crypto';
import { open, seal } from '../crypto/secret-box.js';

/**
 * The per-cycle participation key: 32 random bytes, stored only sealed under the
 * service's ENCRYPTION_KEY (bound to the cycle id) and destroyed when the cycle closes.
 * While it exists it turns a Slack user id into a tag that says "this person answered"
 * without saying who; once it is gone nobody, the operator included, can recompute a
 * tag, so the stored tags identify no one. A plain hash would not do: Slack user ids
 * are few enough to enumerate.
 */
export function newParticipationKey(): Buffer {
  return randomBytes(32);
}

export function sealParticipationKey(encryptionKey: Buffer, cycleId: string, key: Buffer): string {
  return seal(encryptionKey, key, `participation:${cycleId}`);
}

export function openParticipationKey(encryptionKey: Buffer, cycleId: string, sealed: string): Buffer {
  return open(encryptionKey, sealed, `participation:${cycleId}`);
}

/** HMAC-SHA256(key, workspace ‖ user ‖ cycle): one tag per person per cycle. */
export function participationTag(
  key: Buffer,
  ids: { slackTeamId: string; slackUserId: string; cycleId: string },
): Buffer {
  return createHmac('sha256', key)
    .update(`${ids.slackTeamId}\u0000${ids.slackUserId}\u0000${ids.cycleId}`)
    .digest();
}

/**
 * The tag that records "reminded", in a domain of its own so that reminder marks and
 * participation tags of the same person differ and cannot be joined.
 */
export function reminderTag(
  key: Buffer,
  ids: { slackTeamId: string; slackUserId: string; cycleId: string },
): Buffer {
  return createHmac('sha256', key)
    .update(`reminder\u0000${ids.slackTeamId}\u0000${ids.slackUserId}\u0000${ids.cycleId}`)
    .digest();
}
