/**
 * Where a verified shopper's order is, from the shop's live data: 「ご注文 #1234 は12月2日にヤマト運輸で
 * 発送済みです」 with the carrier's tracking link, or the status of an order not shipped yet. The order is
 * the one whose number the shopper typed, else their newest. A number that is none of their orders
 * (another customer's, a typo) is answered with "not among your orders" and their recent orders, never
 * with anything about that number: the shopper's orders are all the flow is given. It starts from a
 * tracking question, and from a "when will it arrive" question that names an order (「#10034 はいつ
 * 届きますか」: for a verified shopper the order's own status answers it better than the shipping
 * times). One answer, no state kept. The shop's system down: the general answer and a person; no
 * orders: the general answer. Anonymous shoppers get the plain corpus answer (`accepts`): an order
 * number alone never shows an order. Pure.
 */
import { Type } from '@sinclair/typebox';
import { orderNumbersIn } from '../entities/order-reference.ts';
import { messageTable } from '../i18n/message-table.ts';
import type { Locale } from '../locale.ts';
import type { Order } from '../shop/shop-data.ts';
import { defineFlow, type FlowInput, type FlowStep, onOffSetting } from './flow.ts';
import { escapeMarkdown } from './format.ts';
import { staffButton, unavailableStep } from './shopper-steps.ts';
import { formatShopDate } from './shopper-subscriptions.ts';
import { type TrackingMessageKey, trackingMessages } from './tracking-messages.ts';

const message = messageTable(trackingMessages);

/** The flow's state: never stored (every line is answered at once), declared for the registry. */
export const TrackingStateSchema = Type.Object({ name: Type.Literal('tracking') });
type Step = FlowStep<{ name: 'tracking' }>;

/** A link we put in markdown: https only, nothing that could end the link early. */
const SAFE_URL = /^https:\/\/[^\s()<>[\]]+$/u;

/** Recent orders listed when the number the shopper typed is none of theirs. */
const LISTED_ORDERS = 3;

/** Letters and digits an order number is made of: one next to it means a longer number. */
const ALNUM = /[A-Z0-9]/u;

/** The shopper's own order whose number stands alone in the line (「10034」 is not in 「100345」). */
function ownOrderIn(text: string, orders: readonly Order[]): Order | undefined {
  const folded = text.normalize('NFKC').toUpperCase();
  return orders.find((o) => {
    const number = o.orderNumber.normalize('NFKC').toUpperCase();
    for (let i = folded.indexOf(number); i !== -1; i = folded.indexOf(number, i + 1)) {
      if (!ALNUM.test(folded[i - 1] ?? '') && !ALNUM.test(folded[i + number.length] ?? '')) return true;
    }
    return false;
  });
}

/** The order a line names: the shopper's own, a number that is none of theirs, or none. */
type Mention = { own: Order } | { foreign: string } | { none: true };

/**
 * What the line names: one of the shopper's orders (by its number standing alone), else a number the
 * shop's pattern marks as an order's (`foreign`: none of theirs), else nothing. `accepts` and `start`
 * both ask: the flow binding hands each its own copy of the line, so nothing carries one's answer over.
 */
function mentionIn(input: FlowInput): Mention {
  const orders = input.shopper?.orders;
  const own = Array.isArray(orders) ? ownOrderIn(input.text, orders) : undefined;
  const [named] = own ? [] : orderNumbersIn(input.text, input.settings.orderNumberPattern);
  return own ? { own } : named !== undefined ? { foreign: named } : { none: true };
}

/** Whether the line names an order number (the shopper's own, or one marked as an order's). */
function namesOrder(input: FlowInput): boolean {
  return !('none' in mentionIn(input));
}

const STATUS: Record<Order['status'], TrackingMessageKey> = {
  received: 'statusReceived',
  preparing: 'statusPreparing',
  shipped: 'statusShipped',
  delivered: 'statusDelivered',
  cancelled: 'statusCancelled',
};

/** "Not among your orders", then the recent ones, each with a button asking where it is. */
function notTheirs(input: FlowInput, number: string, orders: readonly Order[]): Step {
  const { locale } = input;
  const named = escapeMarkdown(number);
  if (orders.length === 0) {
    const none = message(locale, 'trackNotFoundNone', { order: named });
    return {
      kind: 'answer',
      markdown: input.corpusAnswer ? `${none}\n\n${input.corpusAnswer}` : none,
      quickReplies: [staffButton(locale)],
    };
  }
  const listed = orders.slice(0, LISTED_ORDERS);
  const lines = listed.map((o) =>
    message(locale, 'trackListItem', {
      order: escapeMarkdown(o.orderNumber),
      ordered: formatShopDate(o.orderedOn, locale),
      status: message(locale, STATUS[o.status]),
    }),
  );
  return {
    kind: 'answer',
    markdown: `${message(locale, 'trackNotFound', { order: named })}\n\n${lines.join('\n')}`,
    quickReplies: [
      ...listed.map((o) => ({
        label: message(locale, 'trackAskLabel', { order: o.orderNumber }),
        text: message(locale, 'trackAskText', { order: o.orderNumber }),
        intent: 'shipping.tracking',
      })),
      staffButton(locale),
    ],
  };
}

function describe(locale: Locale, order: Order): string {
  const number = escapeMarkdown(order.orderNumber);
  if (order.status === 'cancelled') return message(locale, 'trackCancelled', { order: number });
  if (order.status === 'received' || order.status === 'preparing') {
    return message(locale, 'trackStatus', {
      order: number,
      ordered: formatShopDate(order.orderedOn, locale),
      status: message(locale, STATUS[order.status]),
    });
  }
  const carrier = order.carrier ? escapeMarkdown(order.carrier) : message(locale, 'trackCarrierUnknown');
  const shipped = message(locale, order.status === 'delivered' ? 'trackDelivered' : 'trackShipped', {
    order: number,
    date: formatShopDate(order.shippedOn ?? order.orderedOn, locale),
    carrier,
  });
  const tracking = order.trackingNumber ? escapeMarkdown(order.trackingNumber) : '';
  if (order.trackingUrl && SAFE_URL.test(order.trackingUrl)) {
    return `${shipped}\n\n${message(locale, 'trackLink', { url: order.trackingUrl, number: tracking || '-' })}`;
  }
  return tracking ? `${shipped}\n\n${message(locale, 'trackNumber', { number: tracking })}` : shipped;
}

function answer(input: FlowInput): Step {
  const orders = input.shopper?.orders ?? 'unavailable';
  if (orders === 'unavailable') return unavailableStep(input);
  const mention = mentionIn(input);
  if ('foreign' in mention) return notTheirs(input, mention.foreign, orders);
  // Named: that order; else their newest (undefined: they have none).
  const order = 'own' in mention ? mention.own : orders[0];
  if (!order) {
    const none = message(input.locale, 'trackNone');
    return {
      kind: 'answer',
      markdown: input.corpusAnswer ? `${none}\n\n${input.corpusAnswer}` : none,
      quickReplies: [staffButton(input.locale), ...(input.corpusQuickReplies ?? [])],
    };
  }
  return {
    kind: 'answer',
    markdown: describe(input.locale, order),
    quickReplies: [staffButton(input.locale)],
  };
}

/** The verified shopper's tracking flow. */
export const trackingFlow = defineFlow({
  name: 'tracking',
  configKey: 'tracking',
  settingsSchema: onOffSetting(
    "A verified shopper's order status and tracking link from the shop connector.",
  ),
  stateSchema: TrackingStateSchema,
  isOn: (on) => on,
  intents: ['shipping.tracking', 'shipping.when'],
  accepts: (input) => input.shopper !== undefined && (input.intent !== 'shipping.when' || namesOrder(input)),
  messages: trackingMessages,
  start: (input) => answer(input),
  next: (): Step | undefined => undefined,
});
