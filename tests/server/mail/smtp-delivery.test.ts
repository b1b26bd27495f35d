/**
 * Handoff mail end to end against a real SMTP server on loopback: the chat records the handoff, the
 * relay delivers it, and outages (refused connections, 421) only delay delivery — every mail arrives,
 * each exactly once. Restarts are in relay-restart.test.ts.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Storage } from '../../../server/storage/repository.ts';
import { jst } from '../../bot/calendar/fixtures.ts';
import { completeHandoff } from '../../helpers/handoff.ts';
import { TestSmtpServer } from '../../helpers/smtp-test-server.ts';
import { type BuiltTestApp, buildTestApp, ChatClient } from '../../helpers/test-app.ts';
import { waitFor } from '../../helpers/wait-for.ts';

/** Fast relay timing for tests (seconds). */
const FAST_RELAY = {
  MAIL_POLL_SECONDS: '0.05',
  MAIL_RETRY_BASE_SECONDS: '0.05',
  MAIL_RETRY_MAX_SECONDS: '0.2',
  MAIL_SEND_TIMEOUT_SECONDS: '2',
  MAIL_LEASE_SECONDS: '5',
};

/** A Tuesday evening in Japan: the shop is closed until Wednesday 10:00. */
const TUESDAY_EVENING = jst('2026-11-24T20:00');

async function allSent(storage: Storage, count: number): Promise<boolean> {
  const outbox = await storage.listOutbox();
  return outbox.length === count && outbox.every((m) => m.status === 'sent');
}

describe('handoff mail over SMTP', () => {
  let smtp: TestSmtpServer;
  let app: BuiltTestApp | undefined;

  beforeEach(async () => {
    smtp = await TestSmtpServer.start();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await smtp.stop();
  });

  test('a handoff arrives in the support mailbox with the transcript', async () => {
    app = await buildTestApp({
      env: {
        ...FAST_RELAY,
        SMTP_URL: smtp.url,
        MAIL_FROM: 'bot@shop.example',
        PUBLIC_URL: 'https://bot.shop.example/',
      },
      now: () => TUESDAY_EVENING,
    });
    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'message', text: '注文番号 12345678 が届かない <script>alert(1)</script>', seq: 1 });
    await client.next('reply');
    const { done } = await completeHandoff(client, {
      seq: 2,
      email: 'hanako@example.jp',
      summary: '配送の遅れ & 返金',
    });
    client.close();

    await smtp.until(() => smtp.received.length === 1, 'the handoff mail');
    const [escalation] = await app.fastify.storage.listEscalations();
    const ticket = escalation!.id.replace(/-/gu, '').slice(0, 8).toUpperCase();
    const [mail] = smtp.received;
    expect(mail!.envelopeTo).toEqual(['support@shop.example']);
    expect(mail!.headers).toMatchObject({
      to: 'support@shop.example',
      'reply-to': 'hanako@example.jp',
      'message-id': `<${escalation!.id}@shop.example>`,
      subject: `【すこやか定期便ストア】チャットからのお問い合わせ：お客様がスタッフを希望（営業時間外） #${ticket}`,
    });
    expect(mail!.headers.from).toContain('<bot@shop.example>');
    // Plain text: facts, entities, the promise given, the console link, every line with the bot's decision.
    expect(mail!.text).toContain(`受付番号: ${ticket}`);
    expect(mail!.text).toContain('ご用件: 配送の遅れ & 返金');
    expect(mail!.text).toContain('注文番号: 12345678 (#1)');
    expect(mail!.text).toContain(
      'お客様への案内: ただいま営業時間外のため、11月25日(水) 10:00以降にご返信します。',
    );
    expect(mail!.text).toContain(`管理画面: https://bot.shop.example/console/escalations/${escalation!.id}`);
    expect(mail!.text).toContain('#1 お客様: 注文番号 12345678 が届かない <script>alert(1)</script>');
    // `ask` when the small engine reads the line as a subscription change and its flow starts.
    expect(mail!.text).toMatch(/#2 ボット \((answer|clarify|none|ask) · [a-z_.]+ · \d\.\d\d\): /u);
    expect(mail!.text).toMatch(/#4 ボット \(ask · human_agent · \d\.\d\d\): 承知しました。/u);
    expect(mail!.text).toContain('#7 お客様: 配送の遅れ & 返金');
    // HTML: shopper text escaped, never markup.
    expect(mail!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail!.html).not.toContain('<script>');
    expect(mail!.html).toContain('配送の遅れ &amp; 返金');
    // The shopper was told the same, with the reference.
    expect(done).toMatchObject({
      decision: 'handoff',
      handoff: {
        step: 'done',
        ticket,
        email: 'hanako@example.jp',
        open: false,
        nextOpening: '2026-11-25T01:00:00.000Z',
      },
    });
    expect(done.markdown).toContain(`受付番号: ${ticket}`);
    await waitFor(() => allSent(app!.fastify.storage, 1), 'the outbox row marked sent');
  });

  test('with copyToShopper the shopper gets a copy whose headers name only the shop', async () => {
    app = await buildTestApp({
      env: { ...FAST_RELAY, SMTP_URL: smtp.url },
      now: () => TUESDAY_EVENING,
      shop: (shop) => ({ ...shop, mail: { ...shop.mail, copyToShopper: true } }),
    });
    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'hello', locale: 'en' });
    await client.next('welcome');
    // Two misses in a row hand an English shopper off (the small corpus has no English human_agent).
    client.send({ type: 'message', text: 'i like cats', seq: 1 });
    expect(await client.next('reply')).toMatchObject({ decision: 'none', locale: 'en' });
    await completeHandoff(client, {
      seq: 2,
      opener: 'tell me a joke',
      email: 'jo@example.com',
      summary: 'refund',
    });
    client.close();
    await smtp.until(() => smtp.received.length === 2, 'the staff mail and the copy');
    const copy = smtp.received.find((m) => m.envelopeTo.includes('jo@example.com'))!;
    expect(copy.headers).toMatchObject({ to: 'support@shop.example', 'reply-to': 'support@shop.example' });
    expect(copy.headers.subject).toMatch(
      /^\[Sukoyaka Subscription Store\] We have received your question #[0-9A-F]{8}$/u,
    );
    expect(copy.raw.slice(0, copy.raw.indexOf('\r\n\r\n'))).not.toContain('jo@example.com');
    expect(copy.text).toContain("We're closed right now, so we will reply after Wed, Nov 25, 10:00.");
    const staff = smtp.received.find((m) => m !== copy)!;
    expect(staff.envelopeTo).toEqual(['support@shop.example']);
    expect(staff.headers['reply-to']).toBe('jo@example.com');
  });

  test.each([
    {
      outage: 'refuses connections',
      begin: (s: TestSmtpServer) => s.stop(),
      end: (s: TestSmtpServer) => s.listen(),
      error: /ECONNREFUSED/u,
    },
    {
      outage: 'answers 421',
      begin: (s: TestSmtpServer) => {
        s.mode = 'reject-421';
      },
      end: (s: TestSmtpServer) => {
        s.mode = 'accept';
      },
      error: /421/u,
    },
  ])(
    'while the SMTP server $outage, handoffs queue and all arrive once it recovers, each once',
    async ({ begin, end, error }) => {
      await begin(smtp);
      app = await buildTestApp({ env: { ...FAST_RELAY, SMTP_URL: smtp.url }, now: () => TUESDAY_EVENING });
      const emails = ['a@example.jp', 'b@example.jp', 'c@example.jp'];
      for (const email of emails) {
        const client = await ChatClient.inject(app.fastify);
        const { done } = await completeHandoff(client, { seq: 1, email });
        expect(done.decision).toBe('handoff');
        client.close();
      }
      const storage = app.fastify.storage;
      // Every mail has been tried and is waiting for a retry: the relay ran into the outage.
      const failing = await waitFor(async () => {
        const outbox = await storage.listOutbox();
        return outbox.length === 3 && outbox.every((m) => m.attempts >= 1 && m.lastError)
          ? outbox
          : undefined;
      }, 'a failed attempt for every mail');
      expect(failing.every((m) => m.status !== 'sent' && error.test(m.lastError ?? ''))).toBe(true);
      expect(smtp.received).toEqual([]);

      await end(smtp);
      await smtp.until(() => smtp.received.length >= 3, 'three mails after recovery');
      await waitFor(() => allSent(storage, 3), 'every outbox row marked sent');
      const escalations = await storage.listEscalations();
      expect(smtp.received.map((m) => m.headers['message-id']).sort()).toEqual(
        escalations.map((e) => `<${e.id}@shop.example>`).sort(),
      );
      expect(smtp.received.map((m) => m.headers['reply-to']).sort()).toEqual(emails);
      // Nothing more arrives: the relay has nothing left to send.
      expect(await app.fastify.mailRelay?.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
      expect(smtp.received).toHaveLength(3);
    },
  );
});
