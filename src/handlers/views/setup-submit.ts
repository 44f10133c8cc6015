import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { assertValidModal } from '../../slack/block-kit-limits.js';
import { announcePrivacyChange } from '../../teams/announce.js';
import { ForbiddenError, requireRole } from '../../teams/roles.js';
import {
  findWorkspaceTeam,
  kForNextCycle,
  nextCheckinAt,
  SETTINGS_MESSAGES,
  saveTeamSettings,
  TeamSettingsSchema,
} from '../../teams/team-settings.js';
import { ensureWorkspace } from '../../teams/workspace.js';
import { refusalReply, scheduleText } from '../../views/command-replies.js';
import { formatDateTime } from '../../views/format.js';
import {
  FIELD_BLOCKS,
  readSetupState,
  SETUP_BLOCKS,
  SetupMetadataSchema,
  SetupStateValueSchema,
  setupRefusedModal,
  setupSavedModal,
  timezoneErrorBlock,
} from '../../views/setup-modal.js';
import type { HandlerDeps } from '../handler-deps.js';

const SetupSubmissionSchema = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string().min(1) }).nullable(),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), SetupStateValueSchema)) }),
  }),
});

function parseMetadata(raw: string) {
  try {
    return SetupMetadataSchema.safeParse(JSON.parse(raw || '{}'));
  } catch {
    return SetupMetadataSchema.safeParse(null);
  }
}

/**
 * The setup modal's submission. Everything that can be wrong is reported inline on its
 * block (`response_action: errors`) within Slack's three seconds: missing name, a name
 * another team has, no channel or user group, weekday, hour, time zone, response window.
 * The role is checked again here (a modal can outlive a role). A valid team is stored
 * with its leads and audit event before the modal closes; then its scheduler is
 * created or replaced and privacy-affecting changes are announced in its summary channel.
 */
export function setupSubmit(deps: HandlerDeps) {
  return async ({ ack, body, client }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const parsed = SetupSubmissionSchema.safeParse(body);
    const metadata = parsed.success ? parseMetadata(parsed.data.view.private_metadata) : undefined;
    const slackTeamId = parsed.success ? (parsed.data.team?.id ?? parsed.data.user.team_id) : undefined;
    if (!parsed.success || !metadata?.success || !slackTeamId) {
      deps.logger.warn('setup submission did not validate');
      await ack({
        response_action: 'update',
        view: setupRefusedModal('This form could not be read. Please run `/climate setup` again.'),
      });
      return;
    }
    const state = parsed.data.view.state.values;
    const settings = TeamSettingsSchema.safeParse(readSetupState(state));
    if (!settings.success) {
      const errors: Record<string, string> = {};
      for (const issue of settings.error.issues) {
        const field = String(issue.path[0] ?? '');
        const block =
          field === 'timezone' ? timezoneErrorBlock(state) : (FIELD_BLOCKS[field] ?? SETUP_BLOCKS.name);
        errors[block] ??= issue.message;
      }
      await ack({ response_action: 'errors', errors });
      return;
    }

    const caller = { slackTeamId, userId: parsed.data.user.id };
    const workspace = await ensureWorkspace(deps.prisma, slackTeamId, deps.config);
    const { teamId } = metadata.data;
    try {
      if (teamId) {
        const team = await findWorkspaceTeam(deps.prisma, workspace.id, teamId);
        if (!team) {
          await ack({ response_action: 'update', view: setupRefusedModal('This team no longer exists.') });
          return;
        }
        await requireRole(deps.prisma, caller, ['hr_admin', 'lead'], 'setup_team', team);
      } else {
        await requireRole(deps.prisma, caller, ['hr_admin'], 'setup_new_team');
      }
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      await ack({
        response_action: 'update',
        view: setupRefusedModal(refusalReply(error.action, error.teamName).text),
      });
      return;
    }

    const result = await saveTeamSettings(deps.prisma, {
      workspace,
      actorUserId: caller.userId,
      ...(teamId ? { teamId } : {}),
      settings: settings.data,
    });
    if (result.status === 'name_taken') {
      await ack({ response_action: 'errors', errors: { [SETUP_BLOCKS.name]: SETTINGS_MESSAGES.nameTaken } });
      return;
    }
    if (result.status === 'missing') {
      await ack({ response_action: 'update', view: setupRefusedModal('This team no longer exists.') });
      return;
    }
    const { team } = result;
    const next = nextCheckinAt(team, deps.clock.now());
    const saved = setupSavedModal({
      teamName: team.name,
      lines: [
        team.paused ? 'Check-ins are paused.' : `Check-ins run ${scheduleText(team)}.`,
        ...(next ? [`The next one opens ${formatDateTime(next, team.timezone)}.`] : []),
        team.summaryChannelId
          ? `Summaries are posted in <#${team.summaryChannelId}>.`
          : 'No summary channel: summaries appear in the leads’ App Home.',
      ],
    });
    assertValidModal(saved);
    await ack({ response_action: 'update', view: saved });
    deps.logger.info({ teamId: team.id, created: result.created }, 'team settings saved');

    try {
      await deps.scheduleTeam(team);
    } catch (error) {
      // The settings are stored; the worker re-creates every team's scheduler at start.
      deps.logger.error({ err: error, teamId: team.id }, 'team scheduler could not be updated');
    }
    await announcePrivacyChange(
      { client, logger: deps.logger },
      {
        channel: team.summaryChannelId,
        teamName: team.name,
        actorUserId: caller.userId,
        created: result.created,
        changes: result.privacyChanges,
        k: kForNextCycle(team, workspace),
      },
    );
  };
}
