import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { assertValidMessage } from '../../slack/block-kit-limits.js';
import { runSubcommand } from '../../teams/climate-commands.js';
import { ForbiddenError } from '../../teams/roles.js';
import { errorReply, helpReply, type Reply, refusalReply } from '../../views/command-replies.js';
import type { HandlerDeps } from '../handler-deps.js';
import { parseClimateText } from './climate-parse.js';

const ClimateCommandSchema = z.object({
  command: z.literal('/climate'),
  text: z.string().max(3000),
  user_id: z.string().min(1),
  team_id: z.string().min(1),
  trigger_id: z.string().min(1),
});

/** The plain help text (kept for callers that show it outside a command). */
export const CLIMATE_HELP = helpReply().text;

/**
 * `/climate <subcommand>`: acknowledges at once, reads the text into a subcommand with
 * zod, lets the services do the work and answers only the person who asked. A role
 * refusal becomes a polite ephemeral message; any other failure a short apology, never
 * a stack trace (it is logged without the command text).
 */
export function climateCommand(deps: HandlerDeps) {
  return async ({
    ack,
    command,
    respond,
    client,
  }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    const parsed = ClimateCommandSchema.safeParse(command);
    if (!parsed.success) {
      await ack({
        response_type: 'ephemeral',
        text: 'Sorry, that command could not be read. Try `/climate help`.',
      });
      return;
    }
    await ack();
    const { text, user_id, team_id, trigger_id } = parsed.data;
    const sub = parseClimateText(text);
    let reply: Reply | null;
    try {
      reply = await runSubcommand(
        deps,
        { caller: { slackTeamId: team_id, userId: user_id }, triggerId: trigger_id, client },
        sub,
      );
    } catch (error) {
      if (error instanceof ForbiddenError) {
        deps.logger.info({ subcommand: sub.kind, role: error.role }, '/climate refused');
        reply = refusalReply(error.action, error.teamName);
      } else {
        deps.logger.error({ err: error, subcommand: sub.kind }, '/climate failed');
        reply = errorReply();
      }
    }
    if (!reply) return;
    assertValidMessage(reply);
    await respond({ response_type: 'ephemeral', replace_original: false, ...reply });
  };
}
