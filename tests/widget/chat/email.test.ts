import { describe, expect, test } from 'vitest';
import { checkEmail, normalizeEmail } from '../../../widget/chat/email.ts';

describe('handoff email check', () => {
  test.each([
    { name: 'a plain address', input: 'taro@example.jp', email: 'taro@example.jp', problem: null },
    { name: 'spaces around it', input: '  taro@example.jp ', email: 'taro@example.jp', problem: null },
    {
      name: 'full-width from a Japanese keyboard',
      input: 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ',
      email: 'taro@example.jp',
      problem: null,
    },
    {
      name: 'a subdomain and plus tag',
      input: 'a.b+shop@mail.example.co.jp',
      email: 'a.b+shop@mail.example.co.jp',
      problem: null,
    },
    { name: 'nothing', input: '   ', email: '', problem: 'emailRequired' },
    { name: 'no domain dot', input: 'taro@example', email: 'taro@example', problem: 'emailInvalid' },
    { name: 'no at sign', input: 'taro.example.jp', email: 'taro.example.jp', problem: 'emailInvalid' },
    { name: 'a space inside', input: 'taro @example.jp', email: 'taro @example.jp', problem: 'emailInvalid' },
    { name: 'two at signs', input: 'a@b@example.jp', email: 'a@b@example.jp', problem: 'emailInvalid' },
  ])('$name', ({ input, email, problem }) => {
    expect(normalizeEmail(input)).toBe(email);
    expect(checkEmail(normalizeEmail(input))).toBe(problem);
  });
});
