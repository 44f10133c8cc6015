import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoUsageError, parseDemoArgs } from '../../src/demo/options.js';
import { formatReport } from '../../src/demo/report.js';
import { type DemoReport, hasNumbers, runDemo } from '../../src/demo/run-demo.js';

/**
 * The demo end to end, in-process on the embedded default: a team of 10 whose climate
 * deteriorates, a steady team of 8 and a team of 4 too small to report on, six weekly
 * cycles on the simulated clock.
 */
describe('npm run demo', () => {
  let out: string;
  let report: DemoReport;

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'rc-demo-test-'));
    // Only the embedded default here: no DATABASE_URL / REDIS_URL from the test environment.
    report = await runDemo({ sizes: [10, 8, 4], cycles: 6, seed: 11, out }, { env: {} });
  }, 60_000);

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('passes its own checks', () => {
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.database).toBe('pglite');
    expect(report.teams.map((t) => t.role)).toEqual(['deteriorating', 'steady', 'too_small']);
  });

  it('takes the deteriorating team to chronic, and keeps the steady team out of it', () => {
    const [deteriorating, steady] = report.teams;
    expect(deteriorating!.cycles).toHaveLength(6);
    expect(deteriorating!.reachedChronic).toBe(true);
    expect(deteriorating!.cycles.at(-1)!.state).toBe('chronic');
    const released = deteriorating!.cycles.filter((c) => c.status === 'released');
    // The numbers fall with the climate the members answered from.
    expect(released[0]!.connectionIndex!).toBeGreaterThan(60);
    expect(released.at(-1)!.connectionIndex!).toBeLessThan(45);
    expect(steady!.reachedChronic).toBe(false);
  });

  it('never shows the small team a number: no cycle, no summary, no post; its lead is told why', () => {
    const small = report.teams[2]!;
    expect(small.cycles).toEqual([]);
    expect(small.showedNumbers).toBe(false);
    expect(small.leadNotices).toBeGreaterThan(0);
  });

  it('counts exactly the responses the simulated members submitted', () => {
    for (const team of report.teams.slice(0, 2)) {
      expect(team.cycles).toHaveLength(6);
      for (const cycle of team.cycles) {
        expect(cycle.invited).toBe(team.size);
        expect(cycle.respondentCount).toBe(cycle.submitted);
        expect(cycle.status).toBe(cycle.submitted >= 5 ? 'released' : 'suppressed');
        if (cycle.status === 'suppressed') {
          expect(cycle.reason).toBe('below_k');
          expect(cycle.connectionIndex).toBeNull();
        }
      }
    }
    // Someone did not answer at some point, so the counts are not just the team sizes.
    const all = report.teams.flatMap((t) => t.cycles);
    expect(all.some((c) => c.submitted < c.invited)).toBe(true);
  });

  it('writes every posted summary as Block Kit JSON and as text', async () => {
    const posted = report.teams.flatMap((t) => t.cycles.filter((c) => c.posted));
    expect(posted).toHaveLength(12);
    for (const cycle of posted) {
      const json = JSON.parse(await readFile(cycle.files!.json, 'utf8')) as { blocks: unknown[] };
      expect(json.blocks.length).toBeGreaterThan(0);
      const text = await readFile(cycle.files!.text, 'utf8');
      if (cycle.status === 'released') expect(text).toContain(`${Math.round(cycle.connectionIndex!)} of 100`);
      else expect(hasNumbers(text)).toBe(false);
    }
    expect(await readFile(path.join(out, 'bot.log'), 'utf8')).toContain('cycle opened');
  });

  it('reports per team and cycle, with the suppressions and why', () => {
    const text = formatReport(report);
    expect(text).toContain('Platform (10 members, climate deteriorating)');
    expect(text).toContain('Research (4 members)');
    expect(text).toMatch(/too small: 4 eligible members, under 6/);
    expect(text).toMatch(/reached chronic: Platform/);
    expect(text).toMatch(/answered 429 \(rate limited\) \d+ time/);
  });
});

describe('demo options', () => {
  it('defaults to five teams, one too small, eight cycles', () => {
    expect(parseDemoArgs([])).toEqual({ sizes: [12, 9, 4, 7, 15], cycles: 8, seed: 7, out: 'demo-output' });
    expect(parseDemoArgs(['--teams', '2', '--cycles=3', '--seed', '42'])).toMatchObject({
      sizes: [12, 9],
      cycles: 3,
      seed: 42,
    });
    expect(parseDemoArgs(['--sizes', '10, 8,4'])).toMatchObject({ sizes: [10, 8, 4] });
    expect(parseDemoArgs(['--help'])).toBe('help');
  });

  it.each([
    [['--cycles', '0'], /--cycles must be at least 1/],
    [['--cycles', 'many'], /--cycles must be a whole number/],
    [['--sizes', '10,x'], /--sizes must be comma-separated whole numbers/],
    [['--teams', '2', '--sizes', '10,8,4'], /--teams 2 does not match --sizes/],
    [['--seed'], /--seed needs a value/],
    [['--colour', 'blue'], /unknown option "--colour"/],
    [['--sizes', '200,200,200'], /at most 400/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseDemoArgs(argv)).toThrow(DemoUsageError);
    expect(() => parseDemoArgs(argv)).toThrow(message);
  });
});

describe('demo CLI', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/demo/main.ts', ...args], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('explains its options with --help and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    for (const flag of ['--teams', '--sizes', '--cycles', '--seed', '--out'])
      expect(result.stdout).toContain(flag);
  });

  it('exits 2 naming the bad option', () => {
    const result = run('--cycles', '-3');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--cycles');
    expect(result.stdout).toBe('');
  });
});
