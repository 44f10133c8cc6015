import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromLocal, isoWeekKey, nextWeekdayAt, toLocal } from '../../src/cycles/local-time.js';
import { opensThisWeek, teamCronPattern } from '../../src/cycles/team-schedule.js';

describe('nextWeekdayAt', () => {
  it.each([
    // from (UTC), hour, zone, expected (UTC)
    ['2026-11-24T08:00:00Z', 10, 'Europe/Berlin', '2026-11-24T09:00:00.000Z'], // Tue 09:00 local → 10:00 same day
    ['2026-11-24T09:30:00Z', 10, 'Europe/Berlin', '2026-11-25T09:00:00.000Z'], // past 10:00 → next day
    ['2026-11-27T10:00:00Z', 10, 'Europe/Berlin', '2026-11-30T09:00:00.000Z'], // Friday afternoon → Monday
    ['2026-11-24T08:00:00Z', 10, 'Asia/Tokyo', '2026-11-25T01:00:00.000Z'], // 17:00 in Tokyo → tomorrow 10:00
    ['2026-11-24T08:00:00Z', 10, 'America/Los_Angeles', '2026-11-24T18:00:00.000Z'],
    ['2026-11-28T12:00:00Z', 9, 'Pacific/Kiritimati', '2026-11-29T19:00:00.000Z'], // Sat → Mon 09:00 (UTC+14)
    ['2026-03-27T12:00:00Z', 10, 'Europe/London', '2026-03-30T09:00:00.000Z'], // across the spring DST change
  ])('from %s at %i:00 in %s is %s', (from, hour, zone, expected) => {
    expect(nextWeekdayAt(new Date(from), hour, zone).toISOString()).toBe(expected);
  });

  it('never lands on a weekend or before the start, in any zone', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'Asia/Kolkata',
      'America/New_York',
      'Australia/Adelaide',
      'Pacific/Auckland',
    ];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2025-01-01T00:00:00Z'),
          max: new Date('2028-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(...zones),
        (from, hour, zone) => {
          const at = nextWeekdayAt(from, hour, zone);
          const local = toLocal(at, zone);
          expect(at.getTime()).toBeGreaterThanOrEqual(from.getTime());
          expect(local.weekday).toBeLessThanOrEqual(5);
          // A skipped DST hour may shift the wall clock by one hour; never more.
          expect(Math.abs(local.hour - hour) <= 1 && local.minute === 0).toBe(true);
          expect(at.getTime() - from.getTime()).toBeLessThan(4 * 86_400_000);
        },
      ),
    );
  });
});

describe('fromLocal and toLocal', () => {
  it('round-trip wall-clock times', () => {
    const at = fromLocal({ year: 2026, month: 7, day: 14, hour: 9, minute: 30 }, 'America/Sao_Paulo');
    expect(at.toISOString()).toBe('2026-07-14T12:30:00.000Z');
    expect(toLocal(at, 'America/Sao_Paulo')).toMatchObject({ hour: 9, minute: 30, weekday: 2 });
  });
});

describe('isoWeekKey', () => {
  it.each([
    ['2026-11-22T12:00:00Z', 'UTC', '2026-W47'],
    ['2026-11-23T12:00:00Z', 'UTC', '2026-W48'],
    ['2027-01-01T12:00:00Z', 'UTC', '2026-W53'],
    ['2026-11-22T23:30:00Z', 'Asia/Tokyo', '2026-W48'], // already Monday in Tokyo
  ])('%s in %s is %s', (instant, zone, key) => {
    expect(isoWeekKey(new Date(instant), zone)).toBe(key);
  });
});

describe('team schedules', () => {
  it('fires weekly on the weekday and hour in the team zone', () => {
    expect(
      teamCronPattern({ id: 't', cadence: 'biweekly', weekday: 2, hour: 10, timezone: 'Europe/Berlin' }),
    ).toEqual({
      pattern: '0 10 * * 2',
      tz: 'Europe/Berlin',
    });
    expect(
      teamCronPattern({ id: 't', cadence: 'weekly', weekday: 5, hour: 9, timezone: 'UTC' }).pattern,
    ).toBe('0 9 * * 5');
  });

  it('opens fortnightly teams in even ISO weeks and monthly teams in the first week of the month', () => {
    expect(opensThisWeek({ cadence: 'biweekly', timezone: 'UTC' }, new Date('2026-11-24T10:00:00Z'))).toBe(
      true,
    ); // W48
    expect(opensThisWeek({ cadence: 'biweekly', timezone: 'UTC' }, new Date('2026-12-01T10:00:00Z'))).toBe(
      false,
    ); // W49
    expect(opensThisWeek({ cadence: 'monthly', timezone: 'UTC' }, new Date('2026-12-01T10:00:00Z'))).toBe(
      true,
    );
    expect(opensThisWeek({ cadence: 'monthly', timezone: 'UTC' }, new Date('2026-12-08T10:00:00Z'))).toBe(
      false,
    );
    expect(opensThisWeek({ cadence: 'weekly', timezone: 'UTC' }, new Date('2026-12-08T10:00:00Z'))).toBe(
      true,
    );
  });
});
