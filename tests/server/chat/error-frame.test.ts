import { describe, expect, test } from 'vitest';
import { errorFrame } from '../../../server/chat/error-frame.ts';

describe('errorFrame', () => {
  test('carries the code and seq, and a sentence in the given language', () => {
    const ja = errorFrame('CHAT_ERR_NOT_READY', 3, 'ja', 200);
    const en = errorFrame('CHAT_ERR_NOT_READY', 3, 'en', 200);
    expect(ja).toMatchObject({ type: 'error', code: 'CHAT_ERR_NOT_READY', seq: 3 });
    expect(ja.type === 'error' && en.type === 'error' && ja.message !== en.message).toBe(true);
  });

  test('the too-long sentence names the limit', () => {
    const frame = errorFrame('CHAT_ERR_TEXT_TOO_LONG', null, 'en', 321);
    expect(frame.type === 'error' && frame.message).toContain('321');
  });
});
