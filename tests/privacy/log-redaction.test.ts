import { describe, expect, it } from 'vitest';
import { captureLogger } from '../helpers/logger.js';

/**
 * Privacy invariant 6: logs never carry answer values, free text or tokens. The
 * payload below has the shape Slack sends on view_submission, plus the objects our
 * own code handles; every secret in it is a marker that must not appear in the output.
 */
const MARKERS = {
  answerValue: 'ANSWER-VALUE-4711',
  comment: 'COMMENT-TEXT-my-lead-never-listens',
  botToken: 'xoxb-TOKEN-MARKER-123',
  refreshToken: 'xoxe-REFRESH-MARKER',
  privateMetadata: 'PRIVATE-METADATA-MARKER',
  signature: 'v0=SIGNATURE-MARKER',
};

const viewSubmission = {
  type: 'view_submission',
  team: { id: 'T0000000001' },
  user: { id: 'U0000000001' },
  token: MARKERS.botToken,
  view: {
    id: 'V1',
    callback_id: 'checkin',
    private_metadata: MARKERS.privateMetadata,
    state: {
      values: {
        'zest.1': { answer: { type: 'radio_buttons', selected_option: { value: MARKERS.answerValue } } },
        comment: { comment: { type: 'plain_text_input', value: MARKERS.comment } },
      },
    },
  },
};

describe('the logger', () => {
  it.each([
    ['a whole view_submission payload', { payload: viewSubmission }],
    ['the payload spread at top level', viewSubmission],
    ['the view alone', { view: viewSubmission.view }],
    ['answer values', { values: { 'zest.1': MARKERS.answerValue } }],
    ['a stored answer', { answer: { id: 'a', values: { 'zest.1': MARKERS.answerValue } } }],
    ['a comment', { comment: MARKERS.comment }],
    [
      'installation tokens',
      { installation: { bot: { token: MARKERS.botToken, refreshToken: MARKERS.refreshToken } } },
    ],
    [
      'request headers',
      { headers: { authorization: `Bearer ${MARKERS.botToken}`, 'x-slack-signature': MARKERS.signature } },
    ],
    [
      'secrets nested deep in an object',
      { a: { b: { c: { d: { e: { token: MARKERS.botToken, values: [MARKERS.answerValue] } } } } } },
    ],
    [
      'an error carrying a payload',
      { err: Object.assign(new Error('slack call failed'), { data: { token: MARKERS.botToken } }) },
    ],
    ['a raw body', { body: `payload=${encodeURIComponent(JSON.stringify(viewSubmission))}` }],
  ])('prints no secret from %s', (_label, object) => {
    const { logger, lines } = captureLogger();
    logger.info(object, 'submission received');
    logger.error({ err: new Error('failed'), ...object }, 'submission failed');
    const output = lines().join('\n');
    expect(output).toContain('submission received');
    for (const marker of Object.values(MARKERS)) expect(output).not.toContain(marker);
  });

  it('still prints the ids that make a log line useful', () => {
    const { logger, lines } = captureLogger();
    logger.info({ cycleId: 'c-1', teamId: 't-1', jobId: 'checkin-deliver-1' }, 'delivered');
    expect(JSON.parse(lines()[0]!)).toMatchObject({
      cycleId: 'c-1',
      teamId: 't-1',
      jobId: 'checkin-deliver-1',
    });
  });
});
