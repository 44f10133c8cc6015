import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMENT_MIN_RESPONDENTS, prepareComments } from '../../../src/scoring/anonymity/index.js';

const dated = (texts: string[]) =>
  texts.map((text, i) => ({ text, submittedAt: `2025-01-0${i + 1}T09:00:00Z`, ballotId: `b${i}` }));

describe('prepareComments', () => {
  it('withholds comments below 10 respondents, however many comments there are', () => {
    expect(COMMENT_MIN_RESPONDENTS).toBe(10);
    expect(prepareComments(dated(['a', 'b', 'c']), 9, () => 0)).toEqual({
      released: false,
      reason: 'comments_below_min',
    });
  });

  it('returns text only, in the order the injected rng decides', () => {
    const result = prepareComments(dated(['first', 'second', 'third']), 10, () => 0);
    // rng 0 always swaps with index 0: [a,b,c] → [c,b,a] → [b,c,a].
    expect(result).toEqual({ released: true, comments: ['second', 'third', 'first'] });
  });

  it('drops blank comments and trims the rest', () => {
    expect(prepareComments([{ text: '  ok ' }, { text: '   ' }], 12, () => 0.5)).toEqual({
      released: true,
      comments: ['ok'],
    });
  });

  it('is a permutation of the non-blank input for any rng', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s.length > 0)),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1 }),
        (texts, draws) => {
          let i = 0;
          const rng = () => draws[i++ % draws.length] as number;
          const result = prepareComments(
            texts.map((text) => ({ text })),
            10,
            rng,
          );
          expect(result.released && [...result.comments].sort()).toEqual([...texts].sort());
        },
      ),
    );
  });

  it('rejects an rng outside [0, 1)', () => {
    expect(() => prepareComments(dated(['a', 'b']), 10, () => 1)).toThrow(RangeError);
  });
});
