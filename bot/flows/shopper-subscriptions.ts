/**
 * What the flows for a verified shopper share: their live subscriptions, the shop-local today, whether a
 * change is still possible (the shop's `allowedChanges` and change deadline), the buttons that pick a
 * subscription, and the shop's dates in the flows' short format. Pure: today comes from the line's clock
 * and the shop's calendar zone.
 */
import { toLocal, weekdayOf } from '../calendar/zoned-time.ts';
import type { QuickReply } from '../dialogue/types.ts';
import type { Locale } from '../locale.ts';
import type { Subscription, SubscriptionChangeKind } from '../shop/shop-data.ts';
import { type FlowInput, flowButton } from './flow.ts';
import { formatShortDate } from './format.ts';

/** The intent of the button that offers a person (the handoff dialogue). */
export const STAFF_INTENT = 'human_agent';

/**
 * The prefix of a button that picks one subscription; its id follows, percent-encoded (the shop's ids
 * are any text, a pressed button's intent is `[A-Za-z0-9_.~%!*'()-]`), and is checked against the context.
 */
export const PICK_PREFIX = 'flow.shopper.pick.';

/** The intent of the button that picks `subscriptionId`. */
export function pickIntent(subscriptionId: string): string {
  return `${PICK_PREFIX}${encodeURIComponent(subscriptionId)}`;
}

/** The subscription id a pick button's intent carries (undefined: not a pick, or not decodable). */
export function pickedId(intent: string | undefined): string | undefined {
  if (!intent?.startsWith(PICK_PREFIX)) return undefined;
  try {
    return decodeURIComponent(intent.slice(PICK_PREFIX.length));
  } catch {
    return undefined;
  }
}

/** Changes bound to the next delivery: not possible once its change deadline has passed. */
const BOUND_TO_DEADLINE: readonly SubscriptionChangeKind[] = ['skip', 'interval', 'next_date', 'pause'];

/** The shopper's subscriptions that still run (active or paused), or `unavailable`. */
export function liveSubscriptions(input: FlowInput): Subscription[] | 'unavailable' {
  const subscriptions = input.shopper?.subscriptions ?? 'unavailable';
  if (subscriptions === 'unavailable') return subscriptions;
  return subscriptions.filter((s) => s.status !== 'cancelled');
}

/** One of the shopper's live subscriptions by id; undefined for any other id (another customer's …). */
export function ownSubscription(input: FlowInput, id: string | undefined): Subscription | undefined {
  const live = liveSubscriptions(input);
  return live === 'unavailable' || id === undefined ? undefined : live.find((s) => s.id === id);
}

/** The shop-local date of the line, `YYYY-MM-DD`. */
export function shopToday(input: FlowInput): string {
  const local = toLocal(input.now, input.settings.calendar.timeZone);
  return `${local.year}-${pad(local.month)}-${pad(local.day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A shop date `YYYY-MM-DD` in the flows' short format (「12月8日(火)」 / "Tue, Dec 8"). */
export function formatShopDate(date: string, locale: Locale): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return formatShortDate({ year, month, day, weekday: weekdayOf(year, month, day) }, locale);
}

/** Why a change cannot be made now (undefined: it can): past the deadline, or not allowed by the shop. */
export type ChangeRefusal = 'deadline' | 'not_allowed';

/** Whether `kind` can be asked of the shop for `subscription` on `today` (the shop decides in the end). */
export function refusalOf(
  subscription: Subscription,
  kind: SubscriptionChangeKind,
  today: string,
): ChangeRefusal | undefined {
  const deadline = subscription.changeDeadline;
  if (BOUND_TO_DEADLINE.includes(kind) && deadline !== null && today > deadline) return 'deadline';
  return subscription.allowedChanges.includes(kind) ? undefined : 'not_allowed';
}

/** One button per subscription, labelled with its product. */
export function pickButtons(subscriptions: readonly Subscription[]): QuickReply[] {
  return subscriptions.map((s) => flowButton(s.productName, pickIntent(s.id)));
}

/** The subscription a line picks: its button, or its product named in the text. */
export function pickedSubscription(input: FlowInput): Subscription | undefined {
  const live = liveSubscriptions(input);
  if (live === 'unavailable') return undefined;
  if (input.chosen?.startsWith(PICK_PREFIX)) return ownSubscription(input, pickedId(input.chosen));
  if (input.chosen) return undefined;
  const text = input.text.normalize('NFKC');
  const named = live.filter((s) => text.includes(s.productName.normalize('NFKC')));
  return named.length === 1 ? named[0] : undefined;
}

/** The next interval a shopper with too much product would take: one step longer than today's. */
export function longerInterval(subscription: Subscription): Subscription['interval'] {
  const { unit, count } = subscription.interval;
  return unit === 'month' ? { unit, count: count + 1 } : { unit, count: count * 2 };
}
