import { submitAnswer } from '../../../src/cycles/answer-submission.js';
import { openCycle } from '../../../src/cycles/cycle-open.js';
import type { PrismaClient } from '../../../src/db/client.js';
import { Activity } from '../../../src/demo/sim-clock.js';
import { SlackStandIn } from '../../../src/demo/slack-stand-in.js';
import type { Cadence } from '../../../src/generated/prisma/enums.js';
import { createLogger } from '../../../src/logger.js';
import { createUserDirectory } from '../../../src/slack/user-directory.js';
import { createWebClient, singleWorkspaceClients } from '../../../src/slack/web-client.js';
import { TEST_BOT_TOKEN } from '../../helpers/slack-requests.js';

/**
 * A world for the ledger attacks: people, Slack channels (served by the demo's Slack
 * stand-in on loopback, so worker processes can reach it too), workspaces and teams.
 * Cycles are opened by the real `openCycle` (member snapshot, pseudonyms, k, window) and
 * answered through the real `submitAnswer`; what the test records on the side is only
 * what the attacker is assumed to know anyway: who was invited and who answered.
 */

export const STAND_IN_TEAM = 'TSTANDIN01';
const PEOPLE = 600;

export interface WorldTeam {
  id: string;
  workspaceId: string;
  name: string;
  members: string[];
}

export interface OpenedWorldCycle {
  id: string;
  team: WorldTeam;
  itemIds: string[];
  /** who answered and what, by Slack id (the attacker's worst-case knowledge) */
  answers: Map<string, number[]>;
}

export class LedgerWorld {
  readonly standIn: SlackStandIn;
  private readonly channels: Record<string, string[]> = {};
  private readonly summaryChannels: string[] = [];
  private nextPerson = 0;
  private nextChannel = 0;
  private readonly logger = createLogger({ level: 'silent' });

  constructor(private readonly encryptionKey: Buffer) {
    const users = Array.from({ length: PEOPLE }, (_, i) => ({
      id: personId(i),
      name: `person${i}`,
      tz: 'UTC',
    }));
    this.standIn = new SlackStandIn({
      botToken: TEST_BOT_TOKEN,
      slackTeamId: STAND_IN_TEAM,
      botUserId: 'UBOTLEDGER',
      users,
      channels: this.channels,
      postableChannels: this.summaryChannels,
      clock: { now: () => Date.now() },
      activity: new Activity(),
    });
  }

  start(): Promise<string> {
    return this.standIn.start();
  }

  stop(): Promise<void> {
    return this.standIn.stop();
  }

  /** `count` people nobody has used yet in this world. */
  people(count: number): string[] {
    if (this.nextPerson + count > PEOPLE) throw new Error('the ledger world ran out of people');
    const ids = Array.from({ length: count }, (_, i) => personId(this.nextPerson + i));
    this.nextPerson += count;
    return ids;
  }

  async workspace(prisma: PrismaClient, slackTeamId: string, minRespondents = 5) {
    const workspace = await prisma.workspace.create({ data: { slackTeamId, minRespondents } });
    return workspace.id;
  }

  /**
   * A team whose Slack channel holds `members`. Their profiles are put in the user cache
   * the way the directory stores them, so many small worlds do not run into the
   * stand-in's (faithful) users.info rate limit.
   */
  async team(
    prisma: PrismaClient,
    input: {
      workspaceId: string;
      name: string;
      members: string[];
      cadence?: Cadence;
      weekday?: number;
      hour?: number;
      minRespondents?: number;
    },
  ): Promise<WorldTeam> {
    const channel = `CLEDGER${String(this.nextChannel).padStart(4, '0')}`;
    const summary = `CSUMMARY${String(this.nextChannel).padStart(4, '0')}`;
    this.nextChannel += 1;
    this.channels[channel] = [...input.members];
    this.summaryChannels.push(summary);
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: input.workspaceId } });
    await prisma.slackUser.createMany({
      data: input.members.map((slackUserId) => ({
        slackTeamId: workspace.slackTeamId,
        slackUserId,
        timezone: 'UTC',
        fetchedAt: new Date(),
      })),
      skipDuplicates: true,
    });
    const team = await prisma.team.create({
      data: {
        workspaceId: input.workspaceId,
        name: input.name,
        sourceType: 'channel',
        sourceId: channel,
        summaryChannelId: summary,
        cadence: input.cadence ?? 'weekly',
        weekday: input.weekday ?? 2,
        hour: input.hour ?? 10,
        timezone: 'UTC',
        responseWindowHours: 72,
        reminderHoursBeforeClose: 24,
        minRespondents: input.minRespondents ?? 5,
      },
    });
    return { id: team.id, workspaceId: input.workspaceId, name: input.name, members: input.members };
  }

  /** Changes who is in the team's Slack channel (someone joins or leaves the team). */
  async setMembers(prisma: PrismaClient, team: WorldTeam, members: string[]): Promise<WorldTeam> {
    const row = await prisma.team.findUniqueOrThrow({ where: { id: team.id } });
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: team.workspaceId } });
    this.channels[row.sourceId as string] = [...members];
    await prisma.slackUser.createMany({
      data: members.map((slackUserId) => ({
        slackTeamId: workspace.slackTeamId,
        slackUserId,
        timezone: 'UTC',
        fetchedAt: new Date(),
      })),
      skipDuplicates: true,
    });
    return { ...team, members };
  }

  /** Opens the team's cycle with the real service, at `now`. */
  async open(prisma: PrismaClient, team: WorldTeam, now: Date): Promise<OpenedWorldCycle> {
    const clock = { now: () => now };
    const client = createWebClient({ token: TEST_BOT_TOKEN, apiUrl: this.standIn.url, logger: this.logger });
    const result = await openCycle(
      {
        prisma,
        logger: this.logger,
        clock,
        encryptionKey: this.encryptionKey,
        slack: singleWorkspaceClients(client),
        directory: createUserDirectory({ prisma, clock }),
      },
      team.id,
    );
    if (result.status !== 'opened') throw new Error(`cycle of ${team.name} did not open: ${result.status}`);
    const cycle = await prisma.cycle.findUniqueOrThrow({ where: { id: result.cycle.id } });
    return { id: cycle.id, team, itemIds: cycle.itemIds, answers: new Map() };
  }

  /** Submits one member's answers (by item position) through the real submission service. */
  async answer(
    prisma: PrismaClient,
    cycle: OpenedWorldCycle,
    member: string,
    values: readonly number[],
    now: Date,
  ): Promise<void> {
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: cycle.team.workspaceId } });
    const result = await submitAnswer(
      { prisma, encryptionKey: this.encryptionKey, clock: { now: () => now } },
      {
        cycleId: cycle.id,
        slackTeamId: workspace.slackTeamId,
        slackUserId: member,
        values: Object.fromEntries(cycle.itemIds.map((id, i) => [id, values[i] ?? 3])),
      },
    );
    if (result.status !== 'stored') throw new Error(`answer of ${member} not stored: ${result.status}`);
    cycle.answers.set(member, [...values]);
  }
}

function personId(index: number): string {
  return `UP${String(index).padStart(6, '0')}`;
}
