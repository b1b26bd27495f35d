import { describe, expect, test } from 'vitest';
import { firstMessageLocale, messageLocale } from '../../../bot/nlu/message-locale.ts';

describe('messageLocale', () => {
  test.each([
    { name: 'Japanese script', text: 'Amazon Pay使える？', conversation: 'en', locale: 'ja' },
    { name: 'an English sentence', text: 'When does it ship?', conversation: 'ja', locale: 'en' },
    { name: 'a bare word keeps the conversation’s', text: 'OK', conversation: 'ja', locale: 'ja' },
    {
      name: 'full-width digits keep the conversation’s',
      text: '２４．５ｃｍ',
      conversation: 'en',
      locale: 'en',
    },
  ] as const)('$name → $locale', ({ text, conversation, locale }) => {
    expect(messageLocale(text, conversation)).toBe(locale);
  });
});

describe('firstMessageLocale', () => {
  test('any Latin letters without Japanese mean English when nothing came before', () => {
    expect(firstMessageLocale('hello', 'ja')).toBe('en');
    expect(firstMessageLocale('こんにちは', 'en')).toBe('ja');
    expect(firstMessageLocale('123', 'ja')).toBe('ja');
  });

  test('reads only the first characters asked for', () => {
    expect(firstMessageLocale(`${'a'.repeat(10)}あ`, 'ja', 10)).toBe('en');
    expect(firstMessageLocale(`${'a'.repeat(10)}あ`, 'ja')).toBe('ja');
  });
});
