/**
 * Account linking as the LINE user sees it (docs/line.md#account-linking): the words that ask for it
 * (「アカウント連携」「ログイン」) or for its end (「連携解除」, confirmed with two buttons), the link
 * offer (a buttons message whose button opens the bot's link page with a fresh link token), the offer
 * after an answer that would have used the shopper's own data, and LINE's `accountLink` event, whose
 * nonce (link-store.ts) names the customer the shop vouched for. Pure message building and decisions;
 * line-turn.ts stores and sends.
 */
import type { messagingApi } from '@line/bot-sdk';
import { cancellationFlow } from '../../../bot/flows/cancellation-flow.ts';
import { shopperSubscriptionFlow } from '../../../bot/flows/shopper-subscription-flow.ts';
import type { Locale } from '../../storage/repository.ts';
import type { ConsumedNonce } from './line-link-store.ts';
import { truncate } from './line-render.ts';
import { lineText } from './line-texts.ts';

/** What account linking needs from the channel (absent: linking is off). */
export interface LineLinking {
  /** Issues a LINE link token for the user, records it, and returns the bot's link page URL with it. */
  linkUrl(lineUserId: string): Promise<string>;
  /** The shopper of a nonce LINE sent back (one use; expiry by the real clock, as LINE's link tokens). */
  consume(nonce: string, lineUserId: string): Promise<ConsumedNonce>;
}

/** What a typed line asks of account linking, if anything. */
export type LinkCommand = 'link' | 'unlink';

/** Whole messages that ask for linking or unlinking (NFKC, without spaces and end punctuation). */
const COMMANDS: Record<string, LinkCommand> = {
  アカウント連携: 'link',
  アカウント連携したい: 'link',
  アカウントを連携: 'link',
  アカウントを連携したい: 'link',
  アカウントを連携する: 'link',
  連携: 'link',
  連携したい: 'link',
  ログイン: 'link',
  ログインしたい: 'link',
  linkaccount: 'link',
  accountlink: 'link',
  login: 'link',
  signin: 'link',
  連携解除: 'unlink',
  連携を解除: 'unlink',
  連携を解除したい: 'unlink',
  連携解除したい: 'unlink',
  アカウント連携解除: 'unlink',
  アカウント連携を解除: 'unlink',
  unlink: 'unlink',
};

/** The command a whole message is, or undefined (a question mentioning login goes to the bot). */
export function linkCommandOf(text: string): LinkCommand | undefined {
  const key = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s。．.!！?？、,]/gu, '');
  return COMMANDS[key];
}

/** Postback data of the unlink confirmation's buttons (never the shape of the bot's `intent=` data). */
export const UNLINK_DATA = { yes: 'line-link=unlink', no: 'line-link=keep' } as const;

/**
 * Intents whose answer for a verified shopper comes from their own data (the verified shopper's flows):
 * an unlinked LINE user asking one gets the link offer after the general answer.
 */
export const LINK_OFFER_INTENTS: ReadonlySet<string> = new Set([
  ...shopperSubscriptionFlow.intents,
  ...cancellationFlow.intents,
  'shipping.tracking',
]);

/** LINE's limit on a buttons template's text without a title or image, in characters. */
const BUTTONS_TEXT_CHARS = 160;

/** The link offer: one buttons message whose button opens `url`. */
export function linkOfferMessage(
  locale: Locale,
  url: string,
  key: 'linkOffer' | 'linkOfferAfterAnswer' = 'linkOffer',
): messagingApi.TemplateMessage {
  return {
    type: 'template',
    altText: lineText(locale, 'linkAltText'),
    template: {
      type: 'buttons',
      text: truncate(lineText(locale, key), BUTTONS_TEXT_CHARS),
      actions: [{ type: 'uri', label: lineText(locale, 'linkButton'), uri: url }],
    },
  };
}

/** The unlink question, with its two buttons. */
export function unlinkConfirmMessage(locale: Locale): messagingApi.TextMessage {
  const button = (label: string, data: string): messagingApi.QuickReplyItem => ({
    type: 'action',
    action: { type: 'postback', label, data, displayText: label },
  });
  return {
    type: 'text',
    text: lineText(locale, 'unlinkConfirm'),
    quickReply: {
      items: [
        button(lineText(locale, 'unlinkYes'), UNLINK_DATA.yes),
        button(lineText(locale, 'unlinkNo'), UNLINK_DATA.no),
      ],
    },
  };
}

/** The `link` object of an accountLink event, as far as it is usable. */
export function accountLinkOf(event: Record<string, unknown>): { ok: boolean; nonce: string | undefined } {
  const link = event.link as { result?: unknown; nonce?: unknown } | undefined;
  const nonce = typeof link?.nonce === 'string' && link.nonce.length <= 255 ? link.nonce : undefined;
  return { ok: link?.result === 'ok', nonce };
}
