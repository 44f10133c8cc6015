import { z } from 'zod';
import { isValidTimeZone } from '../../cycles/local-time.js';
import type { ClimateSubcommand } from '../../teams/climate-commands.js';
import { CADENCES, canonicalTimeZone } from '../../teams/team-settings.js';

export const ADMIN_USAGE = {
  defaults: '/climate admin defaults <weekly|biweekly|monthly> <mon–fri> <hour 0–23> <time zone>',
  addAdmin: '/climate admin add-admin @person',
  raiseK: '/climate admin raise-k <n>',
  admin: '/climate admin <teams|defaults|add-admin|raise-k>',
} as const;

const WEEKDAYS: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
};

const CADENCE_ALIASES: Record<string, string> = { fortnightly: 'biweekly', 'bi-weekly': 'biweekly' };

const TeamNameSchema = z.string().trim().min(1).max(80).optional();

export const DefaultsArgsSchema = z.object({
  cadence: z.preprocess(
    (v) => (typeof v === 'string' ? (CADENCE_ALIASES[v.toLowerCase()] ?? v.toLowerCase()) : v),
    z.enum(CADENCES, { error: 'The cadence must be weekly, biweekly or monthly.' }),
  ),
  weekday: z.preprocess(
    (v) => (typeof v === 'string' ? (WEEKDAYS[v.toLowerCase()] ?? (/^\d+$/.test(v) ? Number(v) : v)) : v),
    z
      .number({ error: 'The day must be Monday to Friday (mon–fri or 1–5).' })
      .int()
      .min(1, 'The day must be Monday to Friday (mon–fri or 1–5).')
      .max(5, 'The day must be Monday to Friday (mon–fri or 1–5).'),
  ),
  hour: z.preprocess(
    (v) => (typeof v === 'string' && /^\d{1,2}(:00)?$/.test(v) ? Number(v.replace(':00', '')) : v),
    z
      .number({ error: 'The hour must be a whole hour from 0 to 23.' })
      .int()
      .min(0, 'The hour must be a whole hour from 0 to 23.')
      .max(23, 'The hour must be a whole hour from 0 to 23.'),
  ),
  timezone: z
    .string({ error: 'Give a time zone such as Europe/Berlin.' })
    .refine(isValidTimeZone, 'That is not a time zone we know. Use a name like Europe/Berlin.')
    .transform(canonicalTimeZone),
});

/** `<@U123|name>` or `<@U123>` as Slack escapes a mention (the command has should_escape). */
const MentionSchema = z
  .string()
  .transform((s) => /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(s)?.[1] ?? /^([UW][A-Z0-9]{2,})$/.exec(s)?.[1])
  .pipe(z.string({ error: 'Mention the person, like `@name`.' }));

const RaiseKSchema = z.coerce
  .number({ error: 'Give k as a whole number, like 7.' })
  .int('Give k as a whole number, like 7.');

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'That could not be read.';
}

function parseAdmin(args: string[]): ClimateSubcommand {
  const [sub, ...rest] = args;
  switch (sub?.toLowerCase()) {
    case 'teams':
      return { kind: 'admin_teams' };
    case 'defaults': {
      const parsed = DefaultsArgsSchema.safeParse({
        cadence: rest[0],
        weekday: rest[1],
        hour: rest[2],
        timezone: rest[3],
      });
      if (!parsed.success || rest.length > 4) {
        return {
          kind: 'admin_usage',
          usage: ADMIN_USAGE.defaults,
          problem: parsed.success ? 'Too many words.' : firstIssue(parsed.error),
        };
      }
      return { kind: 'admin_defaults', ...parsed.data };
    }
    case 'add-admin': {
      const parsed = MentionSchema.safeParse(rest[0] ?? '');
      if (!parsed.success || rest.length !== 1) {
        return {
          kind: 'admin_usage',
          usage: ADMIN_USAGE.addAdmin,
          problem: 'Mention one person, like `@name`.',
        };
      }
      return { kind: 'admin_add_admin', userId: parsed.data };
    }
    case 'raise-k': {
      const parsed = RaiseKSchema.safeParse(rest[0] ?? '');
      if (!parsed.success || rest.length !== 1 || rest[0] === '') {
        return {
          kind: 'admin_usage',
          usage: ADMIN_USAGE.raiseK,
          problem: parsed.success ? 'Give one number.' : firstIssue(parsed.error),
        };
      }
      return { kind: 'admin_raise_k', k: parsed.data };
    }
    default:
      return { kind: 'admin_usage', usage: ADMIN_USAGE.admin, problem: 'Which admin command?' };
  }
}

/** Reads `/climate` text: a subcommand word, then arguments; case-insensitive words. */
export function parseClimateText(text: string): ClimateSubcommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = words;
  const sub = first?.toLowerCase();
  switch (sub) {
    case undefined:
    case 'help':
      return { kind: 'help' };
    case 'setup':
    case 'status':
    case 'report':
    case 'pause':
    case 'resume': {
      const team = TeamNameSchema.safeParse(rest.length > 0 ? rest.join(' ') : undefined);
      return team.success ? { kind: sub, ...(team.data ? { team: team.data } : {}) } : { kind: 'help' };
    }
    case 'admin':
      return parseAdmin(rest);
    default:
      return { kind: 'help', unknown: first!.slice(0, 40) };
  }
}

export function isAdminSubcommand(sub: ClimateSubcommand): boolean {
  return sub.kind.startsWith('admin_');
}
