/**
 * The proactive greeting: the bubble a client shows by the launcher before the shopper has written.
 * The bot decides it, not the browser: the wording follows the time of day in the shop's time zone
 * (「遅くまでお疲れさまです。」 late at night), says when the shop is closed that the bot answers now and
 * when staff are back, and comes at most once per conversation (never again after it was shown or
 * dismissed). Pure: the clock, the calendar and the conversation state are passed in.
 */
import { type BusinessCalendar, isOpen, nextOpening } from '../calendar/business-calendar.ts';
import { toLocal } from '../calendar/zoned-time.ts';
import { formatLocalTime, formatOpening } from '../handoff/reply-promise.ts';
import { type MessageKey, message } from '../i18n/messages.ts';
import type { Locale } from '../nlu/types.ts';

/** What a conversation remembers about its greeting (kept in the conversation state as `greeting`). */
export interface GreetingState {
  /** When the greeting was sent to the shopper (ISO 8601). */
  shownAt?: string;
  /** When the shopper dismissed it (ISO 8601). */
  dismissedAt?: string;
}

/** The part of the day the greeting's first words follow, on the shop's wall clock. */
export type DayPart = 'late-night' | 'morning' | 'daytime' | 'evening';

/**
 * Where each part of the day starts, in hours after local midnight, latest first: late night 22:00–05:00,
 * morning 05:00–11:00, daytime 11:00–18:00, evening 18:00–22:00.
 */
const DAY_PARTS: readonly [number, DayPart][] = [
  [22, 'late-night'],
  [18, 'evening'],
  [11, 'daytime'],
  [5, 'morning'],
];

const SALUTATIONS: Record<DayPart, MessageKey> = {
  'late-night': 'greetingLateNight',
  morning: 'greetingMorning',
  daytime: 'greetingDaytime',
  evening: 'greetingEvening',
};

/** What the greeting depends on. */
export interface ProactiveGreetingInput {
  now: Date;
  calendar: BusinessCalendar;
  /** The shopper's locale (the conversation's). */
  locale: Locale;
  /** The conversation state; only its `greeting` record is read. */
  state: { greeting?: GreetingState | undefined };
  /** The shopper has written in this conversation already: they found the chat, no need to invite them. */
  shopperHasWritten: boolean;
}

/** A greeting to show. */
export interface ProactiveGreeting {
  text: string;
  dayPart: DayPart;
  /** The shop was open at `now`. */
  open: boolean;
}

/** The part of the day at `seconds` after local midnight (0–86399). */
export function dayPartAt(seconds: number): DayPart {
  const hour = Math.floor(seconds / 3600);
  return DAY_PARTS.find(([start]) => hour >= start)?.[1] ?? 'late-night';
}

/** True when the conversation's greeting was shown or dismissed already. */
export function greetingDone(state: { greeting?: GreetingState | undefined }): boolean {
  return Boolean(state.greeting?.shownAt || state.greeting?.dismissedAt);
}

/**
 * The greeting for this conversation at `now`, or undefined when there is none to show: it was shown or
 * dismissed before, or the shopper has already written.
 */
export function proactiveGreeting(input: ProactiveGreetingInput): ProactiveGreeting | undefined {
  if (greetingDone(input.state) || input.shopperHasWritten) return undefined;
  const { calendar, locale, now } = input;
  const local = toLocal(now, calendar.timeZone);
  const dayPart = dayPartAt(local.seconds);
  const salutation = message(locale, SALUTATIONS[dayPart]);
  if (isOpen(calendar, now)) {
    return { text: message(locale, 'greetingOpen', { salutation }), dayPart, open: true };
  }
  const opening = nextOpening(calendar, now);
  if (!opening) {
    return { text: message(locale, 'greetingClosedUnknown', { salutation }), dayPart, open: false };
  }
  const sameDay =
    opening.date.year === local.year && opening.date.month === local.month && opening.date.day === local.day;
  const when = sameDay
    ? message(locale, 'greetingWhenToday', { time: formatLocalTime(opening.minutes, locale) })
    : formatOpening(opening.date, opening.minutes, locale);
  return { text: message(locale, 'greetingClosed', { salutation, when }), dayPart, open: false };
}

/** The state with the greeting recorded as shown at `now` (it is never offered again). */
export function withGreetingShown<S extends { greeting?: GreetingState | undefined }>(
  state: S,
  now: Date,
): S {
  return { ...state, greeting: { ...state.greeting, shownAt: now.toISOString() } };
}

/** The state with the greeting recorded as dismissed at `now` (it is never offered again). */
export function withGreetingDismissed<S extends { greeting?: GreetingState | undefined }>(
  state: S,
  now: Date,
): S {
  return { ...state, greeting: { ...state.greeting, dismissedAt: now.toISOString() } };
}
