import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { HandlerDeps } from '../handler-deps.js';

const ClimateCommandSchema = z.object({
  command: z.literal('/climate'),
  text: z.string().max(3000),
  user_id: z.string().min(1),
  team_id: z.string().min(1),
});

export const CLIMATE_HELP = [
  '*relational-climate* — anonymous check-ins on how connected your team feels.',
  '• `/climate help` — this message',
  'Answers are anonymous: results are shown only for groups of at least 5 respondents, after a check-in closes.',
].join('\n');

/** `/climate <subcommand>`: acknowledges at once, then replies only to the person who asked. */
export function climateCommand(_deps: HandlerDeps) {
  return async ({ ack, command, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    const parsed = ClimateCommandSchema.safeParse(command);
    if (!parsed.success) {
      await ack({
        response_type: 'ephemeral',
        text: 'Sorry, that command could not be read. Try `/climate help`.',
      });
      return;
    }
    await ack();
    await respond({ response_type: 'ephemeral', text: CLIMATE_HELP });
  };
}
