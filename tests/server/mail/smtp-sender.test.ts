import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { assertSafeAddresses, createSmtpSender, UnsafeMailError } from '../../../server/mail/smtp-sender.ts';
import type { OutboxMail } from '../../../server/storage/repository.ts';
import { TestSmtpServer } from '../../helpers/smtp-test-server.ts';

function mail(extra: Partial<OutboxMail> = {}): OutboxMail {
  return {
    id: 'ffffffff-0000-4000-8000-000000000001',
    escalationId: null,
    to: 'support@shop.example',
    replyTo: 'hanako@example.jp',
    subject: '【テスト店】お問い合わせ #ABCD1234',
    text: 'お客様: こんにちは\n',
    html: '<p>お客様: こんにちは</p>',
    messageId: '<e1@shop.example>',
    envelopeTo: null,
    createdAt: new Date(),
    status: 'sending',
    attempts: 1,
    nextAttemptAt: new Date(),
    lastError: null,
    sentAt: null,
    leaseExpiresAt: null,
    firstAttemptAt: null,
    ...extra,
  };
}

describe('assertSafeAddresses', () => {
  test.each([
    { name: 'CRLF in Reply-To', patch: { replyTo: 'a@b.example\r\nBcc: x@y.example' }, header: 'Reply-To' },
    { name: 'a list in Reply-To', patch: { replyTo: 'a@b.example, x@y.example' }, header: 'Reply-To' },
    { name: 'a display name in To', patch: { to: 'Support <support@shop.example>' }, header: 'To' },
    {
      name: 'LF in the envelope recipient',
      patch: { envelopeTo: 'a@b.example\nRCPT TO:<x@y.example>' },
      header: 'envelope recipient',
    },
    {
      name: 'a Reply-To over 254 characters',
      patch: { replyTo: `${'a'.repeat(60)}@${'b'.repeat(200)}.jp` },
      header: 'Reply-To',
    },
  ])('refuses $name', ({ patch, header }) => {
    expect(() => assertSafeAddresses(mail(patch))).toThrowError(UnsafeMailError);
    expect(() => assertSafeAddresses(mail(patch))).toThrowError(new RegExp(`^${header} `, 'u'));
  });

  test('accepts single plain addresses', () => {
    expect(() => assertSafeAddresses(mail({ envelopeTo: 'hanako@example.jp' }))).not.toThrow();
  });
});

describe('SMTP sender', () => {
  let smtp: TestSmtpServer;
  beforeEach(async () => {
    smtp = await TestSmtpServer.start();
  });
  afterEach(async () => {
    await smtp.stop();
  });

  function sender() {
    return createSmtpSender({
      smtpUrl: smtp.url,
      from: { name: 'すこやか定期便ストア', address: 'bot@shop.example' },
      timeoutMs: 5000,
    });
  }

  test('sends the stored headers and both bodies', async () => {
    const s = sender();
    await s.send(mail());
    s.close();
    const [received] = smtp.received;
    expect(received!.envelopeFrom).toBe('bot@shop.example');
    expect(received!.envelopeTo).toEqual(['support@shop.example']);
    expect(received!.headers).toMatchObject({
      from: 'すこやか定期便ストア <bot@shop.example>',
      to: 'support@shop.example',
      'reply-to': 'hanako@example.jp',
      'message-id': '<e1@shop.example>',
      subject: '【テスト店】お問い合わせ #ABCD1234',
    });
    expect(received!.text).toBe('お客様: こんにちは\n');
    expect(received!.html).toBe('<p>お客様: こんにちは</p>');
  });

  test('delivers a shopper copy to the envelope recipient while the headers name only the shop', async () => {
    const s = sender();
    await s.send(mail({ replyTo: 'support@shop.example', envelopeTo: 'hanako@example.jp' }));
    s.close();
    const [received] = smtp.received;
    expect(received!.envelopeTo).toEqual(['hanako@example.jp']);
    expect(received!.raw).not.toContain('hanako@example.jp');
  });

  test('throws the SMTP reply when the server refuses', async () => {
    smtp.mode = 'reject-421';
    const s = sender();
    await expect(s.send(mail())).rejects.toMatchObject({ responseCode: 421 });
    s.close();
  });
});
