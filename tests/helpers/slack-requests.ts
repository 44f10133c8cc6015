import { createHmac } from 'node:crypto';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_BOT_TOKEN = 'xoxb-test-0000-token';

export interface SignedRequestOptions {
  secret?: string;
  /** Unix seconds; defaults to now */
  timestamp?: number;
  /** override the computed signature (to test rejection) */
  signature?: string;
  path?: string;
}

export interface SlackResponse {
  status: number;
  text: string;
  json(): unknown;
}

/** Signs `v0:{timestamp}:{rawBody}` exactly as Slack does. */
export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** POSTs the same bytes Slack would send to the bot's real HTTP receiver. */
export async function postSigned(
  baseUrl: string,
  rawBody: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: SignedRequestOptions = {},
): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature ?? slackSignature(options.secret ?? TEST_SIGNING_SECRET, timestamp, rawBody);
  const response = await fetch(new URL(options.path ?? '/slack/events', baseUrl), {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
    body: rawBody,
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

export interface SlashCommand {
  command: string;
  text?: string;
  user_id: string;
  team_id: string;
  channel_id?: string;
  trigger_id?: string;
  response_url?: string;
}

export function commandBody(command: SlashCommand): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: command.team_id,
    team_domain: 'example',
    channel_id: command.channel_id ?? 'C0000000001',
    channel_name: 'general',
    user_id: command.user_id,
    user_name: 'someone',
    command: command.command,
    text: command.text ?? '',
    api_app_id: 'A0000000001',
    response_url: command.response_url ?? 'https://hooks.slack.com/commands/T0000000001/1/abc',
    trigger_id: command.trigger_id ?? '1.2.3',
  }).toString();
}

export function postCommand(baseUrl: string, command: SlashCommand, options?: SignedRequestOptions) {
  return postSigned(baseUrl, commandBody(command), 'application/x-www-form-urlencoded', options);
}

/** Interactivity (block_actions, view_submission): `payload=<urlencoded JSON>`. */
export function postInteraction(baseUrl: string, payload: unknown, options?: SignedRequestOptions) {
  return postSigned(
    baseUrl,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
    options,
  );
}

/** Events API envelope. */
export function postEvent(baseUrl: string, envelope: unknown, options?: SignedRequestOptions) {
  return postSigned(baseUrl, JSON.stringify(envelope), 'application/json', options);
}
