import { describe, expect, test } from 'vitest';
import { addDays, fromLocal, isValidTimeZone, toLocal } from '../../../bot/calendar/zoned-time.ts';

describe('toLocal', () => {
  test('shows an instant on the Tokyo wall clock, across midnight UTC', () => {
    expect(toLocal(new Date('2026-11-24T15:30:05.999Z'), 'Asia/Tokyo')).toEqual({
      year: 2026,
      month: 11,
      day: 25,
      weekday: 3,
      seconds: 30 * 60 + 5,
    });
  });
});

describe('fromLocal', () => {
  test('maps a Tokyo wall-clock time to its instant', () => {
    expect(fromLocal({ year: 2027, month: 1, day: 4 }, 600, 'Asia/Tokyo')).toEqual(
      new Date('2027-01-04T01:00:00Z'),
    );
  });

  test('maps an ambiguous time (clocks set back) to its first occurrence', () => {
    // Berlin 2026-10-25 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    expect(fromLocal({ year: 2026, month: 10, day: 25 }, 150, 'Europe/Berlin')).toEqual(
      new Date('2026-10-25T00:30:00Z'),
    );
  });

  test('moves a skipped time (clocks set forward) past the jump', () => {
    // Berlin 2026-03-29 02:30 does not exist; 03:30 CEST is 01:30 UTC.
    expect(fromLocal({ year: 2026, month: 3, day: 29 }, 150, 'Europe/Berlin')).toEqual(
      new Date('2026-03-29T01:30:00Z'),
    );
  });
});

describe('addDays', () => {
  test('rolls over the year end and keeps the weekday right', () => {
    expect(addDays({ year: 2026, month: 12, day: 31, weekday: 4 }, 1)).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      weekday: 5,
    });
  });
});

describe('isValidTimeZone', () => {
  test('knows IANA zones and refuses others', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
