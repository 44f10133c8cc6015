import type { types } from '@slack/bolt';
import type { SlackMessage } from './checkin-dm.js';
import { COPY } from './copy.js';
import { escapeMrkdwn, truncate } from './format.js';
import { plainTeamName } from './names.js';

/** Sections per message: well under Slack's 50 blocks, leaving room for the heading. */
export const COMMENTS_PER_MESSAGE = 40;
const COMMENT_MAX = 2_000;
/** Slack's section text limit, less a margin. */
const SECTION_TEXT_MAX = 2_900;

/** The comment as a mrkdwn quote that fits a section, however much escaping grows it. */
function quoted(comment: string): string {
  let text = truncate(comment, COMMENT_MAX, { collapseWhitespace: false });
  const render = (t: string) => `> ${escapeMrkdwn(t).replace(/\n/g, '\n> ')}`;
  while (render(text).length > SECTION_TEXT_MAX)
    text = truncate(text, Math.floor(text.length * 0.8), { collapseWhitespace: false });
  return render(text);
}

/**
 * A cycle's released comments as thread replies under the summary: text only, in the
 * order given (already shuffled), never beside a score. As many messages as needed so
 * no comment is dropped.
 */
export function commentsMessages(input: { teamName: string; comments: readonly string[] }): SlackMessage[] {
  const team = plainTeamName(input.teamName);
  const messages: SlackMessage[] = [];
  for (let start = 0; start < input.comments.length; start += COMMENTS_PER_MESSAGE) {
    const chunk = input.comments.slice(start, start + COMMENTS_PER_MESSAGE);
    const first = start === 0;
    const blocks: types.KnownBlock[] = [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: first
              ? `*${escapeMrkdwn(COPY.comments.heading(team))}*\n${COPY.comments.note}`
              : COPY.comments.continued,
          },
        ],
      },
      ...chunk.map(
        (comment): types.KnownBlock => ({
          type: 'section',
          text: { type: 'mrkdwn', text: quoted(comment) },
        }),
      ),
    ];
    messages.push({ text: first ? COPY.comments.heading(team) : COPY.comments.continued, blocks });
  }
  return messages;
}
