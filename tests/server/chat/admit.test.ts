import { describe, expect, test } from 'vitest';
import { admitText, seqOf } from '../../../server/chat/admit.ts';

describe('seqOf', () => {
  test.each([
    { name: 'a message with a seq', raw: '{"type":"message","text":"x","seq":4}', seq: 4 },
    { name: 'a message without one', raw: '{"type":"message","text":"x"}', seq: null },
    { name: 'another frame', raw: '{"type":"ping"}', seq: null },
    { name: 'not JSON', raw: '{', seq: null },
  ])('$name → $seq', ({ raw, seq }) => {
    expect(seqOf(raw)).toBe(seq);
  });
});

describe('admitText', () => {
  test('admits text up to the limit in characters, not UTF-16 units', () => {
    expect(admitText('😀'.repeat(5), 5, 'ja')).toEqual({ ok: true, text: '😀'.repeat(5) });
  });

  test('drops NUL before counting and storing', () => {
    expect(admitText('a\u0000b', 2, 'ja')).toEqual({ ok: true, text: 'ab' });
  });

  test.each([
    { name: 'English', text: 'a'.repeat(11), locale: 'en' },
    { name: 'Japanese', text: 'あ'.repeat(11), locale: 'ja' },
  ])('a too long $name message is refused in its own language', ({ text, locale }) => {
    const fallback = locale === 'en' ? 'ja' : 'en';
    expect(admitText(text, 10, fallback)).toEqual({ ok: false, code: 'CHAT_ERR_TEXT_TOO_LONG', locale });
  });

  test('a blank message is an invalid frame in the conversation locale', () => {
    expect(admitText(' \n ', 10, 'en')).toEqual({ ok: false, code: 'CHAT_ERR_INVALID_FRAME', locale: 'en' });
  });
});
