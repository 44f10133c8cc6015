import { describe, expect, it } from 'vitest';
import { validateMessage } from '../../src/slack/block-kit-limits.js';
import { COMMENTS_PER_MESSAGE, commentsMessages } from '../../src/views/comments-message.js';

describe('commentsMessages', () => {
  it('keeps every comment, in the given order, split across messages within Slack limits', () => {
    const comments = Array.from({ length: 95 }, (_, i) => `comment number ${i}`);
    const messages = commentsMessages({ teamName: 'Platform', comments });
    expect(messages).toHaveLength(Math.ceil(95 / COMMENTS_PER_MESSAGE));
    const shown = messages.flatMap((m) =>
      m.blocks.filter((b) => b.type === 'section').map((b) => JSON.stringify(b)),
    );
    expect(shown).toHaveLength(95);
    for (const [i, c] of comments.entries()) expect(shown[i]).toContain(c);
    for (const message of messages) expect(validateMessage(message)).toEqual([]);
  });

  it('fits a comment that escaping would blow past the section limit, and escapes mentions', () => {
    const [message] = commentsMessages({ teamName: 'T', comments: ['&'.repeat(2_000), '<!channel> hello'] });
    expect(validateMessage(message!)).toEqual([]);
    expect(JSON.stringify(message)).not.toContain('<!channel>');
  });

  it('says why comments are shown and that they are apart from the scores, without numbers of people', () => {
    const [message] = commentsMessages({ teamName: 'Platform', comments: ['one'] });
    const heading = JSON.stringify(message!.blocks[0]);
    expect(heading).toContain('random order');
    expect(heading).toContain('apart from the scores');
    expect(heading).not.toMatch(/\d/);
  });
});
