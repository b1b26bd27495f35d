/** The sentences of the cancellation flow (cancellation-flow.ts), Japanese first and English second. */
import type { MessageTables } from '../i18n/message-table.ts';

const ja = {
  cancelAskReason:
    'ご利用いただきありがとうございました。差し支えなければ、解約をお考えの理由を教えてください。',
  cancelReasonSurplus: '使い切れない・余っている',
  cancelReasonSkin: '肌に合わない',
  cancelReasonPrice: '価格',
  cancelReasonOther: 'その他',
  cancelOfferInterval:
    '商品が余っている場合は、解約せずに**お届け周期を延ばす**こともできます（例: 1ヶ月ごと → 2ヶ月ごと）。周期を変えて続けてみませんか？',
  cancelOfferSwitch:
    'お肌に合わなかったとのこと、申し訳ありません。解約せずに**敏感肌向けの商品に切り替える**こともできます。切り替えてみませんか？',
  cancelOfferSkip:
    '次回のお届けを**1回お休み**（スキップ）すれば、その回のお支払いは発生しません。スキップして続けてみませんか？',
  cancelOfferPause:
    '解約せずに定期便を**休止**して、お好きなときに再開することもできます。休止にしてみませんか？',
  cancelAcceptInterval: '周期を変える',
  cancelAcceptSwitch: '商品を切り替える',
  cancelAcceptSkip: 'スキップする',
  cancelAcceptPause: '休止する',
  cancelProceed: 'やはり解約する',
  cancelRetainedInterval:
    'ありがとうございます。お届け周期は[マイページ]({{myPageUrl}})の「定期便の確認・変更」→「お届け周期」から変更できます（次回発送の{{days}}日前まで）。{{interval}}',
  cancelRetainedSwitch:
    'ありがとうございます。お届け商品は[マイページ]({{myPageUrl}})の「定期便の確認・変更」→「商品の変更」から切り替えられます（次回発送の{{days}}日前まで）。',
  cancelRetainedSkip:
    'ありがとうございます。[マイページ]({{myPageUrl}})の「定期便の確認・変更」→「次回をスキップ」でお休みできます（次回発送の{{days}}日前まで）。',
  cancelRetainedPause:
    'ありがとうございます。[マイページ]({{myPageUrl}})の「定期便の確認・変更」→「休止する」で休止でき、再開も同じ画面からできます（次回発送の{{days}}日前まで）。',
  cancelIntervalChosen: 'ご希望の周期: {{interval}}',
  cancelSteps:
    '承知しました。解約は[マイページ]({{myPageUrl}})の「定期便の確認・変更」→「解約する」からお手続きいただけます（次回発送の{{days}}日前まで）。マイページを使えない場合は、注文番号を入力していただければこちらで解約を受け付けます。',
  cancelSelf: 'マイページで手続きする',
  cancelSelfDone:
    '承知しました。これまでのご利用ありがとうございました。ほかにご質問があれば、お気軽にどうぞ。',
  cancelOrderAgain: '注文番号の形式が違うようです。ご注文確認メールに記載の注文番号を入力してください。',
  cancelCase: '定期便の解約のご依頼（注文番号: {{order}}、理由: {{reason}}）',
  cancelRequestLead: '解約のご依頼を承りました。担当スタッフが手続きして、完了をメールでお知らせします。',
  cancelOfferRealInterval:
    '今は{{current}}・次回{{date}}のお届けです。解約せずに**{{proposed}}**にしますか？',
  cancelOfferRealSkip: '次回{{date}}のお届けを**1回お休み**（スキップ）して、続けてみませんか？',
  cancelOfferRealPause:
    '解約せずに定期便を**休止**して、お好きなときに再開することもできます。休止にしますか？',
  cancelAcceptRealInterval: '{{proposed}}にする',
  cancelMinimumLeft:
    'ご契約の最低お届け回数は{{min}}回で、これまでのお受け取りは{{received}}回です（あと{{left}}回）。この時点での解約の扱いはショップの規約のとおりです。',
  cancelMinimumMet: '最低お届け回数（{{min}}回）はすでに満たしています（これまで{{received}}回）。',
  cancelKept: '承知しました。定期便はこのまま続きます。',
} as const;

/** A sentence of the cancellation flow (cancellation-flow.ts). */
export type CancellationMessageKey = keyof typeof ja;

const en = {
  cancelAskReason: "Thank you for staying with us so far. If you don't mind, why would you like to cancel?",
  cancelReasonSurplus: 'I have too much left',
  cancelReasonSkin: "It doesn't suit my skin",
  cancelReasonPrice: 'Price',
  cancelReasonOther: 'Something else',
  cancelOfferInterval:
    'If you have product left over, you can **deliver less often** instead of cancelling (for example every 2 months instead of every month). Would you like to change the interval?',
  cancelOfferSwitch:
    "Sorry it didn't suit your skin. Instead of cancelling, you can **switch to our sensitive-skin product**. Would you like to switch?",
  cancelOfferSkip:
    "If you **skip the next delivery**, you won't be charged for it. Would you like to skip instead?",
  cancelOfferPause:
    'Instead of cancelling, you can **pause** your subscription and resume whenever you like. Would you like to pause?',
  cancelAcceptInterval: 'Change the interval',
  cancelAcceptSwitch: 'Switch product',
  cancelAcceptSkip: 'Skip next delivery',
  cancelAcceptPause: 'Pause',
  cancelProceed: 'Cancel anyway',
  cancelRetainedInterval:
    'Thank you! You can change the interval on [My Page]({{myPageUrl}}) under "Subscription" → "Delivery interval" (up to {{days}} days before the next shipment). {{interval}}',
  cancelRetainedSwitch:
    'Thank you! You can switch the product on [My Page]({{myPageUrl}}) under "Subscription" → "Change items" (up to {{days}} days before the next shipment).',
  cancelRetainedSkip:
    'Thank you! You can skip on [My Page]({{myPageUrl}}) under "Subscription" → "Skip next delivery" (up to {{days}} days before the next shipment).',
  cancelRetainedPause:
    'Thank you! You can pause on [My Page]({{myPageUrl}}) under "Subscription" → "Pause", and resume on the same page (up to {{days}} days before the next shipment).',
  cancelIntervalChosen: 'Your new interval: {{interval}}',
  cancelSteps:
    'Understood. You can cancel on [My Page]({{myPageUrl}}) under "Subscription" → "Cancel" (up to {{days}} days before the next shipment). If you cannot use My Page, type your order number and we will take your cancellation here.',
  cancelSelf: "I'll do it on My Page",
  cancelSelfDone: 'All right. Thank you for having been with us. If you have any other question, just ask.',
  cancelOrderAgain:
    "That doesn't look like an order number. Please type the order number from your order confirmation email.",
  cancelCase: 'Subscription cancellation request (order number: {{order}}, reason: {{reason}})',
  cancelRequestLead:
    'We have received your cancellation request. Our staff will process it and confirm by email.',
  cancelOfferRealInterval:
    'You get it {{current}} now, next on {{date}}. Instead of cancelling, shall I change it to **{{proposed}}**?',
  cancelOfferRealSkip: 'Would you like to **skip** the next delivery ({{date}}) instead, and carry on?',
  cancelOfferRealPause:
    'Instead of cancelling, you can **pause** your subscription and resume whenever you like. Pause it?',
  cancelAcceptRealInterval: 'Make it {{proposed}}',
  cancelMinimumLeft:
    "Your subscription's minimum is {{min}} deliveries and you have received {{received}} ({{left}} to go). Cancelling now follows the shop's terms for that case.",
  cancelMinimumMet: 'You have already received the minimum of {{min}} deliveries ({{received}} so far).',
  cancelKept: 'All right, your subscription carries on as it is.',
} satisfies Record<CancellationMessageKey, string>;

/** The sentences of the cancellation flow (cancellation-flow.ts). */
export const cancellationMessages: MessageTables<CancellationMessageKey> = { ja, en };
