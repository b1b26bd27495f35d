/** The sentences of the subscription-change flow (subscription-flow.ts), Japanese first and English second. */
import type { MessageTables } from '../i18n/message-table.ts';

const ja = {
  subOfferStaff:
    'マイページが使えない場合は、注文番号を入力していただければ、担当スタッフが{{what}}を代わりに手続きします。',
  subSelf: 'マイページで手続きする',
  subSelfDone: '承知しました。ほかにご質問があれば、お気軽にどうぞ。',
  subAskOrder: '注文番号を入力してください（ご注文確認メールに記載されています）。',
  subOrderAgain: '注文番号の形式が違うようです。ご注文確認メールに記載の注文番号を入力してください。',
  subAskInterval: 'ご希望のお届け周期を教えてください（例: 2ヶ月ごと、45日ごと）。',
  subIntervalAgain: 'お届け周期が読み取れませんでした。「2ヶ月ごと」「45日ごと」のように入力してください。',
  subAskItems: 'どの商品をどのように変更しますか？（例: 化粧水を2本に）',
  subRequestLead: 'ご依頼を承りました。担当スタッフが手続きして、完了をメールでお知らせします。',
  subCase: '定期便の変更のご依頼（注文番号: {{order}}、内容: {{what}}）',
  subNounInterval: 'お届け周期の変更',
  subNounSkip: '次回のスキップ',
  subNounPause: '定期便の休止',
  subNounItems: '商品・数量の変更',
  subWhatInterval: 'お届け周期を{{interval}}に変更',
  subWhatSkip: '次回のお届けをスキップ',
  subWhatPause: '定期便を休止',
  subWhatItems: '商品・数量を変更（{{items}}）',
} as const;

/** A sentence of the subscription-change flow (subscription-flow.ts). */
export type SubscriptionMessageKey = keyof typeof ja;

const en = {
  subOfferStaff:
    "If you can't use My Page, type your order number and our staff will take care of the {{what}} for you.",
  subSelf: "I'll do it on My Page",
  subSelfDone: 'All right. If you have any other question, just ask.',
  subAskOrder: 'Please type your order number (it is in your order confirmation email).',
  subOrderAgain:
    "That doesn't look like an order number. Please type the order number from your order confirmation email.",
  subAskInterval: 'How often would you like your deliveries? (for example every 2 months, every 45 days)',
  subIntervalAgain:
    'Sorry, I couldn\'t read the interval. Please type it like "every 2 months" or "every 45 days".',
  subAskItems: 'Which items would you like to change, and how? (for example "2 bottles of toner")',
  subRequestLead: 'We have received your request. Our staff will make the change and confirm by email.',
  subCase: 'Subscription change request (order number: {{order}}, change: {{what}})',
  subNounInterval: 'interval change',
  subNounSkip: 'skip',
  subNounPause: 'pause',
  subNounItems: 'change of items',
  subWhatInterval: 'change the delivery interval to {{interval}}',
  subWhatSkip: 'skip the next delivery',
  subWhatPause: 'pause the subscription',
  subWhatItems: 'change the items ({{items}})',
} satisfies Record<SubscriptionMessageKey, string>;

/** The sentences of the subscription-change flow (subscription-flow.ts). */
export const subscriptionMessages: MessageTables<SubscriptionMessageKey> = { ja, en };
