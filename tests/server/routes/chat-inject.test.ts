/**
 * /chat without a port (injectWS): the whole turn pipeline behind the route, frame by frame, as the
 * widget sees it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuiltTestApp, buildTestApp, ChatClient } from '../../helpers/test-app.ts';

describe('/chat through injectWS', () => {
  let app: BuiltTestApp;

  beforeAll(async () => {
    app = await buildTestApp({ env: { CHAT_MAX_TEXT_LENGTH: '50' } });
  });
  afterAll(async () => app.close());

  test('hello, a message and its retry: welcome, ack after the store, the reply, then the same reply again', async () => {
    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'hello', locale: 'ja' });
    const welcome = await client.next('welcome');
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    const ack = await client.next('ack');
    const stored = await app.fastify.storage.listMessages(String(welcome.conversationId));
    expect(stored.find((m) => m.id === ack.messageId)?.text).toBe('送料はいくらですか');
    const reply = await client.next('reply');
    expect(reply).toMatchObject({ replyTo: 1, decision: 'answer', intent: 'shipping.fee', locale: 'ja' });
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    expect(await client.next('ack')).toMatchObject({ duplicate: true, messageId: ack.messageId });
    expect((await client.next('reply')).messageId).toBe(reply.messageId);
    expect(client.frames.map((f) => f.type)).toEqual(['welcome', 'ack', 'reply', 'ack', 'reply']);
    client.close();
  });

  test('an English first message starts an English conversation and is answered in English', async () => {
    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'message', text: 'How much is shipping?', seq: 1 });
    expect(await client.next('welcome')).toMatchObject({ locale: 'en', resumed: false, greeting: null });
    await client.next('ack');
    expect(await client.next('reply')).toMatchObject({ intent: 'shipping.fee', locale: 'en' });
    client.close();
  });

  test('a too long message is refused with its seq and nothing is stored', async () => {
    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'hello' });
    const welcome = await client.next('welcome');
    client.send({ type: 'message', text: 'あ'.repeat(51), seq: 2 });
    expect(await client.next('error')).toMatchObject({ code: 'CHAT_ERR_TEXT_TOO_LONG', seq: 2 });
    expect(await app.fastify.storage.listMessages(String(welcome.conversationId))).toEqual([]);
    client.close();
  });

  test('a resumed conversation gets its history with the stored buttons and feedback', async () => {
    const first = await ChatClient.inject(app.fastify);
    first.send({ type: 'hello' });
    const welcome = await first.next('welcome');
    first.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    const reply = await first.next('reply');
    first.send({ type: 'feedback', messageId: reply.messageId, value: 'helpful' });
    await first.next('feedback-ack');
    first.close();
    const again = await ChatClient.inject(app.fastify);
    again.send({ type: 'hello', token: welcome.token });
    const resumed = await again.next('welcome');
    expect(resumed).toMatchObject({ resumed: true, conversationId: welcome.conversationId });
    expect(resumed.messages).toEqual([
      expect.objectContaining({ role: 'shopper', clientSeq: 1, text: '送料はいくらですか', feedback: null }),
      expect.objectContaining({
        role: 'bot',
        id: reply.messageId,
        quickReplies: reply.quickReplies,
        feedback: 'helpful',
        decision: 'answer',
      }),
    ]);
    again.close();
  });
});
