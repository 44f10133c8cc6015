import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, filledCells, indexBar, meanBar, textBar, truncate } from '../../src/views/format.js';

describe('view formatting', () => {
  it.each([
    [1, 0],
    [1.2, 1 /* 0.5 cells rounds up */],
    [3, 5],
    [4.6, 9],
    [5, 10],
    [0, 0],
    [7, 10],
  ])('fills a mean of %d with %d of ten cells', (mean, cells) => {
    expect(meanBar(mean)).toBe('▰'.repeat(cells) + '▱'.repeat(10 - cells));
  });

  it.each([
    [0, 0],
    [4, 0],
    [5, 1],
    [68, 7],
    [100, 10],
    [150, 10],
  ])('fills an index of %d with %d of ten cells', (value, cells) => {
    expect([...indexBar(value)].filter((c) => c === '▰')).toHaveLength(cells);
    expect([...indexBar(value)]).toHaveLength(10);
  });

  it('draws an empty bar for a value that is not a number', () => {
    expect(filledCells(Number.NaN)).toBe(0);
    expect(textBar(Number.NaN)).toBe('▱'.repeat(10));
  });

  it('leaves short text alone and collapses whitespace', () => {
    expect(truncate('  a\n\tb  ', 10)).toBe('a b');
  });

  it('cuts long text with an ellipsis and never splits an emoji or a combining sequence', () => {
    const cut = truncate('👩‍👩‍👧‍👦'.repeat(10), 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.slice(0, -1)).toBe('👩‍👩‍👧‍👦'.repeat((cut.length - 1) / 11));
    expect(truncate('éééééééééé'.normalize('NFD'), 5)).toBe('éé…'.normalize('NFD'));
  });

  it('escapes &, < and > for mrkdwn', () => {
    expect(escapeMrkdwn('<!here> & <@U1>')).toBe('&lt;!here&gt; &amp; &lt;@U1&gt;');
  });
});

describe('text cleaning', () => {
  it('replaces lone surrogates and drops control characters, keeping emoji intact', () => {
    expect(truncate('a\uD800b\uDC00c😀\u0000\u0007d', 100)).toBe('a\uFFFDb\uFFFDc😀d');
  });
});
