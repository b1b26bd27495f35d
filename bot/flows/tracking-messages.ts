/** The sentences of the verified shopper's tracking flow (tracking-flow.ts), Japanese first and English second. */
import type { MessageTables } from '../i18n/message-table.ts';

const ja = {
  trackShipped: 'ご注文 #{{order}} は{{date}}に{{carrier}}で発送済みです。',
  trackDelivered: 'ご注文 #{{order}} は{{date}}に{{carrier}}で発送し、お届け済みです。',
  trackLink: '[配送状況を確認する]({{url}})（お問い合わせ番号: {{number}}）',
  trackNumber: 'お問い合わせ番号: {{number}}',
  trackStatus:
    'ご注文 #{{order}}（{{ordered}}のご注文）は現在「{{status}}」です。発送しましたら、お問い合わせ番号をお知らせします。',
  trackCancelled: 'ご注文 #{{order}} はキャンセル済みです。',
  trackNone: '最近のご注文が見つかりませんでした。',
  trackNotFound:
    'ご注文番号 {{order}} は、お客さまのご注文の中に見つかりませんでした。最近のご注文は次のとおりです。',
  trackNotFoundNone: 'ご注文番号 {{order}} は、お客さまのご注文の中に見つかりませんでした。',
  trackListItem: '- #{{order}}（{{ordered}}のご注文・{{status}}）',
  trackAskLabel: '#{{order}} の配送状況',
  trackAskText: '注文{{order}}の配送状況は？',
  trackCarrierUnknown: '配送業者',
  statusReceived: 'ご注文受付済み',
  statusPreparing: '発送準備中',
  statusShipped: '発送済み',
  statusDelivered: 'お届け済み',
  statusCancelled: 'キャンセル済み',
} as const;

/** A sentence of the tracking flow. */
export type TrackingMessageKey = keyof typeof ja;

const en = {
  trackShipped: 'Your order #{{order}} was shipped on {{date}} with {{carrier}}.',
  trackDelivered: 'Your order #{{order}} was shipped on {{date}} with {{carrier}} and has been delivered.',
  trackLink: '[Track your parcel]({{url}}) (tracking number: {{number}})',
  trackNumber: 'Tracking number: {{number}}',
  trackStatus:
    'Your order #{{order}} (ordered on {{ordered}}) is "{{status}}". Once it ships, you will get its tracking number.',
  trackCancelled: 'Your order #{{order}} has been cancelled.',
  trackNone: "I couldn't find a recent order of yours.",
  trackNotFound: "I couldn't find order number {{order}} among your orders. Your recent orders are:",
  trackNotFoundNone: "I couldn't find order number {{order}} among your orders.",
  trackListItem: '- #{{order}} (ordered on {{ordered}}, {{status}})',
  trackAskLabel: 'Where is #{{order}}?',
  trackAskText: 'Where is order {{order}}?',
  trackCarrierUnknown: 'the carrier',
  statusReceived: 'order received',
  statusPreparing: 'being prepared for shipping',
  statusShipped: 'shipped',
  statusDelivered: 'delivered',
  statusCancelled: 'cancelled',
} satisfies Record<TrackingMessageKey, string>;

/** The sentences of the tracking flow. */
export const trackingMessages: MessageTables<TrackingMessageKey> = { ja, en };
