/**
 * The embedded demo shop's subscription rules, as plain functions of a stored subscription and today's
 * shop-local date: what may be changed (nothing inside the deadline but pausing and cancelling), what a
 * change does, and how a delivery date that has passed rolls on (the demo has no warehouse, so a due
 * delivery counts as delivered when next read; "next delivery" stays in the future whatever day the
 * demo is opened). A real shop has its own rules; these only make the demo behave believably.
 */
import type { Subscription, SubscriptionChange, SubscriptionChangeKind } from '../../bot/shop/shop-data.ts';

/** A demo subscription as stored (the demo tables' row, in the contract's field names). */
export type DemoSubscription = Omit<Subscription, 'changeDeadline' | 'allowedChanges'>;

/** Days before a delivery after which it can no longer be skipped or moved. */
export const CHANGE_DEADLINE_DAYS = 3;
/** A resumed subscription's first delivery comes this many days after today. */
const RESUME_LEAD_DAYS = 7;
/** The latest next date a shopper may choose, in days from today. */
const LATEST_NEXT_DATE_DAYS = 90;

/** `YYYY-MM-DD` plus days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus one interval; months keep the day, clamped to the month's end (1/31 → 2/28). */
export function addInterval(date: string, interval: Subscription['interval']): string {
  if (interval.unit === 'day') return addDays(date, Math.round(interval.count));
  if (interval.unit === 'week') return addDays(date, Math.round(interval.count * 7));
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + Math.round(interval.count);
  const lastDay = new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, monthIndex, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** Rolls a delivery date that is today or past forward by whole intervals, counting the deliveries. */
export function rollForward(subscription: DemoSubscription, today: string): DemoSubscription {
  if (subscription.status !== 'active' || subscription.nextDeliveryDate === null) return subscription;
  let next = subscription.nextDeliveryDate;
  let delivered = subscription.deliveriesReceived;
  // Bounded: a daily subscription left alone for years still ends quickly.
  for (let i = 0; next <= today && i < 5000; i++) {
    next = addInterval(next, subscription.interval);
    delivered++;
  }
  return { ...subscription, nextDeliveryDate: next, deliveriesReceived: delivered };
}

/** The contract's view of a stored subscription on `today`. */
export function toContract(subscription: DemoSubscription, today: string): Subscription {
  const current = rollForward(subscription, today);
  const deadline =
    current.nextDeliveryDate === null ? null : addDays(current.nextDeliveryDate, -CHANGE_DEADLINE_DAYS);
  return { ...current, changeDeadline: deadline, allowedChanges: allowedChanges(current, deadline, today) };
}

function allowedChanges(
  subscription: DemoSubscription,
  deadline: string | null,
  today: string,
): SubscriptionChangeKind[] {
  if (subscription.status === 'cancelled') return [];
  if (subscription.status === 'paused') return ['resume', 'cancel'];
  const beforeDeadline = deadline !== null && today <= deadline;
  return beforeDeadline
    ? ['skip', 'interval', 'next_date', 'pause', 'cancel']
    : ['interval', 'pause', 'cancel'];
}

/** Why a change is refused: not allowed now (409) or a value out of range (422). */
export type ChangeRefusal =
  | { status: 409; code: 'DEMO_SHOP_ERR_NOT_ALLOWED' }
  | { status: 422; code: 'DEMO_SHOP_ERR_BAD_DATE' | 'DEMO_SHOP_ERR_BAD_INTERVAL' };

/** The stored subscription after `change`, or why not. */
export function applyChange(
  stored: DemoSubscription,
  change: SubscriptionChange,
  today: string,
): { ok: true; subscription: DemoSubscription } | { ok: false; refusal: ChangeRefusal } {
  const current = toContract(stored, today);
  if (!current.allowedChanges.includes(change.kind)) {
    return { ok: false, refusal: { status: 409, code: 'DEMO_SHOP_ERR_NOT_ALLOWED' } };
  }
  const base = rollForward(stored, today);
  switch (change.kind) {
    case 'skip':
      return {
        ok: true,
        subscription: { ...base, nextDeliveryDate: addInterval(base.nextDeliveryDate!, base.interval) },
      };
    case 'interval':
      // Whole intervals from a day to a year; anything else would stall or skew the schedule.
      if (!validInterval(change.interval))
        return { ok: false, refusal: { status: 422, code: 'DEMO_SHOP_ERR_BAD_INTERVAL' } };
      return { ok: true, subscription: { ...base, interval: change.interval } };
    case 'next_date':
      if (
        change.date <= addDays(today, CHANGE_DEADLINE_DAYS) ||
        change.date > addDays(today, LATEST_NEXT_DATE_DAYS)
      ) {
        return { ok: false, refusal: { status: 422, code: 'DEMO_SHOP_ERR_BAD_DATE' } };
      }
      return { ok: true, subscription: { ...base, nextDeliveryDate: change.date } };
    case 'pause':
      return { ok: true, subscription: { ...base, status: 'paused', nextDeliveryDate: null } };
    case 'resume':
      return {
        ok: true,
        subscription: { ...base, status: 'active', nextDeliveryDate: addDays(today, RESUME_LEAD_DAYS) },
      };
    case 'cancel':
      return { ok: true, subscription: { ...base, status: 'cancelled', nextDeliveryDate: null } };
  }
}

function validInterval(interval: Subscription['interval']): boolean {
  const days = interval.count * { day: 1, week: 7, month: 30 }[interval.unit];
  return Number.isInteger(interval.count) && days >= 1 && days <= 366;
}
