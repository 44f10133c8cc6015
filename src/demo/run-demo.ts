import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { MIN_TEAM_SIZE } from '../scoring/anonymity/index.js';
import { trendsOf } from '../summaries/summary-view.js';
import { renderMessageAsText } from '../views/summary-message.js';
import type { DemoOptions } from './options.js';
import { Activity, SimulatedClock } from './sim-clock.js';
import { SlackStandIn, type StandInUser } from './slack-stand-in.js';
import { buildOrganisation, type TeamRole, Workforce } from './workforce.js';

const DAY = 86_400_000;
/** A Monday morning; the teams' weekly check-ins go out on Tuesdays at 10:00 UTC. */
export const SIMULATION_START = Date.parse('2026-03-02T08:00:00Z');
const FIRST_OPEN = Date.parse('2026-03-03T10:00:00Z');
/** Give up if the simulation has not finished in this much real time. */
const REAL_TIME_LIMIT_MS = 120_000;

export interface CycleReport {
  number: number;
  roundKey: string;
  invited: number;
  /** submissions the simulated members made and the bot accepted */
  submitted: number;
  /** what the bot counted at close */
  respondentCount: number | null;
  status: 'released' | 'suppressed' | 'open';
  /** why a summary was suppressed (the anonymity guard's reason) */
  reason: string | null;
  connectionIndex: number | null;
  state: string | null;
  direction: string | null;
  /** the climate the simulation drew answers from, 1–5 */
  trueMean: number;
  posted: boolean;
  files: { json: string; text: string } | null;
}

export interface TeamReport {
  name: string;
  size: number;
  role: TeamRole;
  responseRate: number;
  cycles: CycleReport[];
  suppressed: { cycle: number; reason: string }[];
  /** DMs to the team's leads saying why no check-in went out */
  leadNotices: number;
  /** a post in the summary channel showed numbers */
  showedNumbers: boolean;
  reachedChronic: boolean;
  note: string | null;
}

export interface DemoCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface DemoReport {
  options: DemoOptions;
  database: 'pglite' | 'postgresql';
  jobs: 'in-process';
  simulated: { from: string; to: string };
  realMs: number;
  teams: TeamReport[];
  slack: {
    calls: Record<string, number>;
    rateLimited: Record<string, number>;
    errors: Record<string, number>;
  };
  jobFailures: string[];
  checks: DemoCheck[];
  outDir: string;
  logFile: string;
}

export interface RunDemoHooks {
  /** called as simulated time moves: 0–1 and a short label */
  onProgress?: (fraction: number, label: string) => void;
  /** notes for the person running the demo (stderr in the CLI) */
  onNote?: (message: string) => void;
  /** the environment to take DATABASE_URL / ENCRYPTION_KEY / REDIS_URL from; default process.env */
  env?: NodeJS.ProcessEnv;
}

function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Runs the simulated organisation through the real bot and returns what happened.
 * Everything the bot does goes through its production paths: its HTTP receiver (signed
 * requests), its job runner, its database and its Slack Web API client (pointed at the
 * local stand-in).
 */
export async function runDemo(options: DemoOptions, hooks: RunDemoHooks = {}): Promise<DemoReport> {
  const started = Date.now();
  const env = hooks.env ?? process.env;
  const outDir = path.resolve(options.out);
  const summariesDir = path.join(outDir, 'summaries');
  await mkdir(summariesDir, { recursive: true });
  for (const name of await readdir(summariesDir)) {
    if (/-cycle-\d+\.(json|txt)$/.test(name)) await rm(path.join(summariesDir, name), { force: true });
  }
  const logFile = path.join(outDir, 'bot.log');
  const logStream = createWriteStream(logFile, { flags: 'w' });
  const logger = createLogger({ level: 'info', destination: logStream });

  const organisation = buildOrganisation(options.sizes, options.seed);
  const clock = new SimulatedClock(SIMULATION_START);
  const activity = new Activity();
  const end = FIRST_OPEN + (options.cycles - 1) * 7 * DAY + 6 * DAY;

  const users: StandInUser[] = [
    ...organisation.teams.flatMap((t) =>
      t.members.map((m) => ({ id: m.id, name: m.id.toLowerCase(), tz: m.tz })),
    ),
    { id: organisation.botUserId, name: 'relational-climate', tz: 'UTC', isBot: true },
    { id: 'UOTHERBOT1', name: 'standup-bot', tz: 'UTC', isBot: true },
    { id: 'UFORMER001', name: 'former.colleague', tz: 'UTC', deleted: true },
  ];
  const channels: Record<string, string[]> = {};
  for (const team of organisation.teams) {
    // Every team channel also holds the bot itself, another bot and a deactivated account,
    // which the bot must leave out when it snapshots the team.
    channels[team.channelId] = [...team.members.map((m) => m.id), ...organisation.bots, 'UFORMER001'];
  }

  let workforce: Workforce | undefined;
  const botToken = `xoxb-demo-${randomBytes(8).toString('hex')}`;
  const standIn = new SlackStandIn({
    botToken,
    slackTeamId: organisation.slackTeamId,
    botUserId: organisation.botUserId,
    users,
    channels,
    postableChannels: organisation.teams.map((t) => t.summaryChannelId),
    clock,
    activity,
    onPost: (message) => workforce?.onPost(message),
  });
  const apiUrl = await standIn.start();

  const dataDir = await mkdtemp(path.join(tmpdir(), 'rc-demo-'));
  const signingSecret = randomBytes(16).toString('hex');
  const demoEnv: Record<string, string> = {
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_BOT_TOKEN: botToken,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  };
  if (env.DATABASE_URL) demoEnv.DATABASE_URL = env.DATABASE_URL;
  if (env.ENCRYPTION_KEY) demoEnv.ENCRYPTION_KEY = env.ENCRYPTION_KEY;
  if (env.REDIS_URL) {
    hooks.onNote?.(
      'REDIS_URL is set, but BullMQ keeps real time: the demo runs its jobs in-process on the simulated clock.',
    );
  }

  let runtime: Runtime | undefined;
  let workspaceId: string | undefined;
  const jobFailures: string[] = [];
  try {
    const config = loadConfig(demoEnv, 'all');
    runtime = await createRuntime({ config, logger, timerClock: clock });
    const { prisma } = runtime.db;

    // Count every job run as work in progress, so simulated time waits for it.
    for (const def of runtime.registry.definitions) {
      const process = def.process.bind(def);
      def.process = (payload, ctx) => activity.track(() => process(payload, ctx));
    }
    runtime.jobs.on('failed', (event) => {
      if (!event.willRetry) jobFailures.push(`${event.name} ${event.id}: ${event.error.message}`);
    });

    if (config.databaseUrl) {
      const existing = await prisma.team.count();
      if (existing > 0) {
        throw new Error(
          'DATABASE_URL points at a database that already has teams; the demo needs an empty database ' +
            '(unset DATABASE_URL to use the embedded one).',
        );
      }
    }

    const workspace = await prisma.workspace.create({
      data: { slackTeamId: organisation.slackTeamId, name: 'Demo Organisation' },
    });
    workspaceId = workspace.id;
    const teamIds: string[] = [];
    for (const team of organisation.teams) {
      const row = await prisma.team.create({
        data: {
          workspaceId: workspace.id,
          name: team.name,
          sourceType: 'channel',
          sourceId: team.channelId,
          summaryChannelId: team.summaryChannelId,
          cadence: 'weekly',
          weekday: 2,
          hour: 10,
          timezone: 'UTC',
          responseWindowHours: 72,
          reminderHoursBeforeClose: 24,
          leads: { create: [{ slackUserId: team.lead }] },
        },
      });
      teamIds.push(row.id);
    }

    // start() schedules every team's weekly pulse from the rows above.
    const { port } = await runtime.start();
    workforce = new Workforce({
      organisation,
      clock,
      activity,
      standIn,
      signingSecret,
      endpoint: `http://127.0.0.1:${port}/slack/events`,
      seed: options.seed,
      cycles: options.cycles,
    });

    // The driver: let everything due now finish, then jump to the next timer.
    const deadline = Date.now() + REAL_TIME_LIMIT_MS;
    let lastReport = 0;
    for (;;) {
      await activity.idle();
      if (Date.now() > deadline) throw new Error('the simulation did not finish in time');
      if (!clock.fireNext(end)) break;
      if (Date.now() - lastReport > 50) {
        lastReport = Date.now();
        const week = Math.min(options.cycles, Math.floor((clock.now() - FIRST_OPEN) / (7 * DAY)) + 1);
        hooks.onProgress?.(
          (clock.now() - SIMULATION_START) / (end - SIMULATION_START),
          `week ${Math.max(1, week)}/${options.cycles} ${ymd(clock.now())}`,
        );
      }
    }
    clock.advanceTo(end);
    await activity.idle();
    hooks.onProgress?.(1, `done ${ymd(end)}`);

    // What the bot stored, per team and cycle.
    const cycles = await prisma.cycle.findMany({
      where: { teamId: { in: teamIds } },
      include: { summary: true },
      orderBy: [{ teamId: 'asc' }, { number: 'asc' }],
    });
    const summaryPosts = new Map<string, (typeof standIn.posts)[number][]>();
    for (const post of standIn.posts) {
      const list = summaryPosts.get(post.requested) ?? [];
      list.push(post);
      summaryPosts.set(post.requested, list);
    }

    const teams: TeamReport[] = [];
    for (const [index, team] of organisation.teams.entries()) {
      const teamId = teamIds[index]!;
      const posts = summaryPosts.get(team.summaryChannelId) ?? [];
      const teamCycles = cycles.filter((c) => c.teamId === teamId);
      const reports: CycleReport[] = [];
      let showedNumbers = false;
      for (const cycle of teamCycles) {
        const summary = cycle.summary;
        const trends = summary ? trendsOf(summary) : null;
        const post = summary?.postedTs ? posts.find((p) => p.ts === summary.postedTs) : undefined;
        let files: CycleReport['files'] = null;
        if (post) {
          const text = renderMessageAsText({ text: post.text, blocks: post.blocks as never });
          if (summary?.status === 'suppressed' && hasNumbers(text)) showedNumbers = true;
          const base = path.join(summariesDir, `${team.slug}-cycle-${cycle.number}`);
          await writeFile(
            `${base}.json`,
            `${JSON.stringify({ channel: post.channel, ts: post.ts, text: post.text, blocks: post.blocks }, null, 2)}\n`,
          );
          await writeFile(`${base}.txt`, `${text}\n`);
          files = { json: `${base}.json`, text: `${base}.txt` };
        }
        const activityOf = workforce.cycles.get(cycle.id);
        reports.push({
          number: cycle.number,
          roundKey: cycle.roundKey,
          invited: cycle.invitedCount,
          submitted: activityOf?.submitted ?? 0,
          respondentCount: cycle.respondentCount,
          status: summary?.status ?? 'open',
          reason: summary?.reason ?? null,
          connectionIndex: summary?.connectionIndex ?? null,
          state: trends?.connection.state ?? null,
          direction: trends?.connection.direction ?? null,
          trueMean: activityOf?.trueMean ?? Number.NaN,
          posted: Boolean(post),
          files,
        });
      }
      // A team that never had a cycle must never have had a post in its channel at all.
      if (teamCycles.length === 0 && posts.length > 0) showedNumbers = true;
      const leadNotices = workforce.leadNotices.filter((n) => n.team === index).length;
      teams.push({
        name: team.name,
        size: team.members.length,
        role: team.role,
        responseRate: team.responseRate,
        cycles: reports,
        suppressed: reports
          .filter((r) => r.status === 'suppressed')
          .map((r) => ({ cycle: r.number, reason: r.reason ?? 'below_k' })),
        leadNotices,
        showedNumbers,
        reachedChronic: reports.some((r) => r.state === 'chronic'),
        note:
          team.role === 'too_small'
            ? `too small: ${team.members.length} eligible member${team.members.length === 1 ? '' : 's'}, under ${MIN_TEAM_SIZE}; no check-ins, no numbers`
            : null,
      });
    }

    const checks = buildChecks(options, teams, workforce, jobFailures);
    const report: DemoReport = {
      options,
      database: config.databaseUrl ? 'postgresql' : 'pglite',
      jobs: 'in-process',
      simulated: { from: new Date(SIMULATION_START).toISOString(), to: new Date(end).toISOString() },
      realMs: Date.now() - started,
      teams,
      slack: {
        calls: { ...standIn.calls },
        rateLimited: { ...standIn.rateLimited },
        errors: { ...standIn.errors },
      },
      jobFailures,
      checks,
      outDir,
      logFile,
    };
    return report;
  } finally {
    if (runtime) {
      if (workspaceId && runtime.config.databaseUrl) {
        // Leave a shared database as it was found.
        await runtime.db.prisma.workspace.delete({ where: { id: workspaceId } }).catch(() => undefined);
        await runtime.db.prisma.slackUser
          .deleteMany({ where: { slackTeamId: organisation.slackTeamId } })
          .catch(() => undefined);
      }
      await runtime
        .stop()
        .catch((error: unknown) => hooks.onNote?.(`stopping the bot failed: ${String(error)}`));
    }
    await standIn.stop();
    await rm(dataDir, { recursive: true, force: true });
    await new Promise<void>((resolve) => logStream.end(() => resolve()));
  }
}

/** Digits in a suppressed post, other than in its closing date, would be numbers shown. */
export function hasNumbers(text: string): boolean {
  return /\d/.test(text.replace(/closed \d{1,2} [A-Z][a-z]+ \d{4}/g, ''));
}

function buildChecks(
  options: DemoOptions,
  teams: TeamReport[],
  workforce: Workforce,
  jobFailures: string[],
): DemoCheck[] {
  const checks: DemoCheck[] = [];
  const mismatches = teams.flatMap((t) =>
    t.cycles
      .filter((c) => c.respondentCount !== c.submitted)
      .map(
        (c) =>
          `${t.name} cycle ${c.number}: bot counted ${c.respondentCount}, members submitted ${c.submitted}`,
      ),
  );
  checks.push({
    name: 'response counts match what the simulated members submitted',
    ok: mismatches.length === 0,
    ...(mismatches.length ? { detail: mismatches.join('; ') } : {}),
  });
  const small = teams.filter((t) => t.role === 'too_small');
  const smallProblems = small.flatMap((t) => [
    ...(t.cycles.length > 0 ? [`${t.name} had ${t.cycles.length} cycles`] : []),
    ...(t.showedNumbers ? [`${t.name} had a post in its summary channel`] : []),
    ...(t.leadNotices === 0 ? [`${t.name}'s lead was never told why`] : []),
  ]);
  checks.push({
    name: 'teams too small to report on get no check-ins and no numbers; their leads are told',
    ok: smallProblems.length === 0,
    ...(smallProblems.length ? { detail: smallProblems.join('; ') } : {}),
  });
  const leaks = teams.filter((t) => t.role !== 'too_small' && t.showedNumbers).map((t) => t.name);
  checks.push({
    name: 'suppressed summaries show no numbers',
    ok: leaks.length === 0,
    ...(leaks.length ? { detail: leaks.join(', ') } : {}),
  });
  const missing = teams
    .filter((t) => t.role !== 'too_small')
    .flatMap((t) => {
      const posted = t.cycles.filter((c) => c.posted).length;
      return posted === options.cycles ? [] : [`${t.name}: ${posted} of ${options.cycles} summaries posted`];
    });
  checks.push({
    name: 'every cycle of every eligible team ended in a posted summary',
    ok: missing.length === 0,
    ...(missing.length ? { detail: missing.join('; ') } : {}),
  });
  const broken = [
    ...workforce.problems,
    ...[...workforce.cycles.values()].filter((c) => c.failed > 0).map((c) => `${c.failed} answers failed`),
    ...jobFailures,
  ];
  checks.push({
    name: 'no job failed for good and no member was stuck',
    ok: broken.length === 0,
    ...(broken.length ? { detail: broken.slice(0, 5).join('; ') } : {}),
  });
  return checks;
}
