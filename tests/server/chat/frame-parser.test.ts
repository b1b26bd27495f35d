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

describe('parseClientFrame: a pressed button’s intent', () => {
  test.each([
    'shipping.fee',
    'flow.shopper.pick.demo-sub-taro-kurozu',
    'flow.shopper.pick.%E5%AE%9A%E6%9C%9F',
  ])('accepts %s', (intent) => {
    const parsed = parseClientFrame(JSON.stringify({ type: 'message', text: 'a', seq: 1, intent }));
    expect(parsed.ok).toBe(true);
  });

  test.each(['Shipping.fee', 'flow.pick.a b', 'flow.pick.<script>', 'flow.pick."x"', `a${'b'.repeat(2048)}`])(
    'refuses %s with a code',
    (intent) => {
      const parsed = parseClientFrame(JSON.stringify({ type: 'message', text: 'a', seq: 1, intent }));
      expect(parsed.ok ? undefined : parsed.code).toBe('CHAT_ERR_INVALID_FRAME');
    },
  );
});
