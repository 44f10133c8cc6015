import type { Clock } from '../clock.js';
import type { PrismaClient } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Logger } from '../logger.js';
import { memberPseudonyms } from '../privacy/member-pseudonyms.js';
import { newParticipationKey, sealParticipationKey } from '../privacy/participation-key.js';
import { MIN_TEAM_SIZE, normaliseK } from '../scoring/anonymity/index.js';
import { composePulse, ITEM_BANK_VERSION } from '../scoring/index.js';
import { snapshotMembers } from '../slack/members.js';
import type { RateLimiter } from '../slack/rate-limiter.js';
import type { UserDirectory } from '../slack/user-directory.js';
import type { SlackClients } from '../slack/web-client.js';
import { isoWeekKey, nextWeekdayAt } from './local-time.js';
import { opensThisWeek } from './team-schedule.js';

export interface CycleOpenDeps {
  prisma: PrismaClient;
  logger: Logger;
  clock: Clock;
  encryptionKey: Buffer;
  slack: SlackClients;
  directory: UserDirectory;
  /** paces conversations.members / usergroups.users.list per workspace */
  rateLimiter?: RateLimiter;
}

/** An open cycle's outstanding work: unsent deliveries, the reminder time, the close. */
export interface OpenedCycle {
  id: string;
  closesAt: Date;
  remindAt: Date | null;
  deliveries: { id: string; sendAt: Date }[];
}

export type OpenCycleResult =
  | { status: 'opened' | 'already_open'; cycle: OpenedCycle }
  | { status: 'skipped'; reason: 'paused' | 'no_source' | 'not_this_week' | 'team_missing' }
  | { status: 'too_small'; eligible: number; leads: string[]; roundKey: string };

const HOUR = 3_600_000;

/** The select that {@link followUpsOf} needs, for any query over open cycles. */
export const FOLLOW_UP_SELECT = {
  id: true,
  closesAt: true,
  team: { select: { reminderHoursBeforeClose: true } },
  deliveries: { select: { id: true, sendAt: true, status: true }, orderBy: { sendAt: 'asc' } },
} as const;

/**
 * What an open cycle still has to do: its unsent deliveries, the one reminder (only when
 * its time falls after the last planned delivery) and the close.
 */
export function followUpsOf(cycle: {
  id: string;
  closesAt: Date;
  team: { reminderHoursBeforeClose: number };
  deliveries: { id: string; sendAt: Date; status: string }[];
}): OpenedCycle {
  const lastSend =
    cycle.deliveries.reduce<Date | null>((last, d) => (last && last >= d.sendAt ? last : d.sendAt), null) ??
    cycle.closesAt;
  const remindAt = new Date(cycle.closesAt.getTime() - cycle.team.reminderHoursBeforeClose * HOUR);
  return {
    id: cycle.id,
    closesAt: cycle.closesAt,
    remindAt: remindAt > lastSend ? remindAt : null,
    deliveries: cycle.deliveries
      .filter((d) => d.status === 'pending')
      .map(({ id, sendAt }) => ({ id, sendAt })),
  };
}

async function loadOpened(prisma: PrismaClient, cycleId: string): Promise<OpenedCycle> {
  return followUpsOf(
    await prisma.cycle.findUniqueOrThrow({ where: { id: cycleId }, select: FOLLOW_UP_SELECT }),
  );
}

/**
 * Opens this week's cycle for a team: snapshots the eligible members from the team's
 * channel or user group, refuses teams too small to report on, fixes the items and k,
 * seals a fresh participation key and plans one delivery per member at the team's hour
 * in the member's own time zone (weekdays only). Every member gets the full response
 * window: the cycle closes that long after the last planned delivery.
 *
 * Idempotent per team and ISO week: a retry finds the cycle it created and returns it,
 * so the caller can (re-)enqueue the same deterministic jobs.
 */
export async function openCycle(deps: CycleOpenDeps, teamId: string): Promise<OpenCycleResult> {
  const now = deps.clock.now();
  const team = await deps.prisma.team.findUnique({
    where: { id: teamId },
    include: { workspace: true, leads: { select: { slackUserId: true } } },
  });
  if (!team) return { status: 'skipped', reason: 'team_missing' };
  if (team.paused) return { status: 'skipped', reason: 'paused' };
  if (!team.sourceType || !team.sourceId) return { status: 'skipped', reason: 'no_source' };
  if (!opensThisWeek(team, now)) return { status: 'skipped', reason: 'not_this_week' };

  const roundKey = isoWeekKey(now, team.timezone);
  const existing = await deps.prisma.cycle.findUnique({ where: { teamId_roundKey: { teamId, roundKey } } });
  if (existing) return { status: 'already_open', cycle: await loadOpened(deps.prisma, existing.id) };

  const slackTeamId = team.workspace.slackTeamId;
  const client = await deps.slack.forWorkspace(slackTeamId);
  const snapshot = await snapshotMembers({
    client,
    slackTeamId,
    source: { type: team.sourceType, id: team.sourceId },
    directory: deps.directory,
    ...(deps.rateLimiter ? { rateLimiter: deps.rateLimiter } : {}),
  });
  if (snapshot.members.length < MIN_TEAM_SIZE) {
    deps.logger.info(
      { teamId, eligible: snapshot.members.length },
      'cycle not opened: team below minimum size',
    );
    return {
      status: 'too_small',
      eligible: snapshot.members.length,
      leads: team.leads.map((l) => l.slackUserId),
      roundKey,
    };
  }

  const k = normaliseK(Math.max(team.minRespondents, team.workspace.minRespondents));
  const previous = await deps.prisma.cycle.aggregate({ where: { teamId }, _max: { number: true } });
  const number = (previous._max.number ?? 0) + 1;
  const items = composePulse(ITEM_BANK_VERSION, number);

  const sendTimes = await Promise.all(
    snapshot.members.map(async (slackUserId) => {
      const profile = await deps.directory.lookup(client, slackTeamId, slackUserId);
      const timezone = profile.timezone ?? team.timezone;
      return { slackUserId, timezone, sendAt: nextWeekdayAt(now, team.hour, timezone) };
    }),
  );
  const lastSend = Math.max(...sendTimes.map((s) => s.sendAt.getTime()));
  const closesAt = new Date(lastSend + team.responseWindowHours * HOUR);

  try {
    const cycleId = await deps.prisma.$transaction(async (tx) => {
      const cycle = await tx.cycle.create({
        data: {
          teamId,
          number,
          roundKey,
          bankVersion: ITEM_BANK_VERSION,
          itemIds: items.map((i) => i.id),
          minRespondents: k,
          opensAt: now,
          closesAt,
          invitedCount: snapshot.members.length,
          memberSet: memberPseudonyms(
            deps.encryptionKey,
            { workspaceId: team.workspaceId },
            snapshot.members,
          ),
        },
      });
      await tx.cycle.update({
        where: { id: cycle.id },
        data: {
          participationKeyEnc: sealParticipationKey(deps.encryptionKey, cycle.id, newParticipationKey()),
        },
      });
      await tx.delivery.createMany({
        data: sendTimes.map((s) => ({
          cycleId: cycle.id,
          slackUserId: s.slackUserId,
          timezone: s.timezone,
          sendAt: s.sendAt,
        })),
      });
      return cycle.id;
    });
    deps.logger.info({ teamId, cycleId, number, invited: snapshot.members.length, k }, 'cycle opened');
    return { status: 'opened', cycle: await loadOpened(deps.prisma, cycleId) };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another worker opened it first: carry on with theirs.
    const winner = await deps.prisma.cycle.findUniqueOrThrow({
      where: { teamId_roundKey: { teamId, roundKey } },
    });
    return { status: 'already_open', cycle: await loadOpened(deps.prisma, winner.id) };
  }
}
