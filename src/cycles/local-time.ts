/**
 * Calendar arithmetic in IANA time zones with nothing but Intl: enough to find "the next
 * 10:00 on a weekday in Asia/Tokyo" without a date library.
 */

export interface LocalDateTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
export function fromLocal(
  local: Pick<LocalDateTime, 'year' | 'month' | 'day' | 'hour' | 'minute'>,
  timeZone: string,
): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Two passes settle the offset, also across a DST change between guess and answer.
  let guess = asUtc;
  for (let i = 0; i < 2; i += 1) {
    const shown = toLocal(new Date(guess), timeZone);
    const shownUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
    guess += asUtc - shownUtc;
  }
  return new Date(guess);
}

function addDays(local: LocalDateTime, days: number): LocalDateTime {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return {
    ...local,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: ((d.getUTCDay() + 6) % 7) + 1,
  };
}

/**
 * The first moment at or after `from` when the clock in `timeZone` reads `hour`:00 on a
 * weekday (Monday–Friday): check-ins never arrive at a weekend, wherever the member is.
 */
export function nextWeekdayAt(from: Date, hour: number, timeZone: string): Date {
  let local = toLocal(from, timeZone);
  for (let i = 0; i < 10; i += 1) {
    if (local.weekday <= 5) {
      const candidate = fromLocal({ ...local, hour, minute: 0 }, timeZone);
      if (candidate.getTime() >= from.getTime()) return candidate;
    }
    local = addDays(local, 1);
  }
  throw new Error(`no weekday ${hour}:00 found in ${timeZone} after ${from.toISOString()}`);
}

/** ISO-8601 week of the local date, e.g. 2026-W48: the round a cycle belongs to. */
export function isoWeekKey(instant: Date, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day));
  const thursday = new Date(date);
  thursday.setUTCDate(date.getUTCDate() + 4 - local.weekday);
  const weekYear = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}
