import { describe, expect, test } from 'vitest';
import { buildReplyMail, type ReplyMailInput } from '../../../server/mail/build-reply-mail.ts';

const ESCALATION_ID = '3f2a9c41-0b7e-8d21-9a4f-5e6c7d8e9f01';

function input(extra: Partial<ReplyMailInput> = {}): ReplyMailInput {
  return {
    escalation: { id: ESCALATION_ID, email: 'hanako@example.jp' },
    locale: 'ja',
    text: 'お問い合わせありがとうございます。',
    shopName: { ja: 'すこやか本舗', en: 'Sukoyaka' },
    supportEmail: 'support@shop.example',
    messageIdDomain: 'shop.example',
    id: '11111111-2222-4333-8444-555555555555',
    queuedAt: new Date('2026-11-24T01:00:00Z'),
    ...extra,
  };
}

describe('buildReplyMail', () => {
  test('goes to the shopper with Reply-To the support mailbox and its own Message-ID', () => {
    const mail = buildReplyMail(input());
    expect(mail).toMatchObject({
      to: 'hanako@example.jp',
      replyTo: 'support@shop.example',
      envelopeTo: null,
      escalationId: ESCALATION_ID,
      messageId: '<reply.11111111-2222-4333-8444-555555555555@shop.example>',
      subject: '【すこやか本舗】お問い合わせへのご返信 #3F2A9C41',
    });
    expect(mail.text).toContain('お問い合わせありがとうございます。');
    expect(mail.text).toContain('受付番号: 3F2A9C41');
  });

  test('writes the default subject in English for an English conversation', () => {
    expect(buildReplyMail(input({ locale: 'en' })).subject).toBe(
      '[Sukoyaka] Reply to your question #3F2A9C41',
    );
  });

  test('escapes the operator text in the HTML so no markup survives', () => {
    const mail = buildReplyMail(
      input({ text: '<script>alert(1)</script>\n<a href="javascript:x">こちら</a> & <img src=x onerror=y>' }),
    );
    expect(mail.html).not.toMatch(/<script|<a |<img/iu);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<br>');
    expect(mail.html).toContain('&lt;a href=&quot;javascript:x&quot;&gt;');
    expect(mail.html).toContain('&amp; &lt;img');
  });

  test('turns line breaks in an operator subject into spaces, so it cannot add a header', () => {
    const mail = buildReplyMail(input({ subject: 'ご返信\r\nBcc: everyone@example.com' }));
    expect(mail.subject).toBe('ご返信 Bcc: everyone@example.com');
  });
});
