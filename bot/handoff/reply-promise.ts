/**
 * What the shopper is told about when a reply will come, from the business calendar: the shop's promise
 * (「2時間以内を目安にご返信します」) only when that much opening time follows now without a break longer
 * than the promise allows, else the time the reply is due counted in opening hours
 * (「11月30日(月) 11:55までを目安に」, on a Friday at 17:55); when closed, the next opening
 * (「11月25日(水) 10:00以降にご返信します」). Every date and time is written one way, the way the
 * widget shows the same opening (`formatOpening`). Pure.
 */
import { addOpenMinutes, type BusinessCalendar, isOpen, nextOpening } from '../calendar/business-calendar.ts';
import { type LocalDate, toLocal } from '../calendar/zoned-time.ts';
import { formatShortDate } from '../flows/format.ts';
import { message } from '../i18n/messages.ts';
import type { Locale } from '../nlu/types.ts';

/** The promise and the facts behind it (the mail and the reply frame carry them too). */
export interface ReplyPromise {
  /** The shop was open at the handoff. */
  open: boolean;
  /** When closed: the next opening; null while open or when the calendar never opens. */
  nextOpening: Date | null;
  /** The sentence for the shopper. */
  text: string;
}

/** The shop settings a promise is computed from. */
export interface ReplyPromiseSettings {
  calendar: BusinessCalendar;
  /** The in-hours promise in words (「2時間以内」, "within 2 hours"). */
  replyPromise: Record<Locale, string>;
  /** The opening time, in minutes, those words stand for (120 for 「2時間以内」). */
  replyWithinMinutes: number;
}

/** `10:00` / `9:05` (ja), `09:05` (en): 24-hour, as `Intl` writes it in each language. */
export function formatLocalTime(minutes: number, locale: Locale): string {
  const hour = Math.floor(minutes / 60);
  return message(locale, 'timeOfDay', {
    hour,
    hour2: String(hour).padStart(2, '0'),
    minute: String(minutes % 60).padStart(2, '0'),
  });
}

/**
 * `12月4日(金) 10:00` / `Fri, Dec 4, 10:00`: the one way an opening or a due time is written, in the
 * greeting, the reply promise and (through `Intl` with the same fields) the widget's closed banner.
 */
export function formatOpening(date: LocalDate, minutes: number, locale: Locale): string {
  return message(locale, 'dateTime', {
    date: formatShortDate(date, locale),
    time: formatLocalTime(minutes, locale),
  });
}

function sameDay(a: Pick<LocalDate, 'year' | 'month' | 'day'>, b: LocalDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** The reply promise at `now`. */
export function replyPromise(settings: ReplyPromiseSettings, now: Date, locale: Locale): ReplyPromise {
  const { calendar } = settings;
  const today = toLocal(now, calendar.timeZone);
  if (isOpen(calendar, now)) {
    const due = addOpenMinutes(calendar, now, settings.replyWithinMinutes);
    // The words hold when the window runs without a break: due that many minutes from now (the due
    // time is rounded up to a whole minute, so up to one more).
    const inWindow =
      due !== undefined && due.at.getTime() - now.getTime() < (settings.replyWithinMinutes + 1) * 60_000;
    if (inWindow || !due) {
      return {
        open: true,
        nextOpening: null,
        text: message(locale, 'handoffPromiseOpen', { promise: settings.replyPromise[locale] }),
      };
    }
    const text = sameDay(today, due.date)
      ? message(locale, 'handoffPromiseByToday', { time: formatLocalTime(due.minutes, locale) })
      : message(locale, 'handoffPromiseBy', { when: formatOpening(due.date, due.minutes, locale) });
    return { open: true, nextOpening: null, text };
  }
  const opening = nextOpening(calendar, now);
  if (!opening) return { open: false, nextOpening: null, text: message(locale, 'handoffPromiseUnknown') };
  const text = sameDay(today, opening.date)
    ? message(locale, 'handoffPromiseLaterToday', { time: formatLocalTime(opening.minutes, locale) })
    : message(locale, 'handoffPromiseNextDay', {
        when: formatOpening(opening.date, opening.minutes, locale),
      });
  return { open: false, nextOpening: opening.at, text };
}
