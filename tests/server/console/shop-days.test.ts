import { describe, expect, test } from 'vitest';
import {
  dayOf,
  daysInRange,
  eachDay,
  hourOf,
  instantRange,
  isValidDay,
  shiftDay,
} from '../../../server/console/shop-days.ts';

const TOKYO = 'Asia/Tokyo';

describe('shop days', () => {
  test('puts 2026-11-23T15:30Z on 11-24 at hour 00 in Tokyo', () => {
    const instant = new Date('2026-11-23T15:30:00Z');
    expect(dayOf(instant, TOKYO)).toBe('2026-11-24');
    expect(hourOf(instant, TOKYO)).toBe('00');
  });

  test('starts a Tokyo day at 15:00 UTC the day before and ends it (exclusive) 24 hours later', () => {
    expect(instantRange('2026-11-24', '2026-11-24', TOKYO)).toEqual({
      start: new Date('2026-11-23T15:00:00Z'),
      end: new Date('2026-11-24T15:00:00Z'),
    });
  });

  test('counts and lists days across a month and year end', () => {
    expect(daysInRange('2026-12-30', '2027-01-02')).toBe(4);
    expect(eachDay('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(shiftDay('2028-03-01', -1)).toBe('2028-02-29');
  });

  test.each([
    { day: '2026-02-28', valid: true },
    { day: '2026-02-30', valid: false },
    { day: '2026-13-01', valid: false },
    { day: '26-01-01', valid: false },
  ])('judges $day a valid day: $valid', ({ day, valid }) => {
    expect(isValidDay(day)).toBe(valid);
  });
});
