/**
 * 「いつ届く？」: the real shipping date from the calendar and cut-off, and with the prefecture (asked
 * when not given) the delivery date: 「今ご注文いただくと11月25日(水)に発送、東京都へは11月26日(木)お届け
 * 予定です」. A pre-order product named in the question gets its configured date. Pure.
 */

import { type Static, Type } from '@sinclair/typebox';
import type { LocalDate } from '../calendar/zoned-time.ts';
import { toLocal, weekdayOf } from '../calendar/zoned-time.ts';
import { PREFECTURES, type Prefecture, prefectureIn } from '../entities/slot-values.ts';
import { messageTable } from '../i18n/message-table.ts';
import { message as sharedMessage } from '../i18n/messages.ts';
import type { FlowInput, FlowStep, Preorder } from './flow.ts';
import { defineFlow, flowButton, onOffSetting } from './flow.ts';
import { formatShortDate } from './format.ts';
import { deliveryDate, isShippingDay, shipDate } from './shipping-date.ts';
import { shippingDateMessages } from './shipping-date-messages.ts';

const message = messageTable(shippingDateMessages);

/** The dialogue state: waiting for the prefecture. */
export const ShippingDateStateSchema = Type.Object({
  name: Type.Literal('shipping-date'),
  step: Type.Literal('prefecture'),
  /** A pre-order product the question named (index into the config's preorders). */
  preorder: Type.Optional(Type.Integer({ minimum: 0 })),
});
/** The dialogue state: waiting for the prefecture. */
export type ShippingDateState = Static<typeof ShippingDateStateSchema>;

/** Intent of the prefecture buttons (the text carries the name). */
export const SHIP_PREFECTURE = 'flow.ship.prefecture';
/** Prefectures offered as buttons: the biggest cities, and the two farthest. */
const SUGGESTED = [13, 27, 1, 47];

function preorderIn(text: string, preorders: Preorder[]): number | undefined {
  const t = text.normalize('NFKC').toLowerCase();
  const index = preorders.findIndex(
    (p) => t.includes(p.name.ja.toLowerCase()) || t.includes(p.name.en.toLowerCase()),
  );
  return index === -1 ? undefined : index;
}

function parseIso(iso: string): LocalDate {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day, weekday: weekdayOf(year, month, day) };
}

/** The dates for the question, and the sentence. */
function dates(input: FlowInput, preorder: number | undefined, prefecture: Prefecture | undefined): string {
  const { settings, locale } = input;
  const product = preorder === undefined ? undefined : settings.preorders[preorder];
  const ship = product
    ? parseIso(product.shipDate)
    : shipDate(settings.calendar, settings.cutoffTime, input.now);
  if (!ship) return sharedMessage(locale, 'handoffPromiseUnknown');
  const shipText = formatShortDate(ship, locale);
  const params: Record<string, string> = { ship: shipText, product: product?.name[locale] ?? '' };
  if (prefecture) {
    params.prefecture = prefecture[locale];
    params.delivery = formatShortDate(deliveryDate(ship, settings.leadDays, prefecture.code), locale);
  }
  const key = product
    ? prefecture
      ? 'shipPreorderDelivery'
      : 'shipPreorder'
    : prefecture
      ? 'shipWhenAnswer'
      : 'shipWhenAsk';
  const sentence = message(locale, key, params);
  if (product) return sentence;
  // Say why it is not today when the shopper might expect it to be.
  const local = toLocal(input.now, settings.calendar.timeZone);
  const today = { year: local.year, month: local.month, day: local.day, weekday: local.weekday };
  const sameDay = local.year === ship.year && local.month === ship.month && local.day === ship.day;
  if (sameDay || !isShippingDay(settings.calendar, today)) return sentence;
  const note = message(locale, 'shipWhenCutoffPassed', { cutoff: settings.cutoffTime });
  return `${note}${locale === 'en' ? ' ' : ''}${sentence}`;
}

function step(input: FlowInput, preorder: number | undefined): FlowStep<ShippingDateState> {
  const prefecture = prefectureIn(input.text);
  const markdown = dates(input, preorder, prefecture);
  if (prefecture) return { kind: 'answer', markdown };
  return {
    kind: 'ask',
    state: { name: 'shipping-date', step: 'prefecture', ...(preorder === undefined ? {} : { preorder }) },
    markdown,
    quickReplies: SUGGESTED.map((code) => {
      const p = PREFECTURES[code - 1]!;
      return flowButton(p[input.locale], SHIP_PREFECTURE);
    }),
  };
}

/** The shipping-date flow. */
export const shippingDateFlow = defineFlow({
  name: 'shipping-date',
  configKey: 'shippingDate',
  settingsSchema: onOffSetting('Concrete shipping and delivery dates.'),
  stateSchema: ShippingDateStateSchema,
  isOn: (on) => on,
  intents: ['shipping.when'],
  messages: shippingDateMessages,
  start(input) {
    return step(input, preorderIn(input.text, input.settings.preorders));
  },
  next(input, state) {
    const prefecture = prefectureIn(input.text);
    if (!prefecture) return undefined;
    return { kind: 'answer', markdown: dates(input, state.preorder, prefecture) };
  },
});
