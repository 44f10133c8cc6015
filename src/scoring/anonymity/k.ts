import { MIN_K } from './constants.js';

/** Raised for a k that would weaken the promise; callers must not catch and continue. */
export class AnonymityThresholdError extends Error {
  override readonly name = 'AnonymityThresholdError';
}

/**
 * Validates a configured minimum-respondent threshold. Missing means the default; anything
 * below MIN_K is refused loudly instead of being clamped, so a misconfiguration is noticed
 * rather than silently turned into a different promise.
 */
export function normaliseK(k?: number | null): number {
  if (k === undefined || k === null) return MIN_K;
  if (!Number.isSafeInteger(k)) {
    throw new AnonymityThresholdError(`k must be a whole number, got ${String(k)}`);
  }
  if (k < MIN_K) {
    throw new AnonymityThresholdError(
      `k must be at least ${MIN_K} respondents (got ${k}); it can only be raised, never lowered`,
    );
  }
  return k;
}

/**
 * A cycle keeps the k it opened with. Changing it mid-cycle would let one cycle's releases
 * mix two thresholds, and lowering it would release groups people were told stay hidden.
 */
export function assertKUnchanged(openedWith: number, requested: number): number {
  const opened = normaliseK(openedWith);
  const wanted = normaliseK(requested);
  if (opened !== wanted) {
    throw new AnonymityThresholdError(
      `this cycle opened with k = ${opened}; it cannot be changed to ${wanted} before the next cycle`,
    );
  }
  return opened;
}
