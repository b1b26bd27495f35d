/**
 * Checks a business calendar beyond what its schema can say: real dates, spans that start before they
 * end and do not overlap, closures whose two ends have the same form, a zone Intl knows. The server runs
 * it once at boot and stops with the first problem's path.
 */
import { type BusinessCalendar, parseSpan, WEEKDAYS } from './business-calendar.ts';
import { isValidTimeZone } from './zoned-time.ts';

/** One problem, with a JSON-pointer-like path inside the calendar (`/closures/0/to`). */
export interface CalendarProblem {
  path: string;
  message: string;
}

const RECURRING = /^(\d{2})-(\d{2})$/u;
const ONE_OFF = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** A real month-day (02-29 allowed: it recurs in leap years). */
function isMonthDay(text: string): boolean {
  const m = RECURRING.exec(text);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2024, month, 0)).getUTCDate();
}

/** A real calendar date. */
function isDate(text: string): boolean {
  const m = ONE_OFF.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function checkSpans(list: readonly string[], path: string, problems: CalendarProblem[]): void {
  const parsed: [number, number][] = [];
  list.forEach((span, i) => {
    const p = parseSpan(span);
    if (!p) problems.push({ path: `${path}/${i}`, message: `"${span}" is not HH:MM-HH:MM with start < end` });
    else parsed.push(p);
  });
  parsed.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i]![0] < parsed[i - 1]![1]) problems.push({ path, message: 'opening spans overlap' });
  }
}

/** Every problem of the calendar; empty when it is usable. */
export function validateCalendar(calendar: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isValidTimeZone(calendar.timeZone)) {
    problems.push({ path: '/timeZone', message: `unknown time zone "${calendar.timeZone}"` });
  }
  for (const day of WEEKDAYS) checkSpans(calendar.hours[day], `/hours/${day}`, problems);
  calendar.closures.forEach((closure, i) => {
    const recurring = isMonthDay(closure.from) && isMonthDay(closure.to);
    const oneOff = isDate(closure.from) && isDate(closure.to);
    if (!recurring && !oneOff) {
      problems.push({
        path: `/closures/${i}`,
        message: 'from and to must both be MM-DD (every year) or both YYYY-MM-DD (once), and real dates',
      });
    } else if (oneOff && closure.from > closure.to) {
      problems.push({
        path: `/closures/${i}/to`,
        message: 'a one-off closure must not end before it starts',
      });
    }
  });
  calendar.specialDays.forEach((day, i) => {
    if (!isDate(day.date))
      problems.push({ path: `/specialDays/${i}/date`, message: 'not a YYYY-MM-DD date' });
    checkSpans(day.hours, `/specialDays/${i}/hours`, problems);
  });
  return problems;
}
