/**
 * Wall-clock time in an IANA time zone with nothing but Intl: an instant's local date and time, and the
 * instant of a local date and time. Pure; the zone is always passed in, never read from the process.
 */

/** A calendar date without a time zone. `month` is 1–12; `weekday` 0 = Sunday … 6 = Saturday. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

/** An instant as seen on a wall clock in one zone. */
export interface LocalDateTime extends LocalDate {
  /** Seconds since local midnight, 0–86399 (milliseconds dropped). */
  seconds: number;
}

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: constructing Intl.DateTimeFormat is far slower than using one. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** True when Intl knows the zone (e.g. `Asia/Tokyo`); config validation uses it. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The weekday of a calendar date (0 = Sunday), independent of any zone. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The date `days` after (or before) a calendar date; months and years roll over. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}

/** `instant` on the wall clock of `timeZone`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const year = parts.year!;
  const month = parts.month!;
  const day = parts.day!;
  return {
    year,
    month,
    day,
    weekday: weekdayOf(year, month, day),
    seconds: parts.hour! * 3600 + parts.minute! * 60 + parts.second!,
  };
}

/** Local time minus UTC at `instant`, in milliseconds (+9 h for Asia/Tokyo). */
function offsetAt(instant: number, timeZone: string): number {
  const local = toLocal(new Date(instant), timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day) + local.seconds * 1000;
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant when the wall clock in `timeZone` shows `minutes` after midnight of `date`. An ambiguous
 * local time (clocks set back) maps to its first occurrence; one that a DST jump skips is moved forward
 * by the length of the jump. Japan has had no DST since 1951, so for Asia/Tokyo this is just −9 h.
 */
export function fromLocal(
  date: Pick<LocalDate, 'year' | 'month' | 'day'>,
  minutes: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // Zone offsets change at most once a day, so the offsets a day before and after are the only two
  // this wall time can have.
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const shows = (instant: number): boolean => {
    const local = toLocal(new Date(instant), timeZone);
    return Date.UTC(local.year, local.month - 1, local.day) + local.seconds * 1000 === wall;
  };
  const matching = [before, after].filter(shows);
  return new Date(matching.length > 0 ? Math.min(...matching) : before);
}
