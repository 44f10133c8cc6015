/** Interaction payloads shaped as Slack sends them, for the check-in button and modal. */

export const TEST_SLACK_TEAM = 'T0000000001';

export function startCheckinClick(input: {
  user: string;
  cycleId: string;
  triggerId: string;
  slackTeamId?: string;
  messageTs?: string;
}) {
  const team = input.slackTeamId ?? TEST_SLACK_TEAM;
  const channel = `D${input.user.slice(1)}`;
  const ts = input.messageTs ?? '1700000001.000100';
  return {
    type: 'block_actions',
    team: { id: team, domain: 'example' },
    user: { id: input.user, username: input.user.toLowerCase(), team_id: team },
    api_app_id: 'A0000000001',
    token: 'legacy',
    trigger_id: input.triggerId,
    container: { type: 'message', channel_id: channel, message_ts: ts, is_ephemeral: false },
    channel: { id: channel, name: 'directmessage' },
    message: { type: 'message', ts, text: 'check-in' },
    actions: [
      {
        type: 'button',
        action_id: 'checkin_start',
        block_id: 'start',
        value: input.cycleId,
        action_ts: '1700000002.1',
      },
    ],
    response_url: `https://hooks.slack.com/actions/${team}/1/x`,
  };
}

export interface OpenedModal {
  callback_id: string;
  private_metadata: string;
  blocks: { type: string; block_id?: string }[];
}

/** The modal's input block ids, in order. */
export function modalInputs(view: OpenedModal): string[] {
  return view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id!);
}

/** Radio answers for every item block (and the comment box, when given), as view.state.values. */
export function answeredState(
  inputs: readonly string[],
  answerFor: (blockId: string, position: number) => number | null,
  comment?: string,
) {
  return Object.fromEntries(
    inputs.map((blockId, position) => {
      if (blockId === 'comment')
        return [blockId, { comment: { type: 'plain_text_input', value: comment || null } }];
      const value = answerFor(blockId, position);
      return [
        blockId,
        {
          answer: {
            type: 'radio_buttons',
            selected_option: value === null ? null : { value: String(value) },
          },
        },
      ];
    }),
  );
}

export function checkinSubmission(input: {
  user: string;
  view: Pick<OpenedModal, 'callback_id' | 'private_metadata'>;
  values: object;
  slackTeamId?: string;
}) {
  const team = input.slackTeamId ?? TEST_SLACK_TEAM;
  return {
    type: 'view_submission',
    team: { id: team, domain: 'example' },
    user: { id: input.user, username: input.user.toLowerCase(), team_id: team },
    api_app_id: 'A0000000001',
    token: 'legacy',
    trigger_id: 'trigger-submit',
    view: {
      id: 'V1',
      team_id: team,
      type: 'modal',
      callback_id: input.view.callback_id,
      private_metadata: input.view.private_metadata,
      state: { values: input.values },
      hash: 'h',
      blocks: [],
    },
  };
}
