/**
 * Every sentence the bot says that is not a corpus answer, in Japanese first and English second. The
 * `satisfies` check makes a missing English (or Japanese) string a type error.
 */
import type { Locale } from '../nlu/types.ts';

const ja = {
  clarify: 'ご質問は次のどれに近いでしょうか？ 当てはまるものを選んでください。',
  rephrase:
    '申し訳ありません、うまく理解できませんでした。別の言葉で言い換えていただくか、下のよくあるご質問からお選びください。',
  handoffRepeated: 'お役に立てず申し訳ありません。担当スタッフが確認してメールでご返信します。',
  handoffRequested: '承知しました。担当スタッフがメールでご返信します。',
  handoffLowConfidence: 'ご質問に確実にお答えできないため、担当スタッフが確認してメールでご返信します。',
  handoffAskEmail: 'ご返信先のメールアドレスを入力してください（例: taro@example.jp）。',
  handoffEmailNoted: 'ご返信は `{{email}}` にお送りします。違う場合は、正しいアドレスを入力してください。',
  handoffAskSummary:
    'よろしければ、ご用件を一言で入力してください（{{max}}文字まで）。不要なら「スキップ」を押してください。',
  handoffSkip: 'スキップ',
  handoffCancel: 'やめる',
  handoffCancelled: '承知しました。ほかにご質問があれば、お気軽にどうぞ。',
  handoffEmailEmpty: 'メールアドレスを入力してください。',
  handoffEmailLineBreak:
    'メールアドレスに改行や制御文字は使えません。アドレスだけを1行で入力してください（例: taro@example.jp）。',
  handoffEmailSpace:
    'メールアドレスに空白は使えません。アドレスだけを入力してください（例: taro@example.jp）。',
  handoffEmailForbiddenCharacter:
    'メールアドレスに < > ( ) , ; : " などの記号は使えません。アドレスだけを入力してください（例: taro@example.jp）。',
  handoffEmailTooLong: 'メールアドレスが長すぎます。254文字以内で入力してください。',
  handoffEmailFormat:
    'メールアドレスの形式が正しくないようです。例: taro@example.jp の形で入力してください。',
  handoffSummaryTooLong: 'ご用件は{{max}}文字以内でお願いします。',
  handoffDone: '担当スタッフにお問い合わせ内容をお送りしました。ご返信先: `{{email}}`',
  handoffPromiseOpen: '{{promise}}を目安にご返信します。',
  handoffPromiseLaterToday: 'ただいま営業時間外のため、本日{{time}}以降にご返信します。',
  handoffPromiseNextDay: 'ただいま営業時間外のため、翌営業日（{{date}}）{{time}}以降にご返信します。',
  handoffPromiseUnknown: '担当スタッフより順次ご返信します。',
  handoffTicket: '受付番号: {{ticket}}',
  dateWithWeekday: '{{month}}月{{day}}日 {{weekday}}曜',
  timeOnTheHour: '{{hour}}時',
  timeWithMinutes: '{{hour}}時{{minute}}分',
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
  mailSummary: 'ご用件',
  mailLocale: 'お客様の言語',
  mailEntities: '抽出した情報',
  mailConsole: '管理画面',
  mailTranscript: '会話の記録',
  mailShopper: 'お客様',
  mailBot: 'ボット',
  mailNone: 'なし',
  mailScore: 'スコア',
  mailEntityOrderNumber: '注文番号',
  mailEntityPhone: '電話番号',
  mailEntityEmail: 'メールアドレス',
  mailEntityPostalCode: '郵便番号',
  mailCopySubject: '【{{shopName}}】お問い合わせを受け付けました #{{ticket}}',
  mailCopyIntro: 'チャットでのお問い合わせを受け付けました。以下はその控えです。',
  mailCopyFooter: 'このメールにご返信いただくと、担当スタッフに届きます。',
  errorTooLong: 'メッセージが長すぎます。{{max}}文字以内でお送りください。',
  errorInvalid: 'メッセージを読み取れませんでした。もう一度お試しください。',
  errorInternal: '申し訳ありません、ただいま応答できません。少し時間をおいてお試しください。',
  errorNotReady: 'ただいま準備中です。数秒後にもう一度お送りください。',
} as const;

type MessageKey = keyof typeof ja;

const en = {
  clarify: 'Which of these is closest to your question? Please pick one.',
  rephrase:
    "Sorry, I didn't quite understand. Could you rephrase it, or pick one of the common questions below?",
  handoffRepeated: "Sorry I couldn't help. A member of our staff will look into it and reply by email.",
  handoffRequested: 'Of course. A member of our staff will reply by email.',
  handoffLowConfidence:
    "I can't answer that with confidence, so a member of our staff will look into it and reply by email.",
  handoffAskEmail: 'Which email address should we reply to? (for example taro@example.com)',
  handoffEmailNoted: "We'll reply to `{{email}}`. If that's wrong, please type the right address.",
  handoffAskSummary:
    'If you like, tell us in a few words what it is about (up to {{max}} characters). Otherwise press "Skip".',
  handoffSkip: 'Skip',
  handoffCancel: 'Cancel',
  handoffCancelled: 'All right. If you have any other question, just ask.',
  handoffEmailEmpty: 'Please type your email address.',
  handoffEmailLineBreak:
    'An email address cannot contain line breaks or control characters. Please type only the address, on one line (for example taro@example.com).',
  handoffEmailSpace:
    'An email address cannot contain spaces. Please type only the address (for example taro@example.com).',
  handoffEmailForbiddenCharacter:
    'An email address cannot contain symbols such as < > ( ) , ; : ". Please type only the address (for example taro@example.com).',
  handoffEmailTooLong: 'That email address is too long. Please keep it within 254 characters.',
  handoffEmailFormat: "That doesn't look like an email address. Please type it like taro@example.com.",
  handoffSummaryTooLong: 'Please keep it within {{max}} characters.',
  handoffDone: 'I have passed your question on to our staff. Reply to: `{{email}}`',
  handoffPromiseOpen: 'We will reply {{promise}}.',
  handoffPromiseLaterToday: "We're closed right now, so we will reply after {{time}} today.",
  handoffPromiseNextDay:
    "We're closed right now, so we will reply after {{time}} on our next business day ({{date}}).",
  handoffPromiseUnknown: 'Our staff will reply as soon as they can.',
  handoffTicket: 'Reference: {{ticket}}',
  dateWithWeekday: '{{weekday}}, {{monthName}} {{day}}',
  timeOnTheHour: '{{hour}}:00',
  timeWithMinutes: '{{hour}}:{{minute}}',
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
  mailSummary: 'Summary',
  mailLocale: 'Shopper language',
  mailEntities: 'Extracted',
  mailConsole: 'Console',
  mailTranscript: 'Transcript',
  mailShopper: 'Shopper',
  mailBot: 'Bot',
  mailNone: 'none',
  mailScore: 'score',
  mailEntityOrderNumber: 'Order number',
  mailEntityPhone: 'Phone',
  mailEntityEmail: 'Email',
  mailEntityPostalCode: 'Postal code',
  mailCopySubject: '[{{shopName}}] We have received your question #{{ticket}}',
  mailCopyIntro: 'We have received your question from the chat. This is your copy.',
  mailCopyFooter: 'Replying to this mail reaches our staff.',
  errorTooLong: 'That message is too long. Please keep it within {{max}} characters.',
  errorInvalid: "Sorry, I couldn't read that message. Please try again.",
  errorInternal: "Sorry, I can't answer right now. Please try again in a moment.",
  errorNotReady: "I'm still starting up. Please send that again in a few seconds.",
} satisfies Record<MessageKey, string>;

const tables: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** A bot sentence in a locale, with {{name}} parameters filled. */
export function message(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return tables[locale][key].replace(/\{\{(\w+)\}\}/gu, (_, name: string) => String(params[name] ?? ''));
}

export type { MessageKey };
