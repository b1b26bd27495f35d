import { describe, expect, test } from 'vitest';
import { looksLikeEmail, validateEmail } from '../../../bot/handoff/validate-email.ts';

describe('validateEmail', () => {
  test.each([
    { name: 'a plain address', input: 'taro@example.jp', email: 'taro@example.jp' },
    {
      name: 'plus and dots in the local part',
      input: 'taro.yamada+shop@mail.example.co.jp',
      email: 'taro.yamada+shop@mail.example.co.jp',
    },
    {
      name: 'full-width characters (IME input)',
      input: 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ',
      email: 'taro@example.jp',
    },
    { name: 'surrounding spaces', input: '  taro@example.jp　', email: 'taro@example.jp' },
    { name: 'an upper-case host', input: 'Taro@Example.JP', email: 'Taro@example.jp' },
    { name: 'a punycode top-level domain', input: 'a@example.xn--wgv71a', email: 'a@example.xn--wgv71a' },
  ])('accepts $name', ({ input, email }) => {
    expect(validateEmail(input)).toEqual({ ok: true, email });
  });

  test.each([
    {
      name: 'CRLF and a Bcc header',
      input: 'a@b.example\r\nBcc: x@y.example',
      code: 'HANDOFF_ERR_EMAIL_LINE_BREAK',
    },
    {
      name: 'a bare LF and a header',
      input: 'a@b.example\nSubject: hi',
      code: 'HANDOFF_ERR_EMAIL_LINE_BREAK',
    },
    { name: 'a trailing CRLF', input: 'a@b.example\r\n', code: 'HANDOFF_ERR_EMAIL_LINE_BREAK' },
    {
      name: 'a URL-encoded line break decoded to CR',
      input: 'a@b.example\rTo: x@y.example',
      code: 'HANDOFF_ERR_EMAIL_LINE_BREAK',
    },
    { name: 'a NUL byte', input: 'a@b.example\u0000', code: 'HANDOFF_ERR_EMAIL_LINE_BREAK' },
    {
      name: 'a Unicode line separator',
      input: 'a@b.example\u2028Bcc: x@y.example',
      code: 'HANDOFF_ERR_EMAIL_LINE_BREAK',
    },
    { name: 'a space inside', input: 'taro @example.jp', code: 'HANDOFF_ERR_EMAIL_SPACE' },
    {
      name: 'an RFC 2047 encoded word that a mail client decodes to another address',
      input: '=?utf-8?q?victim=40evil.example=3e?=@b.example',
      code: 'HANDOFF_ERR_EMAIL_FORBIDDEN_CHARACTER',
    },
    {
      name: 'a base64 encoded word',
      input: '=?UTF-8?B?dmljdGltQGV2aWwuZXhhbXBsZT4=?=@b.example',
      code: 'HANDOFF_ERR_EMAIL_FORBIDDEN_CHARACTER',
    },
    { name: 'a comment', input: 'taro(comment)@example.jp', code: 'HANDOFF_ERR_EMAIL_FORBIDDEN_CHARACTER' },
    {
      name: 'a display name with angle brackets',
      input: 'Taro<taro@example.jp>',
      code: 'HANDOFF_ERR_EMAIL_FORBIDDEN_CHARACTER',
    },
    {
      name: 'a list of two addresses',
      input: 'a@b.example,c@d.example',
      code: 'HANDOFF_ERR_EMAIL_FORBIDDEN_CHARACTER',
    },
    { name: 'a quoted local part', input: '"ab"@example.jp', code: 'HANDOFF_ERR_EMAIL_FORBIDDEN_CHARACTER' },
    {
      name: 'a group syntax',
      input: 'undisclosed:a@b.example;',
      code: 'HANDOFF_ERR_EMAIL_FORBIDDEN_CHARACTER',
    },
    {
      name: 'a backtick (Markdown code)',
      input: 'a`b@example.jp',
      code: 'HANDOFF_ERR_EMAIL_FORBIDDEN_CHARACTER',
    },
    {
      name: 'more than 254 characters',
      input: `${'a'.repeat(60)}@${'b'.repeat(190)}.example`,
      code: 'HANDOFF_ERR_EMAIL_TOO_LONG',
    },
    {
      name: 'a local part over 64 characters',
      input: `${'a'.repeat(65)}@example.jp`,
      code: 'HANDOFF_ERR_EMAIL_FORMAT',
    },
    { name: 'no @', input: 'taro.example.jp', code: 'HANDOFF_ERR_EMAIL_FORMAT' },
    { name: 'two @', input: 'a@b@example.jp', code: 'HANDOFF_ERR_EMAIL_FORMAT' },
    { name: 'a host without a dot', input: 'taro@localhost', code: 'HANDOFF_ERR_EMAIL_FORMAT' },
    { name: 'a leading dot', input: '.taro@example.jp', code: 'HANDOFF_ERR_EMAIL_FORMAT' },
    { name: 'double dots', input: 'ta..ro@example.jp', code: 'HANDOFF_ERR_EMAIL_FORMAT' },
    {
      name: 'a host label starting with a hyphen',
      input: 'taro@-example.jp',
      code: 'HANDOFF_ERR_EMAIL_FORMAT',
    },
    { name: 'a Japanese host name', input: 'taro@例え.jp', code: 'HANDOFF_ERR_EMAIL_FORMAT' },
    { name: 'an empty text', input: '   ', code: 'HANDOFF_ERR_EMAIL_EMPTY' },
  ])('refuses $name with $code', ({ input, code }) => {
    expect(validateEmail(input)).toEqual({ ok: false, code });
  });
});

describe('looksLikeEmail', () => {
  test.each([
    { text: 'hanako@example.jp', expected: true },
    { text: 'a@b.example\r\nBcc: x@y.example', expected: true },
    { text: 'ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ', expected: true },
    { text: '定期便の解約について', expected: false },
    { text: '注文番号 12345 について、a@b.example にも連絡済み', expected: false },
  ])('$text → $expected', ({ text, expected }) => {
    expect(looksLikeEmail(text)).toBe(expected);
  });
});
