import { COMMENT_MIN_RESPONDENTS } from './constants.js';

/** Whatever the store holds next to a comment; only the text survives preparation. */
export interface CommentInput {
  readonly text: string;
}

export type PreparedComments =
  | { readonly released: true; readonly comments: readonly string[] }
  | { readonly released: false; readonly reason: 'comments_below_min' };

/**
 * Turns a released group's comments into what may be shown: text only (no dates, ids or
 * other fields, which could be lined up with who was online), in a random order so the
 * order of writing cannot be read back. `respondentCount` is the group's respondents, not
 * the number of comments: a minority of a large group may comment and stay hidden in it.
 * Callers must also have planRelease's comment decision for the group; this function
 * does not know about differencing.
 */
export function prepareComments(
  comments: readonly CommentInput[],
  respondentCount: number,
  rng: () => number,
): PreparedComments {
  if (!Number.isSafeInteger(respondentCount) || respondentCount < COMMENT_MIN_RESPONDENTS) {
    return { released: false, reason: 'comments_below_min' };
  }
  const texts = comments.map((comment) => comment.text.trim()).filter((text) => text.length > 0);
  // Fisher–Yates: every order equally likely, given a uniform rng.
  for (let i = texts.length - 1; i > 0; i -= 1) {
    const r = rng();
    if (!(r >= 0 && r < 1)) throw new RangeError(`rng must return a number in [0, 1), got ${r}`);
    const j = Math.floor(r * (i + 1));
    const swap = texts[i] as string;
    texts[i] = texts[j] as string;
    texts[j] = swap;
  }
  return { released: true, comments: texts };
}
