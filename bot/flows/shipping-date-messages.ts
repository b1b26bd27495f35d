/** The sentences of the shipping-date flow (shipping-date-flow.ts), Japanese first and English second. */
import type { MessageTables } from '../i18n/message-table.ts';

const ja = {
  shipWhenAsk:
    '今ご注文いただくと{{ship}}に発送します。お届け先の都道府県を教えていただければ、お届け予定日をお調べします。',
  shipWhenAnswer: '今ご注文いただくと{{ship}}に発送、{{prefecture}}へは{{delivery}}お届け予定です。',
  shipWhenCutoffPassed: '本日の発送受付（{{cutoff}}）は締め切りました。',
  shipPreorder: '{{product}}は予約商品です。{{ship}}に発送予定です。',
  shipPreorderDelivery:
    '{{product}}は予約商品です。{{ship}}に発送、{{prefecture}}へは{{delivery}}お届け予定です。',
} as const;

/** A sentence of the shipping-date flow (shipping-date-flow.ts). */
export type ShippingDateMessageKey = keyof typeof ja;

const en = {
  shipWhenAsk:
    'If you order now, we ship on {{ship}}. Tell me the prefecture you are shipping to and I will work out the delivery date.',
  shipWhenAnswer:
    'If you order now, we ship on {{ship}} and it should arrive in {{prefecture}} on {{delivery}}.',
  shipWhenCutoffPassed: "Today's shipping cut-off ({{cutoff}}) has passed.",
  shipPreorder: '{{product}} is a pre-order item. It ships on {{ship}}.',
  shipPreorderDelivery:
    '{{product}} is a pre-order item. It ships on {{ship}} and should arrive in {{prefecture}} on {{delivery}}.',
} satisfies Record<ShippingDateMessageKey, string>;

/** The sentences of the shipping-date flow (shipping-date-flow.ts). */
export const shippingDateMessages: MessageTables<ShippingDateMessageKey> = { ja, en };
