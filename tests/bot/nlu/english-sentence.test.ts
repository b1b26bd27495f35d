import { describe, expect, test } from 'vitest';
import { isEnglishSentence } from '../../../bot/nlu/english-sentence.ts';
import { normalizeText } from '../../../bot/nlu/normalize.ts';

describe('isEnglishSentence', () => {
  test.each([
    { name: 'OK', text: 'OK' },
    { name: 'ok with an exclamation mark', text: 'ok!' },
    { name: 'an emoji', text: '👍' },
    { name: 'a tag', text: '<img src=x onerror=alert(1)>' },
    { name: 'a brand name', text: 'PayPay' },
    { name: 'a size', text: '24.5cm' },
    { name: 'a link', text: 'https://shop.example/items/123' },
    { name: 'an address', text: 'taro@example.jp' },
    { name: 'one word said twice', text: 'ok ok ok' },
  ])('$name is no English sentence', ({ text }) => {
    expect(isEnglishSentence(normalizeText(text))).toBe(false);
  });

  test.each([
    { name: 'a question', text: 'How much is shipping to Tokyo?' },
    { name: 'a short request', text: 'Tokyo please' },
    { name: 'thanks', text: 'thank you so much' },
  ])('$name is an English sentence', ({ text }) => {
    expect(isEnglishSentence(normalizeText(text))).toBe(true);
  });
});
