import { z } from 'zod';
import { MIN_TEAM_SIZE } from '../scoring/anonymity/index.js';

/** Team sizes used when only --teams is given: the first deteriorates, the 4 is too small. */
export const DEFAULT_SIZES = [12, 9, 4, 7, 15, 10, 8, 6, 11, 5] as const;
export const DEFAULT_TEAMS = 5;
export const DEFAULT_CYCLES = 8;
export const DEFAULT_SEED = 7;
export const DEFAULT_OUT = 'demo-output';
export const MAX_MEMBERS = 400;

export interface DemoOptions {
  /** team sizes, first team deteriorates */
  sizes: number[];
  cycles: number;
  seed: number;
  out: string;
}

export class DemoUsageError extends Error {
  override name = 'DemoUsageError';
}

export const HELP = `npm run demo -- [options]

Runs a simulated organisation through the real bot: a local stand-in for Slack's Web
API on 127.0.0.1, the bot's HTTP endpoint, job runner and database (embedded PGlite, or
DATABASE_URL when set), and a workforce that answers check-ins by posting signed
interaction payloads. Weekly cycles run on a simulated clock in a few seconds.

Options:
  --teams N        number of teams, 1–20 (default ${DEFAULT_TEAMS}); without --sizes the sizes
                   are taken from ${DEFAULT_SIZES.join(',')} in order
  --sizes LIST     comma-separated team sizes, 1–200 each, e.g. 12,9,4 (sets --teams);
                   teams under ${MIN_TEAM_SIZE} get no check-ins (their leads are told why)
  --cycles N       weekly cycles to run, 1–52 (default ${DEFAULT_CYCLES})
  --seed N         seed for every simulated choice, 0–4294967295 (default ${DEFAULT_SEED})
  --out DIR        where to write the posted summaries, report and bot log
                   (default ${DEFAULT_OUT})
  -h, --help       show this help

The first team's climate deteriorates from cycle to cycle; the others stay steady.
At most ${MAX_MEMBERS} members in all.

Output: DIR/summaries/<team>-cycle-<n>.json (Block Kit) and .txt (readable),
DIR/report.txt and DIR/report.json, DIR/bot.log (the bot's own log, info level).
Exit codes: 0 done and every check passed, 1 a check failed or the run broke,
2 bad options.`;

const whole = (name: string, min: number, max: number) =>
  z
    .string({ error: `${name} needs a value` })
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(
      z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`),
    );

const ArgsSchema = z
  .object({
    '--teams': whole('--teams', 1, 20).optional(),
    '--sizes': z
      .string({ error: '--sizes needs a value' })
      .transform((value, ctx) => {
        const parts = value.split(',').map((p) => p.trim());
        const sizes: number[] = [];
        for (const part of parts) {
          if (!/^\d+$/.test(part) || Number(part) < 1 || Number(part) > 200) {
            ctx.addIssue({
              code: 'custom',
              message: `--sizes must be comma-separated whole numbers from 1 to 200, got "${part}"`,
            });
            return z.NEVER;
          }
          sizes.push(Number(part));
        }
        if (sizes.length > 20) {
          ctx.addIssue({ code: 'custom', message: '--sizes: at most 20 teams' });
          return z.NEVER;
        }
        return sizes;
      })
      .optional(),
    '--cycles': whole('--cycles', 1, 52).default(DEFAULT_CYCLES),
    '--seed': whole('--seed', 0, 4_294_967_295).default(DEFAULT_SEED),
    '--out': z
      .string({ error: '--out needs a value' })
      .min(1, '--out needs a directory')
      .default(DEFAULT_OUT),
  })
  .strict();

const FLAGS = ['--teams', '--sizes', '--cycles', '--seed', '--out'] as const;

/** Parses argv (without node and the script); `help` when --help/-h was given. */
export function parseDemoArgs(argv: readonly string[]): DemoOptions | 'help' {
  const raw: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (!(FLAGS as readonly string[]).includes(flag!)) {
      throw new DemoUsageError(`unknown option "${arg}" (see --help)`);
    }
    if (raw[flag!] !== undefined) throw new DemoUsageError(`${flag} given twice`);
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new DemoUsageError(`${flag} needs a value`);
      value = next;
      i += 1;
    }
    raw[flag!] = value;
  }
  const parsed = ArgsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DemoUsageError(parsed.error.issues.map((issue) => issue.message).join('\n'));
  }
  const args = parsed.data;
  let sizes: number[];
  if (args['--sizes']) {
    sizes = args['--sizes'];
    if (args['--teams'] !== undefined && args['--teams'] !== sizes.length) {
      throw new DemoUsageError(
        `--teams ${args['--teams']} does not match --sizes, which lists ${sizes.length} team${sizes.length === 1 ? '' : 's'}`,
      );
    }
  } else {
    const teams = args['--teams'] ?? DEFAULT_TEAMS;
    sizes = Array.from({ length: teams }, (_, i) => DEFAULT_SIZES[i % DEFAULT_SIZES.length]!);
  }
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > MAX_MEMBERS) {
    throw new DemoUsageError(`--sizes: ${total} members in all; at most ${MAX_MEMBERS}`);
  }
  return { sizes, cycles: args['--cycles'], seed: args['--seed'], out: args['--out'] };
}
