/**
 * Whether staff are in now and, if not, when they are back: what a client shows from the start of a
 * conversation (the widget's closed-hours banner). Pure; the clock is passed in.
 */
import { type BusinessCalendar, isOpen, nextOpening } from './business-calendar.ts';

/** The shop's status at one instant. */
export interface ShopStatus {
  /** The shop is open at that instant. */
  open: boolean;
  /** When closed: the next opening; null while open, or when the calendar never opens again. */
  nextOpening: Date | null;
}

/** The shop's status at `now`. */
export function shopStatus(calendar: BusinessCalendar, now: Date): ShopStatus {
  if (isOpen(calendar, now)) return { open: true, nextOpening: null };
  return { open: false, nextOpening: nextOpening(calendar, now)?.at ?? null };
}
