/**
 * The account-link words and messages (server/channels/line/line-account-link.ts): which whole messages
 * ask for linking or unlinking, the offer within LINE's limits in both languages, and what an
 * accountLink event's `link` says.
 */
import { describe, expect, test } from 'vitest';
import {
  accountLinkOf,
  LINK_OFFER_INTENTS,
  linkCommandOf,
  linkOfferMessage,
  UNLINK_DATA,
  unlinkConfirmMessage,
} from '../../../../server/channels/line/line-account-link.ts';
import { postbackInput } from '../../../../server/channels/line/line-render.ts';
import { lineText } from '../../../../server/channels/line/line-texts.ts';

describe('linkCommandOf', () => {
  test.each([
    { text: 'アカウント連携', command: 'link' },
    { text: ' アカウント連携したい！', command: 'link' },
    { text: 'ログイン', command: 'link' },
    { text: 'Link account', command: 'link' },
    { text: 'sign in', command: 'link' },
    { text: '連携解除', command: 'unlink' },
    { text: 'アカウント連携を解除。', command: 'unlink' },
    { text: 'Unlink', command: 'unlink' },
    { text: 'ログインできない', command: undefined },
    { text: 'アカウント連携のやり方を教えて', command: undefined },
    { text: '次のお届けはいつ？', command: undefined },
  ])('「$text」 → $command', ({ text, command }) => {
    expect(linkCommandOf(text)).toBe(command);
  });
});

describe('linkOfferMessage', () => {
  test.each(['ja', 'en'] as const)(
    'fits LINE’s buttons template in %s (text ≤ 160, label ≤ 20, altText ≤ 400)',
    (locale) => {
      for (const key of ['linkOffer', 'linkOfferAfterAnswer'] as const) {
        expect([...lineText(locale, key)].length).toBeLessThanOrEqual(160);
        const message = linkOfferMessage(locale, 'https://bot.example.jp/line/link?linkToken=abc', key);
        expect(message.template).toMatchObject({
          type: 'buttons',
          text: lineText(locale, key),
          actions: [{ type: 'uri', uri: 'https://bot.example.jp/line/link?linkToken=abc' }],
        });
        const label = (message.template as { actions: { label: string }[] }).actions[0]!.label;
        expect([...label].length).toBeLessThanOrEqual(20);
        expect([...message.altText].length).toBeLessThanOrEqual(400);
      }
    },
  );
});

describe('unlinkConfirmMessage', () => {
  test("its buttons' data are not the bot's intent buttons: a typed-looking text never unlinks", () => {
    const items = unlinkConfirmMessage('ja').quickReply?.items ?? [];
    expect(items.map((i) => (i.action as { data: string }).data)).toEqual([UNLINK_DATA.yes, UNLINK_DATA.no]);
    for (const data of Object.values(UNLINK_DATA)) expect(postbackInput(data).intent).toBeUndefined();
  });
});

describe('accountLinkOf', () => {
  test.each([
    {
      name: 'ok with a nonce',
      event: { link: { result: 'ok', nonce: 'n'.repeat(43) } },
      ok: true,
      nonce: 'n'.repeat(43),
    },
    {
      name: 'failed',
      event: { link: { result: 'failed', nonce: 'abcdefghij' } },
      ok: false,
      nonce: 'abcdefghij',
    },
    { name: 'no link object', event: {}, ok: false, nonce: undefined },
    {
      name: 'a nonce longer than LINE allows',
      event: { link: { result: 'ok', nonce: 'n'.repeat(256) } },
      ok: true,
      nonce: undefined,
    },
    {
      name: 'a nonce that is not text',
      event: { link: { result: 'ok', nonce: 42 } },
      ok: true,
      nonce: undefined,
    },
  ])('$name', ({ event, ok, nonce }) => {
    expect(accountLinkOf(event)).toEqual({ ok, nonce });
  });
});

describe('LINK_OFFER_INTENTS', () => {
  test("are the verified shopper's flows' intents, not general questions", () => {
    expect([...LINK_OFFER_INTENTS]).toEqual(
      expect.arrayContaining([
        'subscription.next_delivery',
        'subscription.skip',
        'subscription.cancel',
        'shipping.tracking',
      ]),
    );
    expect(LINK_OFFER_INTENTS.has('shipping.fee')).toBe(false);
  });
});
