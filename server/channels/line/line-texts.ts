/**
 * What the LINE channel itself says (ja first, en second); the bot's answers come from the bot's own
 * table (bot/i18n/messages.ts).
 */
import type { Locale } from '../../storage/repository.ts';

const JA = {
  /** A sticker, an image or any other message that is not text. */
  notText:
    'スタンプ・画像などありがとうございます。申し訳ありませんが、こちらでは文字のメッセージにのみお答えしています。ご質問を文字でお送りください。',
};

const EN: typeof JA = {
  notText:
    'Thank you! I can only read text messages here, not stickers or images. Please send your question as text.',
};

const TEXTS: Record<Locale, typeof JA> = { ja: JA, en: EN };

/** A LINE channel text in `locale`. */
export function lineText(locale: Locale, key: keyof typeof JA): string {
  return TEXTS[locale][key];
}
