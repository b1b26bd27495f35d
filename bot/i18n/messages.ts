/**
 * The bot's shared sentences (not corpus answers, not a flow's own: those live with each flow in
 * bot/flows/*-messages.ts), in Japanese first and English second. The `satisfies` check makes a missing
 * English (or Japanese) string a type error.
 */
import type { Locale } from '../locale.ts';
import { fillMessage } from './message-table.ts';

const ja = {
  clarify: 'ご質問は次のどれに近いでしょうか？ 当てはまるものを選んでください。',
  rephrase:
    '申し訳ありません、うまく理解できませんでした。別の言葉で言い換えていただくか、下のよくあるご質問からお選びください。',
  handoffPromiseOpen: '{{promise}}を目安にご返信します。',
  handoffPromiseByToday: '本日{{time}}までを目安にご返信します。',
  handoffPromiseBy: '{{when}}までを目安にご返信します。',
  handoffPromiseLaterToday: 'ただいま営業時間外のため、本日{{time}}以降にご返信します。',
  handoffPromiseNextDay: 'ただいま営業時間外のため、{{when}}以降にご返信します。',
  handoffPromiseUnknown: '担当スタッフより順次ご返信します。',
  handoffTicket: '受付番号: {{ticket}}',
  greetingLateNight: '遅くまでお疲れさまです。',
  greetingMorning: 'おはようございます。',
  greetingDaytime: 'こんにちは。',
  greetingEvening: 'こんばんは。',
  greetingOpen:
    '{{salutation}}ご不明な点はありませんか？ 定期便・お届け・お支払いのことなど、チャットでお気軽にどうぞ。',
  greetingClosed:
    '{{salutation}}ただいま営業時間外ですが、チャットの自動応答ならいますぐお答えします。スタッフは{{when}}から対応します。',
  greetingClosedUnknown:
    '{{salutation}}ただいま営業時間外ですが、チャットの自動応答ならいますぐお答えします。',
  greetingWhenToday: '本日{{time}}',
  dateTime: '{{date}} {{time}}',
  timeOfDay: '{{hour}}:{{minute}}',
  weekdayNames: '日,月,火,水,木,金,土',
  monthNames: '1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月',
  mailSubject: '【{{shopName}}】チャットからのお問い合わせ：{{reason}}{{closed}} #{{ticket}}',
  mailClosedMark: '（営業時間外）',
  mailReasonUserRequested: 'お客様がスタッフを希望',
  mailReasonRepeatedFallback: 'ボットが続けて回答できず',
  mailReasonLowConfidence: 'ボットの確信度が低い',
  mailIntro:
    'チャットボットからお問い合わせを引き継ぎました。このメールに返信すると、お客様（{{email}}）に届きます。',
  mailTicket: '受付番号',
  mailReason: '理由',
  mailDecision: 'ボットの判定',
  mailReceivedAt: '受付日時',
  mailPromise: 'お客様への案内',
  mailReplyTo: '返信先',
  mailCustomerId: '顧客ID（ログインで確認済み）',
  mailChannel: '受付チャネル',
  mailChannelLine: 'LINE（公式アカウント）',
  mailSubscription: '定期便（引き継ぎ時点）',
  mailNextDelivery: '次回',
  mailStatusActive: 'お届け中',
  mailStatusPaused: '休止中',
  mailStatusCancelled: '解約済み',
  mailSummary: 'ご用件',
  mailLocale: 'お客様の言語',
  mailEntities: '抽出した情報',
  mailConsole: '管理画面',
  mailTranscript: '会話の記録',
  mailShopper: 'お客様',
  mailBot: 'ボット',
  mailStaff: 'スタッフ',
  mailNone: 'なし',
  mailScore: 'スコア',
  mailEntityOrderNumber: '注文番号',
  mailEntityPhone: '電話番号',
  mailEntityEmail: 'メールアドレス',
  mailEntityPostalCode: '郵便番号',
  mailCopySubject: '【{{shopName}}】お問い合わせを受け付けました #{{ticket}}',
  mailCopyIntro: 'チャットでのお問い合わせを受け付けました。以下はその控えです。',
  mailCopyFooter: 'このメールにご返信いただくと、担当スタッフに届きます。',
  shortDate: '{{month}}月{{day}}日({{weekday}})',
  intervalMonths: '{{count}}ヶ月ごと',
  intervalWeeks: '{{count}}週間ごと',
  intervalDays: '{{count}}日ごと',
  errorTooLong: 'メッセージが長すぎます。{{max}}文字以内でお送りください。',
  errorInvalid: 'メッセージを読み取れませんでした。もう一度お試しください。',
  errorInternal: '申し訳ありません、ただいま応答できません。少し時間をおいてお試しください。',
  errorNotReady: 'ただいま準備中です。数秒後にもう一度お送りください。',
  errorShopperTokenInvalid:
    'ログイン情報を確認できませんでした。このままゲストとしてご案内します（ご注文やご契約の内容はお調べできません）。',
  errorShopperTokenExpired:
    'ログイン情報の有効期限が切れています。ページを再読み込みしてください。それまではゲストとしてご案内します。',
  errorRateLimited: '送信の間隔が短すぎます。少し待ってから、もう一度お送りください。',
  errorClientRateLimited:
    'お使いの接続元からのメッセージが多すぎます。1分ほど待ってから、もう一度お送りください。',
  errorHandoffRateLimited:
    'お使いの接続元からのスタッフへのお問い合わせが集中しています。数分待ってから、もう一度お送りください。',
  mailFloodSubject: '【{{shopName}}】警告：同じ接続元からの問い合わせが集中しています（{{client}}）',
  mailFloodBody:
    '接続元 {{client}} からのスタッフへの引き継ぎが上限（1分あたり{{perMinute}}件、一度に{{burst}}件まで）を超えたため、{{time}} から受け付けを断っています。断った引き継ぎはメールになりません。この接続元について次の警告は{{minutes}}分後まで送りません。攻撃と思われる場合は、この接続元を遮断してください。',
  // Stands where a configured privacy pattern matched in a stored shopper message (server/privacy/).
  privacyRedacted: '[非表示]',
} as const;

type MessageKey = keyof typeof ja;

const en = {
  clarify: 'Which of these is closest to your question? Please pick one.',
  rephrase:
    "Sorry, I didn't quite understand. Could you rephrase it, or pick one of the common questions below?",
  handoffPromiseOpen: 'We will reply {{promise}}.',
  handoffPromiseByToday: 'We will reply by {{time}} today.',
  handoffPromiseBy: 'We will reply by {{when}}.',
  handoffPromiseLaterToday: "We're closed right now, so we will reply after {{time}} today.",
  handoffPromiseNextDay: "We're closed right now, so we will reply after {{when}}.",
  handoffPromiseUnknown: 'Our staff will reply as soon as they can.',
  handoffTicket: 'Reference: {{ticket}}',
  greetingLateNight: 'Thank you for stopping by so late.',
  greetingMorning: 'Good morning!',
  greetingDaytime: 'Hello!',
  greetingEvening: 'Good evening!',
  greetingOpen: '{{salutation}} Any questions? Ask us about your subscription, delivery or payment here.',
  greetingClosed:
    "{{salutation}} We're closed right now, but I can answer your questions straight away. Our staff are back {{when}}.",
  greetingClosedUnknown:
    "{{salutation}} We're closed right now, but I can answer your questions straight away.",
  greetingWhenToday: 'today at {{time}}',
  dateTime: '{{date}}, {{time}}',
  timeOfDay: '{{hour2}}:{{minute}}',
  weekdayNames: 'Sun,Mon,Tue,Wed,Thu,Fri,Sat',
  monthNames: 'Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec',
  mailSubject: '[{{shopName}}] Chat handoff: {{reason}}{{closed}} #{{ticket}}',
  mailClosedMark: ' (after hours)',
  mailReasonUserRequested: 'shopper asked for staff',
  mailReasonRepeatedFallback: 'bot could not answer twice in a row',
  mailReasonLowConfidence: 'bot not confident',
  mailIntro:
    'The chatbot handed this conversation over to you. Replying to this mail reaches the shopper ({{email}}).',
  mailTicket: 'Reference',
  mailReason: 'Reason',
  mailDecision: 'Bot decision',
  mailReceivedAt: 'Received',
  mailPromise: 'Told the shopper',
  mailReplyTo: 'Reply to',
  mailCustomerId: 'Customer ID (verified sign-in)',
  mailChannel: 'Channel',
  mailChannelLine: 'LINE (official account)',
  mailSubscription: 'Subscription (at handoff)',
  mailNextDelivery: 'next',
  mailStatusActive: 'active',
  mailStatusPaused: 'paused',
  mailStatusCancelled: 'cancelled',
  mailSummary: 'Summary',
  mailLocale: 'Shopper language',
  mailEntities: 'Extracted',
  mailConsole: 'Console',
  mailTranscript: 'Transcript',
  mailShopper: 'Shopper',
  mailBot: 'Bot',
  mailStaff: 'Staff',
  mailNone: 'none',
  mailScore: 'score',
  mailEntityOrderNumber: 'Order number',
  mailEntityPhone: 'Phone',
  mailEntityEmail: 'Email',
  mailEntityPostalCode: 'Postal code',
  mailCopySubject: '[{{shopName}}] We have received your question #{{ticket}}',
  mailCopyIntro: 'We have received your question from the chat. This is your copy.',
  mailCopyFooter: 'Replying to this mail reaches our staff.',
  shortDate: '{{weekday}}, {{monthName}} {{day}}',
  intervalMonths: 'every {{count}} months',
  intervalWeeks: 'every {{count}} weeks',
  intervalDays: 'every {{count}} days',
  errorTooLong: 'That message is too long. Please keep it within {{max}} characters.',
  errorInvalid: "Sorry, I couldn't read that message. Please try again.",
  errorInternal: "Sorry, I can't answer right now. Please try again in a moment.",
  errorNotReady: "I'm still starting up. Please send that again in a few seconds.",
  errorShopperTokenInvalid:
    "I couldn't confirm your sign-in, so I'll help you as a guest (I can't look up your orders or subscriptions).",
  errorShopperTokenExpired:
    "Your sign-in has expired. Please reload the page; until then I'll help you as a guest.",
  errorRateLimited: "You're sending messages too quickly. Please wait a moment and send that again.",
  errorClientRateLimited: 'Too many messages from your network. Please wait a minute and send that again.',
  errorHandoffRateLimited:
    'Too many requests for our staff from your network right now. Please wait a few minutes and send that again.',
  mailFloodSubject: '[{{shopName}}] Warning: a flood of handoffs from one client ({{client}})',
  mailFloodBody:
    'Handoffs from {{client}} went over the limit ({{perMinute}} a minute, {{burst}} at once) and have been refused since {{time}}. Refused handoffs send no mail. No further warning about this client is sent for {{minutes}} minutes. If this is an attack, block this client.',
  privacyRedacted: '[redacted]',
} satisfies Record<MessageKey, string>;

const tables: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** A bot sentence in a locale, with {{name}} parameters filled. */
export function message(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return fillMessage(tables[locale][key], params);
}

export type { MessageKey };
