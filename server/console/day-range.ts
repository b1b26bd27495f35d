/**
 * Checks the `from`/`to` days of a console query and turns them into instants: each must be a real date,
 * `from` not after `to`, and the span at most `maxDays` (a report over years would read every message).
 * Either may be left out; errors are 400 with a stable code.
 */
import { ConsoleHttpError } from '../plugins/console-auth.ts';
import { type DayKey, daysInRange, instantRange, isValidDay } from './shop-days.ts';

/** Every code assertDayRange refuses a range with (400). */
export const DAY_RANGE_PROBLEMS = [
  'CONSOLE_ERR_BAD_DAY',
  'CONSOLE_ERR_BAD_RANGE',
  'CONSOLE_ERR_RANGE_TOO_LONG',
] as const;

/** Throws 400 CONSOLE_ERR_BAD_DAY unless `day` is a real calendar date. */
export function assertDay(name: string, day: string): void {
  if (!isValidDay(day)) {
    throw new ConsoleHttpError(400, 'CONSOLE_ERR_BAD_DAY', `${name} is not a calendar date: ${day}`);
  }
}

/** Validates a closed range: real days, in order, at most `maxDays` long. */
export function assertDayRange(from: DayKey, to: DayKey, maxDays: number): void {
  assertDay('from', from);
  assertDay('to', to);
  const days = daysInRange(from, to);
  if (days < 1)
    throw new ConsoleHttpError(400, 'CONSOLE_ERR_BAD_RANGE', `from (${from}) is after to (${to}).`);
  if (days > maxDays) {
    throw new ConsoleHttpError(
      400,
      'CONSOLE_ERR_RANGE_TOO_LONG',
      `The range covers ${days} days; at most ${maxDays} days at a time.`,
    );
  }
}

/** The instants of an optional range (either end may be open). */
export function optionalInstantRange(
  from: DayKey | undefined,
  to: DayKey | undefined,
  timeZone: string,
): { start?: Date; end?: Date } {
  if (from !== undefined) assertDay('from', from);
  if (to !== undefined) assertDay('to', to);
  if (from !== undefined && to !== undefined && daysInRange(from, to) < 1) {
    throw new ConsoleHttpError(400, 'CONSOLE_ERR_BAD_RANGE', `from (${from}) is after to (${to}).`);
  }
  return {
    ...(from === undefined ? {} : { start: instantRange(from, from, timeZone).start }),
    ...(to === undefined ? {} : { end: instantRange(to, to, timeZone).end }),
  };
}
