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
  handoffRequested: '承知しました。担当スタッフにおつなぎします。',
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
  handoffRequested: "Of course. I'll pass you to our staff.",
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
