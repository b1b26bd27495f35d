import { describe, expect, test } from 'vitest';
import { maskCardsOnly, maskedShopperMessage } from '../../../server/chat/mask.ts';

const NOW = new Date('2026-12-01T03:00:00Z');

describe('mask step', () => {
  test('without shop patterns, card numbers are masked and the rest stays as typed', () => {
    expect(maskCardsOnly('カード 4111 1111 1111 1111 で', 'ja')).toBe('カード **** **** **** 1111 で');
    expect(maskCardsOnly('注文番号 12345', 'ja')).toBe('注文番号 12345');
  });

  test("the stored shopper message carries the masker's text, in the conversation's locale, with a new id", () => {
    const seen: string[] = [];
    const message = maskedShopperMessage(
      (text, locale) => {
        seen.push(locale);
        return text.replace('090-1234-5678', '[電話番号]');
      },
      { conversationId: 'c-1', clientSeq: 3, text: '電話は090-1234-5678です', locale: 'ja', now: NOW },
    );
    expect(message).toMatchObject({
      conversationId: 'c-1',
      clientSeq: 3,
      text: '電話は[電話番号]です',
      createdAt: NOW,
    });
    expect(message.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen).toEqual(['ja']);
  });
});
