import { describe, expect, test } from 'vitest';
import { parseClientFrame } from '../../../server/chat/frame-parser.ts';

describe('parseClientFrame', () => {
  test.each([
    { name: 'a deeply nested type', raw: `{"type":${'['.repeat(20_000)}${']'.repeat(20_000)}}` },
    {
      name: 'a deeply nested field',
      raw: `{"type":"message","text":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
    },
  ])('refuses $name with a code instead of throwing', ({ raw }) => {
    const parsed = parseClientFrame(raw);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? undefined : parsed.code).toMatch(/^CHAT_ERR_(UNKNOWN_TYPE|INVALID_FRAME)$/u);
  });
});
