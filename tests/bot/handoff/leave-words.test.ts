import { describe, expect, test } from 'vitest';
import { isLeaveWord } from '../../../bot/handoff/leave-words.ts';

describe('isLeaveWord', () => {
  test.each([
    { name: 'the Japanese label', text: 'やめる' },
    { name: 'a label in brackets with a full stop', text: '「やめる」。' },
    { name: 'half-width katakana', text: 'ｷｬﾝｾﾙ' },
    { name: 'a polite form', text: 'やっぱりいいです' },
    { name: 'English in any case', text: 'Never mind!' },
    { name: 'full-width English', text: 'ＣＡＮＣＥＬ' },
  ])('leaves on $name', ({ text }) => {
    expect(isLeaveWord(text)).toBe(true);
  });

  test.each([
    { name: 'a sentence that mentions the word', text: 'やめる理由を送ります' },
    { name: 'a question', text: '解約をキャンセルできますか' },
    { name: 'an ambiguous reply', text: '大丈夫です' },
    { name: 'an address', text: 'cancel@example.jp' },
    { name: 'an empty line', text: '' },
  ])('does not leave on $name', ({ text }) => {
    expect(isLeaveWord(text)).toBe(false);
  });

  test('a button label given by the caller leaves too', () => {
    expect(isLeaveWord('Abbrechen', ['Abbrechen'])).toBe(true);
  });
});
