/**
 * The bot's replies rendered for LINE (docs/line.md). LINE shows no markdown: the text becomes plain
 * (emphasis and code marks dropped, `[label](url)` as "label url" so LINE links the URL, list marks as
 * 「・」). Quick replies become LINE quick-reply buttons: at most 13, each label at most 20 characters,
 * a postback whose data names the intent and the text the shopper "says" by pressing it (LINE shows it
 * as displayText but does not send it back, so it travels in the data). The data is read back by
 * `postbackInput`, which gives the button no more power than the widget's button (message-turn.ts
 * `intent`, which the bot answers only when the corpus has it): a malformed one is read as typed text.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { Static } from '@sinclair/typebox';
import type { QuickReplySchema } from '../../schemas/protocol.ts';

/** One of the bot's quick replies. */
type QuickReply = Static<typeof QuickReplySchema>;

/** LINE's limits (Messaging API reference): quick-reply items, label, displayText, data, text. */
export const LINE_LIMITS = {
  quickReplyItems: 13,
  labelChars: 20,
  displayTextChars: 300,
  postbackDataChars: 300,
  textChars: 5000,
} as const;

/** Cuts `text` to at most `max` code points, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** Markdown as plain text for LINE: links as "label url ", no emphasis, list marks as 「・」. */
export function plainText(markdown: string): string {
  const text = markdown
    .replace(/\r\n?/gu, '\n')
    // [label](url) → "label url" (the bare URL when it is the label).
    .replace(/\[([^\]\n]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/gu, (_m, label: string, url: string) =>
      label.trim() === '' || label === url ? url : `${label} ${url}`,
    )
    .replace(/<(https?:\/\/[^>\s]+)>/gu, '$1')
    // A URL runs into the Japanese text after it: a space ends it, so LINE links only the URL.
    .replace(/(https?:\/\/[\x21-\x7E]+)(?=[^\s -~])/gu, '$1 ')
    .replace(/(\*\*|__)(.+?)\1/gu, '$2')
    .replace(/(^|[^*\w])\*(?!\s)([^*\n]+?)\*(?!\w)/gu, '$1$2')
    .replace(/`([^`\n]+)`/gu, '$1')
    .replace(/^#{1,6}\s+/gmu, '')
    .replace(/^\s*[-*+]\s+/gmu, '・')
    .replace(/^>\s?/gmu, '')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
  return truncate(text, LINE_LIMITS.textChars);
}

/** Intent ids as the corpus writes them; anything else in postback data is not an intent. */
const INTENT_ID = /^[\w.:-]{1,100}$/u;

/** LINE quick-reply buttons for the bot's quick replies (at most 13; labels cut to 20 characters). */
export function quickReplyOf(quickReplies: readonly QuickReply[]): messagingApi.QuickReply | undefined {
  const items = quickReplies.slice(0, LINE_LIMITS.quickReplyItems).map(
    (q): messagingApi.QuickReplyItem => ({
      type: 'action',
      action: {
        type: 'postback',
        label: truncate(q.label, LINE_LIMITS.labelChars),
        data: postbackData(q.intent, q.text || q.label),
        displayText: truncate(q.text || q.label, LINE_LIMITS.displayTextChars),
      } satisfies messagingApi.PostbackAction,
    }),
  );
  return items.length > 0 ? { items } : undefined;
}

/** One LINE text message: the reply's text made plain, with its quick replies. */
export function textMessage(
  markdown: string,
  quickReplies: readonly QuickReply[] = [],
): messagingApi.TextMessage {
  const quickReply = quickReplyOf(quickReplies);
  return { type: 'text', text: plainText(markdown) || '…', ...(quickReply ? { quickReply } : {}) };
}

/** A button's postback data: its intent and its text, within LINE's 300 characters. */
export function postbackData(intent: string, text: string): string {
  const data = new URLSearchParams({ intent, text });
  // Cut the text until the encoded data fits (a Japanese character takes 9 encoded characters).
  let cut = [...text];
  while (data.toString().length > LINE_LIMITS.postbackDataChars && cut.length > 0) {
    cut = cut.slice(0, -1);
    data.set('text', cut.join(''));
  }
  return data.toString();
}

/**
 * What a pressed button says: its text as the shopper's message, and its intent when the data is one
 * this server wrote and names an intent id (else none: the text is read as if typed).
 */
export function postbackInput(data: string): { text: string; intent?: string } {
  const params = new URLSearchParams(data);
  const intent = params.get('intent') ?? undefined;
  const text = (params.get('text') ?? '').trim() || intent || data;
  return intent && INTENT_ID.test(intent) ? { text, intent } : { text };
}
