/**
 * Masking through a real chat: a card number typed in the widget protocol (full-width, as Japanese input
 * gives it) and a configured phone pattern never reach the database, the escalation, the handoff mail
 * (text and HTML), the log, or the history a resumed widget shows.
 */
import { describe, expect, test } from 'vitest';
import { useChatRoute } from '../../helpers/chat-route.ts';
import { completeHandoff } from '../../helpers/handoff.ts';

const PHONE = '(?<![0-9])0[0-9]{1,4}-?[0-9]{1,4}-?[0-9]{4}(?![0-9])';
const CARD_TYPED = 'カード番号は４１１１　１１１１　１１１１　１１１１です';
/** Every form of the card's digits that must not be stored anywhere. */
const CARD_FORMS = ['4111111111111111', '4111 1111 1111 1111', '４１１１', '1111　1111'];

describe('/chat masking', () => {
  const logLines: string[] = [];
  const app = useChatRoute({
    shop: (shop) => ({ ...shop, privacy: { maskPatterns: [PHONE] } }),
    logStream: { write: (line) => logLines.push(line) },
  });

  test('a card number and a phone number are masked before they are stored or mailed', async () => {
    const client = await app.open();
    client.send({ type: 'hello' });
    const welcome = await client.next('welcome');
    const conversationId = String(welcome.conversationId);
    client.send({ type: 'message', text: CARD_TYPED, seq: 1 });
    await client.next('reply');
    await completeHandoff(client, {
      seq: 2,
      email: 'card.shopper@example.jp',
      summary: '返金はカード4111-1111-1111-1111へ。電話は090-1234-5678です',
    });
    client.close();

    const messages = await app.fastify.storage.listMessages(conversationId);
    const shopperTexts = messages.filter((m) => m.role === 'shopper').map((m) => m.text);
    expect(shopperTexts[0]).toBe('カード番号は**** **** **** 1111です');
    expect(shopperTexts.at(-1)).toBe('返金はカード**** **** **** 1111へ。電話は[非表示]です');

    const [escalation] = (await app.fastify.storage.listEscalations()).filter(
      (e) => e.conversationId === conversationId,
    );
    expect(escalation?.summary).toContain('**** **** **** 1111');
    const mails = (await app.fastify.storage.listOutbox()).filter((m) => m.escalationId === escalation?.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('**** **** **** 1111');
    expect(mails[0]!.html).toContain('**** **** **** 1111');

    // Without SMTP_URL the queued mail is logged by its id only (issue #17 item 8): no body to mask.
    const stored = JSON.stringify({ messages, escalation, mails, log: logLines.join('\n') });
    expect(logLines.join('\n')).toContain(mails[0]!.id);
    expect(logLines.join('\n')).not.toContain('1111');
    for (const form of [...CARD_FORMS, '090-1234-5678']) expect(stored).not.toContain(form);

    // A resumed widget shows the stored, masked history.
    const again = await app.open();
    again.send({ type: 'hello', token: welcome.token });
    const resumed = await again.next('welcome');
    const history = JSON.stringify(resumed.messages);
    expect(history).toContain('**** **** **** 1111');
    for (const form of CARD_FORMS) expect(history).not.toContain(form);
    again.close();
  });

  test('an order number is stored as typed', async () => {
    const client = await app.open();
    client.send({ type: 'message', text: '注文番号2026112300127が届きません', seq: 1 });
    const welcome = await client.next('welcome');
    await client.next('reply');
    client.close();
    const [first] = await app.fastify.storage.listMessages(String(welcome.conversationId));
    expect(first?.text).toBe('注文番号2026112300127が届きません');
  });
});
