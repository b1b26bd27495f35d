/**
 * Where a verified shopper's order is, from the shop's live data: 「ご注文 #1234 は12月2日にヤマト運輸で
 * 発送済みです」 with the carrier's tracking link, or the status of an order not shipped yet. The order is
 * the one whose number the shopper typed, else their newest. One answer, no state kept. The shop's
 * system down: the general answer and a person; no orders: the general answer. Anonymous shoppers get
 * the plain corpus answer (`accepts`). Pure.
 */
import { Type } from '@sinclair/typebox';
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

/** The order the line is about: the one whose number it names, else the newest. */
function orderFor(text: string, orders: readonly Order[]): Order | undefined {
  const plain = text.normalize('NFKC');
  return orders.find((o) => plain.includes(o.orderNumber)) ?? orders[0];
}

const STATUS: Record<'received' | 'preparing', TrackingMessageKey> = {
  received: 'statusReceived',
  preparing: 'statusPreparing',
};

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
  const order = orderFor(input.text, orders);
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
  intents: ['shipping.tracking'],
  accepts: (input) => input.shopper !== undefined,
  messages: trackingMessages,
  start: (input) => answer(input),
  next: (): Step | undefined => undefined,
});
