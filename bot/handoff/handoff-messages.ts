/** The sentences of the handoff dialogue (handoff-flow.ts), Japanese first and English second. */
import type { MessageTables } from '../i18n/message-table.ts';

const ja = {
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
  handoffEmailAgain:
    'スタッフからのご返信が必要でしたら、メールアドレスを入力してください。不要でしたら「やめる」を押してください。',
  handoffEmailHowToLeave: 'スタッフからのご返信が不要でしたら「やめる」を押してください。',
  handoffSummaryTooLong: 'ご用件は{{max}}文字以内でお願いします。',
  handoffDone: '担当スタッフにお問い合わせ内容をお送りしました。ご返信先: `{{email}}`',
  handoffCaseLead: '担当スタッフが内容を確認してメールでご連絡します。',
  handoffCasePending:
    'ご依頼はまだ受け付けていません。ご返信先のメールアドレスをいただいた時点で、担当スタッフへのご依頼として受け付けます。',
} as const;

/** A sentence of the handoff dialogue. */
export type HandoffMessageKey = keyof typeof ja;

const en = {
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
  handoffEmailAgain:
    'If you still want a reply from our staff, type your email address. If not, press Cancel.',
  handoffEmailHowToLeave: "If you don't need a reply from our staff, press Cancel.",
  handoffSummaryTooLong: 'Please keep it within {{max}} characters.',
  handoffDone: 'I have passed your question on to our staff. Reply to: `{{email}}`',
  handoffCaseLead: 'A member of our staff will look into it and get back to you by email.',
  handoffCasePending:
    'Your request is not recorded yet: it goes to our staff as soon as you give us an email address to reply to.',
} satisfies Record<HandoffMessageKey, string>;

/** The sentences of the handoff dialogue. */
export const handoffMessages: MessageTables<HandoffMessageKey> = { ja, en };
