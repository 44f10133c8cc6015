/**
 * Team and workspace settings: the rules a team's pulse must satisfy, storing a team
 * with its leads, pausing, workspace defaults and raising k. Every change is written
 * together with its audit event in one transaction.
 */
import { z } from 'zod';
import { isValidTimeZone, nextWeekdayAt, toLocal } from '../cycles/local-time.js';
import { opensThisWeek } from '../cycles/team-schedule.js';
import type { PrismaClient } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Cadence, Team, Workspace } from '../generated/prisma/client.js';
import { AnonymityThresholdError, normaliseK } from '../scoring/anonymity/index.js';
import {
  type PrivacyChange,
  privacyChangesOf,
  recordAudit,
  type SettingValue,
  settingsDiff,
} from './audit.js';

/** "europe/berlin" → "Europe/Berlin": the spelling Intl (and cron) use. */
export function canonicalTimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}

export const CADENCES = ['weekly', 'biweekly', 'monthly'] as const satisfies readonly Cadence[];

/** Response windows: at least a day (people work different days), at most two weeks. */
export const MIN_WINDOW_HOURS = 24;
export const MAX_WINDOW_HOURS = 14 * 24;
/** k beyond this would suppress nearly every team; ask the operator instead. */
export const MAX_K = 50;
export const TEAM_NAME_MAX_LENGTH = 80;

export const SETTINGS_MESSAGES = {
  nameMissing: 'Please give the team a name.',
  nameTooLong: `Please keep the name under ${TEAM_NAME_MAX_LENGTH} characters.`,
  nameTaken: 'Another team in this workspace already has this name.',
  sourceMissing: 'Choose the channel whose members are asked, or give a user group id.',
  sourceBoth: 'Choose either a channel or a user group, not both.',
  usergroupFormat: 'A user group id looks like S0123ABCD.',
  cadence: 'Choose how often the check-in runs.',
  weekday: 'Choose a weekday from Monday to Friday.',
  hour: 'Choose an hour from 0 to 23.',
  timezone: 'That is not a time zone we know. Use a name like Europe/Berlin or America/New_York.',
  windowFormat: 'Give the response window as a whole number.',
  windowRange: 'The response window must be at least 24 hours and at most 14 days.',
} as const;

/**
 * One team's settings as the rules allow them. Field names match the Team columns; the
 * paths of its issues are the fields, which the setup modal maps to its blocks.
 */
export const TeamSettingsSchema = z
  .object({
    name: z
      .string({ error: SETTINGS_MESSAGES.nameMissing })
      .trim()
      .min(1, SETTINGS_MESSAGES.nameMissing)
      .max(TEAM_NAME_MAX_LENGTH, SETTINGS_MESSAGES.nameTooLong),
    sourceChannelId: z
      .string()
      .regex(/^[CG][A-Z0-9]+$/, SETTINGS_MESSAGES.sourceMissing)
      .nullable(),
    sourceUsergroupId: z
      .string()
      .trim()
      .regex(/^S[A-Z0-9]+$/, SETTINGS_MESSAGES.usergroupFormat)
      .nullable(),
    summaryChannelId: z
      .string()
      .regex(/^[CG][A-Z0-9]+$/)
      .nullable(),
    leads: z.array(z.string().regex(/^[UW][A-Z0-9]+$/)).max(20),
    cadence: z.enum(CADENCES, { error: SETTINGS_MESSAGES.cadence }),
    weekday: z
      .number({ error: SETTINGS_MESSAGES.weekday })
      .int(SETTINGS_MESSAGES.weekday)
      .min(1, SETTINGS_MESSAGES.weekday)
      .max(5, SETTINGS_MESSAGES.weekday),
    hour: z
      .number({ error: SETTINGS_MESSAGES.hour })
      .int(SETTINGS_MESSAGES.hour)
      .min(0, SETTINGS_MESSAGES.hour)
      .max(23, SETTINGS_MESSAGES.hour),
    timezone: z
      .string({ error: SETTINGS_MESSAGES.timezone })
      .refine(isValidTimeZone, SETTINGS_MESSAGES.timezone)
      .transform(canonicalTimeZone),
    responseWindowHours: z
      .number({ error: SETTINGS_MESSAGES.windowFormat })
      .int(SETTINGS_MESSAGES.windowFormat)
      .min(MIN_WINDOW_HOURS, SETTINGS_MESSAGES.windowRange)
      .max(MAX_WINDOW_HOURS, SETTINGS_MESSAGES.windowRange),
    commentsEnabled: z.boolean(),
  })
  .superRefine((s, ctx) => {
    if (!s.sourceChannelId && !s.sourceUsergroupId) {
      ctx.addIssue({ code: 'custom', path: ['sourceChannelId'], message: SETTINGS_MESSAGES.sourceMissing });
    } else if (s.sourceChannelId && s.sourceUsergroupId) {
      ctx.addIssue({ code: 'custom', path: ['sourceUsergroupId'], message: SETTINGS_MESSAGES.sourceBoth });
    }
  });

export type TeamSettings = z.infer<typeof TeamSettingsSchema>;
export type TeamSettingsField = keyof TeamSettings;

type TeamWithLeads = Team & { leads: { slackUserId: string }[] };

/** What the setup modal edits of a team, as the Team row holds it (leads apart). */
export function editableSettings(team: Team) {
  const { name, sourceType, sourceId, summaryChannelId, cadence, weekday, hour, timezone } = team;
  const { responseWindowHours, commentsEnabled } = team;
  return {
    name,
    sourceType,
    sourceId,
    summaryChannelId,
    cadence,
    weekday,
    hour,
    timezone,
    responseWindowHours,
    commentsEnabled,
  };
}

/** The audited view of a team's settings: what the modal edits, nothing a cycle collected. */
function snapshot(team: TeamWithLeads): Record<string, SettingValue> {
  return { ...editableSettings(team), leads: team.leads.map((l) => l.slackUserId).sort() };
}

/** Case-insensitive: "Platform" and "platform" would confuse everyone reading summaries. */
export async function findTeamByName(prisma: PrismaClient, workspaceId: string, name: string) {
  return prisma.team.findFirst({
    where: { workspaceId, name: { equals: name.trim(), mode: 'insensitive' } },
  });
}

export async function teamNameTaken(
  prisma: PrismaClient,
  workspaceId: string,
  name: string,
  exceptTeamId?: string,
): Promise<boolean> {
  const other = await findTeamByName(prisma, workspaceId, name);
  return Boolean(other && other.id !== exceptTeamId);
}

export type SaveTeamResult =
  | { status: 'saved'; team: TeamWithLeads; created: boolean; privacyChanges: PrivacyChange[] }
  | { status: 'name_taken' }
  | { status: 'missing' };

/**
 * Creates a team (no `teamId`) or updates one, replaces its leads and writes a
 * `team.create` / `team.update` audit event with the changed settings before and after.
 * Role checks are the caller's job; this only enforces the data rules.
 */
export async function saveTeamSettings(
  prisma: PrismaClient,
  input: { workspace: Workspace; actorUserId: string; teamId?: string; settings: TeamSettings },
): Promise<SaveTeamResult> {
  const { workspace, actorUserId, teamId, settings } = input;
  if (await teamNameTaken(prisma, workspace.id, settings.name, teamId)) return { status: 'name_taken' };
  const data = {
    name: settings.name,
    sourceType: settings.sourceChannelId ? ('channel' as const) : ('usergroup' as const),
    sourceId: settings.sourceChannelId ?? settings.sourceUsergroupId,
    summaryChannelId: settings.summaryChannelId,
    cadence: settings.cadence,
    weekday: settings.weekday,
    hour: settings.hour,
    timezone: settings.timezone,
    responseWindowHours: settings.responseWindowHours,
    commentsEnabled: settings.commentsEnabled,
  };
  const leads = [...new Set(settings.leads)];
  try {
    return await prisma.$transaction(async (tx) => {
      const before = teamId
        ? await tx.team.findFirst({
            where: { id: teamId, workspaceId: workspace.id },
            include: { leads: true },
          })
        : null;
      if (teamId && !before) return { status: 'missing' as const };
      const team = before
        ? await tx.team.update({ where: { id: before.id }, data })
        : await tx.team.create({
            data: {
              ...data,
              workspaceId: workspace.id,
              minRespondents: normaliseK(workspace.minRespondents),
            },
          });
      await tx.teamLead.deleteMany({ where: { teamId: team.id, slackUserId: { notIn: leads } } });
      await tx.teamLead.createMany({
        data: leads.map((slackUserId) => ({ teamId: team.id, slackUserId })),
        skipDuplicates: true,
      });
      const saved = await tx.team.findUniqueOrThrow({ where: { id: team.id }, include: { leads: true } });
      const diff = settingsDiff(before ? snapshot(before) : null, snapshot(saved));
      await recordAudit(tx, {
        workspaceId: workspace.id,
        actorUserId,
        action: before ? 'team.update' : 'team.create',
        target: team.id,
        details: { changes: diff },
      });
      return {
        status: 'saved' as const,
        team: saved,
        created: !before,
        privacyChanges: privacyChangesOf(diff, saved),
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { status: 'name_taken' };
    throw error;
  }
}

/** Pauses or resumes a team's pulse; `changed` is false when it already was. */
export async function setPaused(
  prisma: PrismaClient,
  input: { team: Team; actorUserId: string; paused: boolean },
): Promise<{ team: Team; changed: boolean }> {
  const { team, actorUserId, paused } = input;
  if (team.paused === paused) return { team, changed: false };
  return prisma.$transaction(async (tx) => {
    const updated = await tx.team.update({ where: { id: team.id }, data: { paused } });
    await recordAudit(tx, {
      workspaceId: team.workspaceId,
      actorUserId,
      action: paused ? 'team.pause' : 'team.resume',
      target: team.id,
      details: { changes: { paused: { before: team.paused, after: paused } } },
    });
    return { team: updated, changed: true };
  });
}

export interface WorkspaceDefaults {
  cadence: Cadence;
  weekday: number;
  hour: number;
  timezone: string;
}

/** New teams start from these; existing teams keep their own settings. */
export async function setWorkspaceDefaults(
  prisma: PrismaClient,
  input: { workspace: Workspace; actorUserId: string; defaults: WorkspaceDefaults },
): Promise<Workspace> {
  const { workspace, actorUserId, defaults } = input;
  const before = {
    cadence: workspace.defaultCadence,
    weekday: workspace.defaultWeekday,
    hour: workspace.defaultHour,
    timezone: workspace.defaultTimezone,
  };
  return prisma.$transaction(async (tx) => {
    const updated = await tx.workspace.update({
      where: { id: workspace.id },
      data: {
        defaultCadence: defaults.cadence,
        defaultWeekday: defaults.weekday,
        defaultHour: defaults.hour,
        defaultTimezone: defaults.timezone,
      },
    });
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorUserId,
      action: 'workspace.defaults',
      details: { changes: settingsDiff(before, { ...defaults }) },
    });
    return updated;
  });
}

export type RaiseKResult =
  | { status: 'raised'; from: number; to: number }
  | { status: 'not_higher'; current: number; requested: number }
  | { status: 'below_minimum'; requested: number }
  | { status: 'too_high'; max: number };

/**
 * Raises the workspace's k. Only upward and never below 5 ({@link normaliseK});
 * cycles already open keep the k they opened with (Cycle.minRespondents never changes),
 * new cycles open with max(team k, workspace k).
 */
export async function raiseWorkspaceK(
  prisma: PrismaClient,
  input: { workspace: Workspace; actorUserId: string; k: number },
): Promise<RaiseKResult> {
  const { workspace, actorUserId } = input;
  let requested: number;
  try {
    requested = normaliseK(input.k);
  } catch (error) {
    if (error instanceof AnonymityThresholdError) return { status: 'below_minimum', requested: input.k };
    throw error;
  }
  if (requested > MAX_K) return { status: 'too_high', max: MAX_K };
  return prisma.$transaction(async (tx) => {
    // Read inside the transaction so two raises cannot race one another downward.
    await tx.$queryRaw`SELECT id FROM "Workspace" WHERE id = ${workspace.id}::uuid FOR UPDATE`;
    const current = await tx.workspace.findUniqueOrThrow({ where: { id: workspace.id } });
    if (requested <= current.minRespondents) {
      return { status: 'not_higher' as const, current: current.minRespondents, requested };
    }
    await tx.workspace.update({ where: { id: workspace.id }, data: { minRespondents: requested } });
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorUserId,
      action: 'workspace.raise_k',
      details: { changes: { minRespondents: { before: current.minRespondents, after: requested } } },
    });
    return { status: 'raised' as const, from: current.minRespondents, to: requested };
  });
}

/** The k a team's next cycle opens with (the same rule as cycle-open). */
export function kForNextCycle(
  team: Pick<Team, 'minRespondents'>,
  workspace: Pick<Workspace, 'minRespondents'>,
) {
  return normaliseK(Math.max(team.minRespondents, workspace.minRespondents));
}

/**
 * When the team's scheduler next opens a cycle: the team's weekday and hour in its time
 * zone, in a week its cadence runs (the rule of `opensThisWeek`). Null when paused or
 * without a source, since then nothing opens.
 */
export function nextCheckinAt(
  team: Pick<Team, 'cadence' | 'weekday' | 'hour' | 'timezone' | 'paused' | 'sourceId'>,
  now: Date,
): Date | null {
  if (team.paused || !team.sourceId || !isValidTimeZone(team.timezone)) return null;
  let from = now;
  for (let i = 0; i < 80; i += 1) {
    const candidate = nextWeekdayAt(from, team.hour, team.timezone);
    if (toLocal(candidate, team.timezone).weekday === team.weekday && opensThisWeek(team, candidate)) {
      return candidate;
    }
    from = new Date(candidate.getTime() + 60_000);
  }
  return null;
}

/** A team of this workspace by id, or null (ids from modal metadata are not trusted). */
export function findWorkspaceTeam(prisma: PrismaClient, workspaceId: string, teamId: string) {
  return prisma.team.findFirst({ where: { id: teamId, workspaceId } });
}
