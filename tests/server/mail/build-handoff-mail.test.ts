import { describe, expect, test } from 'vitest';
import {
  buildShopperCopy,
  buildSupportMail,
  cleanText,
  consoleLink,
  type HandoffMailInput,
  ticketOf,
} from '../../../server/mail/build-handoff-mail.ts';
import type { StoredMessage } from '../../../server/storage/repository.ts';
import { KUROZU_SNAPSHOT } from '../../helpers/shopper-fixtures.ts';

const ESCALATION_ID = '4e92e507-7897-8b68-ae9b-3495a9cd1b10';
const AT = new Date('2026-11-24T11:00:00.000Z');
const SLOT = { id: 'ffffffff-0000-4000-8000-000000000001', queuedAt: new Date('2026-11-23T05:00:00.000Z') };

function line(
  seq: number,
  role: 'shopper' | 'bot',
  text: string,
  extra: Partial<StoredMessage> = {},
): StoredMessage {
  return {
    id: `00000000-0000-4000-8000-00000000000${seq}`,
    conversationId: 'c0000000-0000-4000-8000-000000000000',
    seq,
    role,
    text,
    clientSeq: role === 'shopper' ? seq : null,
    replyTo: null,
    decision: role === 'bot' ? 'answer' : null,
    intent: role === 'bot' ? 'shipping.fee' : null,
    score: role === 'bot' ? 0.873 : null,
    payload: null,
    feedback: null,
    createdAt: new Date(AT.getTime() + seq * 1000),
    ...extra,
  };
}

function input(overrides: Partial<HandoffMailInput> = {}): HandoffMailInput {
  return {
    escalation: {
      id: ESCALATION_ID,
      conversationId: 'c0000000-0000-4000-8000-000000000000',
      reason: 'repeated-fallback',
      intent: 'shipping.when',
      score: 0.312,
      email: 'hanako@example.jp',
      summary: 'まだ届きません\n[2026-11-24 20:00:00] #9 ボット: 返金します',
      createdAt: AT,
    },
    locale: 'ja',
    messages: [
      line(1, 'shopper', '注文番号 SK-1234 が届かない <img src=x onerror=alert(1)> "quoted" & more'),
      line(2, 'bot', '送料は**550円**です。'),
      line(3, 'shopper', 'https://evil.example/login で確認して\u202eトッキ\u0007'),
      line(4, 'bot', 'お役に立てず申し訳ありません。', { decision: 'ask', intent: null, score: null }),
    ],
    promise: {
      open: false,
      nextOpening: new Date('2026-11-25T01:00:00Z'),
      text: '翌営業日（11月25日 水曜）10時以降にご返信します。',
    },
    shopName: { ja: 'すこやか定期便ストア', en: 'Sukoyaka Store' },
    supportEmail: 'support@shop.example',
    timeZone: 'Asia/Tokyo',
    messageIdDomain: 'shop.example',
    publicUrl: 'https://bot.shop.example',
    staffLocale: 'ja',
    ...overrides,
  };
}

describe('buildSupportMail', () => {
  test('addresses the support mailbox from config, with Reply-To the shopper and a Message-ID per escalation', () => {
    const mail = buildSupportMail(input(), SLOT);
    expect(mail).toMatchObject({
      id: SLOT.id,
      escalationId: ESCALATION_ID,
      to: 'support@shop.example',
      replyTo: 'hanako@example.jp',
      envelopeTo: null,
      messageId: `<${ESCALATION_ID}@shop.example>`,
      createdAt: SLOT.queuedAt,
    });
  });

  test('puts the reason, the after-hours mark and the short id in the subject, and nothing the shopper typed', () => {
    expect(buildSupportMail(input(), SLOT).subject).toBe(
      '【すこやか定期便ストア】チャットからのお問い合わせ：ボットが続けて回答できず（営業時間外） #4E92E507',
    );
    const open = { ...input().promise, open: true };
    expect(buildSupportMail(input({ promise: open }), SLOT).subject).not.toContain('営業時間外');
  });

  test('lists the facts, the extracted entities and the console link', () => {
    const { text } = buildSupportMail(input(), SLOT);
    expect(text).toContain('受付番号: 4E92E507');
    expect(text).toContain('理由: ボットが続けて回答できず (repeated-fallback)');
    expect(text).toContain('ボットの判定: shipping.when (スコア 0.31)');
    expect(text).toContain('受付日時: 2026-11-24 20:00:00 (Asia/Tokyo)');
    expect(text).toContain('お客様への案内: 翌営業日（11月25日 水曜）10時以降にご返信します。');
    expect(text).toContain('注文番号: SK-1234 (#1)');
    expect(text).toContain(`管理画面: https://bot.shop.example/console/escalations/${ESCALATION_ID}`);
  });

  test('shows a verified shopper’s customer id and subscriptions as they were at handoff', () => {
    const escalation = {
      ...input().escalation,
      customerId: 'demo-taro',
      subscriptions: [
        KUROZU_SNAPSHOT,
        {
          id: 'demo-sub-taro-protein',
          productName: 'ソイプロテイン\nココア味',
          quantity: 2,
          interval: { unit: 'week' as const, count: 4 },
          status: 'paused' as const,
          nextDeliveryDate: null,
        },
      ],
    };
    const { text, html } = buildSupportMail(input({ escalation }), SLOT);
    expect(text).toContain('顧客ID（ログインで確認済み）: demo-taro');
    expect(text).toContain(
      '定期便（引き継ぎ時点）: 熟成黒酢カプセル 90粒 × 1 · 2ヶ月ごと · 次回 2026-12-18 · お届け中 (demo-sub-taro-kurozu)',
    );
    expect(text).toContain(
      '定期便（引き継ぎ時点）: ソイプロテイン ココア味 × 2 · 4週間ごと · 休止中 (demo-sub-taro-protein)',
    );
    expect(html).toContain('熟成黒酢カプセル 90粒 × 1 · 2ヶ月ごと · 次回 2026-12-18');
    const english = buildSupportMail(input({ escalation, staffLocale: 'en' }), SLOT).text;
    expect(english).toContain(
      'Subscription (at handoff): 熟成黒酢カプセル 90粒 × 1 · every 2 months · next 2026-12-18 · active',
    );
    // An anonymous escalation has neither.
    expect(buildSupportMail(input(), SLOT).text).not.toContain('定期便（引き継ぎ時点）');
  });

  test('writes every line of the transcript with the bot decision and score', () => {
    const { text } = buildSupportMail(input(), SLOT);
    expect(text).toContain('[2026-11-24 20:00:01] #1 お客様: 注文番号 SK-1234 が届かない');
    expect(text).toContain(
      '[2026-11-24 20:00:02] #2 ボット (answer · shipping.fee · 0.87): 送料は**550円**です。',
    );
    expect(text).toContain('[2026-11-24 20:00:04] #4 ボット (ask · – · –): お役に立てず申し訳ありません。');
  });

  test('indents a shopper line break so it cannot pose as a transcript line', () => {
    const { text } = buildSupportMail(input(), SLOT);
    expect(text).toContain('ご用件: まだ届きません\n    [2026-11-24 20:00:00] #9 ボット: 返金します');
    expect(
      text
        .split('\n')
        .filter((l) => l.startsWith('['))
        .map((l) => l.slice(22, 24)),
    ).toEqual(['#1', '#2', '#3', '#4']);
  });

  test.each([
    { name: 'LINE SEPARATOR U+2028', separator: '\u2028' },
    { name: 'PARAGRAPH SEPARATOR U+2029', separator: '\u2029' },
    { name: 'NEXT LINE U+0085', separator: '\u0085' },
  ])('a shopper $name cannot pose as a transcript line either', ({ separator }) => {
    const forged = `届かない${separator}[2026-11-24 20:00:09] #5 ボット (answer · refund · 0.99): 全額返金します`;
    const { text } = buildSupportMail(
      input({ messages: [line(1, 'shopper', forged), line(2, 'bot', 'すみません')] }),
      SLOT,
    );
    expect(text).not.toMatch(/[\u2028\u2029\u0085]/u);
    const transcript = text.split(/\r\n|[\n\r\u2028\u2029\u0085]/u).filter((l) => l.startsWith('['));
    expect(transcript.map((l) => l.slice(22, 24))).toEqual(['#1', '#2']);
  });

  test('escapes every shopper line in the HTML and never links what the shopper typed', () => {
    const { html } = buildSupportMail(input(), SLOT);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; more');
    expect(html).not.toMatch(/<img/u);
    expect(html).not.toContain('href="https://evil.example');
    expect(html).toContain(`<a href="https://bot.shop.example/console/escalations/${ESCALATION_ID}">`);
  });

  test('shows control and bidi-override characters as replacement characters', () => {
    const mail = buildSupportMail(input(), SLOT);
    expect(mail.text).toContain('で確認して\uFFFDトッキ\uFFFD');
    expect(cleanText('a\r\nb\rc\u0000d')).toBe('a\nb\nc\uFFFDd');
  });

  test('has no console link without PUBLIC_URL', () => {
    expect(buildSupportMail(input({ publicUrl: undefined }), SLOT).text).not.toContain('管理画面');
    expect(consoleLink(undefined, ESCALATION_ID)).toBeUndefined();
  });

  test('speaks English to English-speaking staff', () => {
    const mail = buildSupportMail(input({ staffLocale: 'en' }), SLOT);
    expect(mail.subject).toBe(
      '[Sukoyaka Store] Chat handoff: bot could not answer twice in a row (after hours) #4E92E507',
    );
    expect(mail.text).toContain('#2 Bot (answer · shipping.fee · 0.87)');
  });
});

describe('buildShopperCopy', () => {
  test('names only the shop in its headers and the shopper only in the envelope', () => {
    const copy = buildShopperCopy(input(), SLOT);
    expect(copy).toMatchObject({
      to: 'support@shop.example',
      replyTo: 'support@shop.example',
      envelopeTo: 'hanako@example.jp',
      messageId: `<${ESCALATION_ID}.copy@shop.example>`,
      subject: '【すこやか定期便ストア】お問い合わせを受け付けました #4E92E507',
    });
  });

  test('shows the transcript in the shopper language without scores or the console link', () => {
    const copy = buildShopperCopy(input({ locale: 'en' }), SLOT);
    expect(copy.subject).toBe('[Sukoyaka Store] We have received your question #4E92E507');
    expect(copy.text).toContain('#2 Bot: 送料は**550円**です。');
    expect(copy.text).not.toContain('0.87');
    expect(copy.text).not.toContain('console');
    expect(copy.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('ticketOf', () => {
  test('is the first eight hex digits in upper case', () => {
    expect(ticketOf(ESCALATION_ID)).toBe('4E92E507');
  });
});
