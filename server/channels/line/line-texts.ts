/**
 * What the LINE channel itself says (ja first, en second): the non-text reply, account linking
 * (docs/line.md#account-linking) and the pages of the bot's link routes. The bot's answers come from the
 * bot's own table (bot/i18n/messages.ts).
 */
import type { Locale } from '../../storage/repository.ts';

const JA = {
  /** A sticker, an image or any other message that is not text. */
  notText:
    'スタンプ・画像などありがとうございます。申し訳ありませんが、こちらでは文字のメッセージにのみお答えしています。ご質問を文字でお送りください。',
  /** The link offer asked for (「アカウント連携」); a buttons template's text: at most 160 characters. */
  linkOffer:
    'ショップのアカウントとLINEを連携すると、定期便のお届け日の確認や変更を、このトークでお客さまのご契約内容をもとにご案内できます。下のボタンからショップにログインしてください（10分間有効）。',
  /** The link offer after an answer that would have used the shopper's own data (at most 160 characters). */
  linkOfferAfterAnswer:
    'ショップのアカウントと連携すると、お客さまの定期便やご注文の内容を確認してお答えできます。下のボタンからショップにログインしてください（10分間有効）。',
  /** The link button's label (at most 20 characters). */
  linkButton: 'ログインして連携する',
  /** What a phone that cannot show the buttons shows (and the chat list). */
  linkAltText: 'ショップのアカウント連携のご案内',
  alreadyLinked:
    'すでにショップのアカウントと連携済みです。連携を解除するときは「連携解除」と送ってください。',
  linked:
    'アカウントの連携が完了しました。これからは、定期便やご注文について、お客さまのご契約内容をもとにお答えします。連携を解除するときは「連携解除」と送ってください。',
  linkFailed:
    'アカウントの連携を完了できませんでした。お手数ですが、もう一度「アカウント連携」と送ってお試しください。',
  linkUnavailable:
    '申し訳ありません。こちらのLINEアカウントでは、ショップのアカウントとの連携をご利用いただけません。',
  unlinkConfirm:
    'ショップのアカウントとの連携を解除しますか？解除すると、このトークでは定期便などのご契約内容を確認できなくなります。',
  unlinkYes: '解除する',
  unlinkNo: 'やめる',
  unlinked: '連携を解除しました。また連携するときは「アカウント連携」と送ってください。',
  unlinkKept: 'かしこまりました。連携はそのままです。',
  notLinked:
    '現在、ショップのアカウントとは連携していません。連携するときは「アカウント連携」と送ってください。',
  /** The link pages (server/channels/line/link-routes.ts). */
  pageTitle: 'LINEアカウント連携',
  pageLinkInvalid:
    'このリンクは使えません。有効期限（10分）が切れたか、すでに使われています。LINEのトークで「アカウント連携」と送って、新しいリンクを受け取ってください。',
  pageTokenInvalid:
    'ショップのログイン情報を確認できませんでした。連携はしていません。もう一度LINEのトークで「アカウント連携」と送ってお試しください。',
  pageTokenExpired:
    'ショップのログイン情報の有効期限が切れています。連携はしていません。もう一度LINEのトークで「アカウント連携」と送ってお試しください。',
};

const EN: typeof JA = {
  notText:
    'Thank you! I can only read text messages here, not stickers or images. Please send your question as text.',
  linkOffer:
    'Link your shop account and I can check and change your subscription deliveries here. Sign in to the shop below (the link works for 10 minutes).',
  linkOfferAfterAnswer:
    'Link your shop account and I can answer from your own subscriptions and orders. Sign in to the shop with the button below (valid for 10 minutes).',
  linkButton: 'Sign in and link',
  linkAltText: 'Link your shop account',
  alreadyLinked: 'Your shop account is already linked. To unlink it, send "unlink".',
  linked:
    'Your account is linked. From now on I answer about your subscriptions and orders from your own contract. To unlink, send "unlink".',
  linkFailed: 'The account could not be linked. Please send "link account" to try again.',
  linkUnavailable: 'Sorry, linking a shop account is not available on this LINE account.',
  unlinkConfirm:
    'Unlink your shop account? You will no longer be able to check your subscriptions in this chat.',
  unlinkYes: 'Unlink',
  unlinkNo: 'Keep it',
  unlinked: 'Your account is unlinked. To link it again, send "link account".',
  unlinkKept: 'All right, the link stays.',
  notLinked: 'No shop account is linked. To link one, send "link account".',
  pageTitle: 'Link your LINE account',
  pageLinkInvalid:
    'This link cannot be used: it expired (after 10 minutes) or was used already. Send "link account" in the LINE chat to get a new one.',
  pageTokenInvalid:
    'The shop sign-in could not be verified. Nothing was linked. Send "link account" in the LINE chat to try again.',
  pageTokenExpired:
    'The shop sign-in has expired. Nothing was linked. Send "link account" in the LINE chat to try again.',
};

const TEXTS: Record<Locale, typeof JA> = { ja: JA, en: EN };

/** A LINE channel text's key. */
export type LineTextKey = keyof typeof JA;

/** A LINE channel text in `locale`. */
export function lineText(locale: Locale, key: LineTextKey): string {
  return TEXTS[locale][key];
}
