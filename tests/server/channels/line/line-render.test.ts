/**
 * Rendering the bot's replies for LINE (server/channels/line/line-render.ts): plain text with links,
 * quick replies within LINE's limits, and postback data that gives a button no more than its text.
 */
import { describe, expect, test } from 'vitest';
import {
  LINE_LIMITS,
  plainText,
  postbackData,
  postbackInput,
  quickReplyOf,
  textMessage,
} from '../../../../server/channels/line/line-render.ts';

describe('plainText', () => {
  test.each([
    {
      name: 'a link becomes its label and URL, a space before the Japanese after it',
      markdown: 'お届け周期は[マイページ](https://shop.example/mypage)から変更できます。',
      plain: 'お届け周期はマイページ https://shop.example/mypage から変更できます。',
    },
    {
      name: 'a link labelled with its URL is the URL once',
      markdown: '[https://a.example](https://a.example)',
      plain: 'https://a.example',
    },
    {
      name: 'an autolink loses its brackets',
      markdown: '<https://a.example/x>',
      plain: 'https://a.example/x',
    },
    {
      name: 'emphasis and code marks go',
      markdown: '**重要**：*必ず* `ABC-123` を入力',
      plain: '重要：必ず ABC-123 を入力',
    },
    {
      name: 'list marks become 「・」 and headings lose their #',
      markdown: '## 手順\n- 一つ目\n* 二つ目',
      plain: '手順\n・一つ目\n・二つ目',
    },
    { name: 'blank lines collapse to one', markdown: 'a\n\n\n\nb', plain: 'a\n\nb' },
  ])('$name', ({ markdown, plain }) => {
    expect(plainText(markdown)).toBe(plain);
  });

  test("text longer than LINE's 5000 characters is cut with an ellipsis", () => {
    const text = plainText('あ'.repeat(6000));
    expect([...text]).toHaveLength(LINE_LIMITS.textChars);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('quickReplyOf', () => {
  const many = Array.from({ length: 20 }, (_, i) => ({
    label: `とても長いボタンのラベル、二十文字を超えます${i}`,
    text: `質問${i}`,
    intent: `intent.${i}`,
  }));

  test('keeps at most 13 buttons, labels at most 20 characters, postbacks carrying intent and text', () => {
    const items = quickReplyOf(many)?.items ?? [];
    expect(items).toHaveLength(13);
    for (const item of items) {
      const action = item.action as { type: string; label: string; data: string; displayText: string };
      expect(action.type).toBe('postback');
      expect([...action.label].length).toBeLessThanOrEqual(20);
      expect(action.data.length).toBeLessThanOrEqual(LINE_LIMITS.postbackDataChars);
    }
    const first = items[0]?.action as { data: string; displayText: string };
    expect(postbackInput(first.data)).toEqual({ text: '質問0', intent: 'intent.0' });
    expect(first.displayText).toBe('質問0');
  });

  test('no quick replies, no quickReply field', () => {
    expect(quickReplyOf([])).toBeUndefined();
    expect(textMessage('こんにちは')).toEqual({ type: 'text', text: 'こんにちは' });
  });

  test('postback data stays within 300 characters however long the text', () => {
    const data = postbackData('faq.long', '長'.repeat(200));
    expect(data.length).toBeLessThanOrEqual(300);
    expect(postbackInput(data).intent).toBe('faq.long');
  });
});

describe('postbackInput', () => {
  test.each([
    {
      name: 'data this server wrote',
      data: 'intent=shipping.fee&text=%E9%80%81%E6%96%99',
      input: { text: '送料', intent: 'shipping.fee' },
    },
    {
      name: 'an intent that is not an intent id is dropped',
      data: 'intent=a%20b%3Cscript%3E&text=hi',
      input: { text: 'hi' },
    },
    {
      name: 'foreign data is read as typed text',
      data: 'action=buy&item=1',
      input: { text: 'action=buy&item=1' },
    },
    {
      name: 'no text: the intent id is the text',
      data: 'intent=greeting',
      input: { text: 'greeting', intent: 'greeting' },
    },
  ])('$name', ({ data, input }) => {
    expect(postbackInput(data)).toEqual(input);
  });
});
