/**
 * /chat without a port (injectWS): the whole turn pipeline behind the route, frame by frame, as the
 * widget sees it.
 */
import { describe, expect, test } from 'vitest';
import { useChatRoute } from '../../helpers/chat-route.ts';

describe('/chat WebSocket', () => {
  const app = useChatRoute({ env: { CHAT_MAX_TEXT_LENGTH: '200', CHAT_MAX_FRAME_BYTES: '4096' } });

  test('a first message without hello starts a conversation and gets a reply', async () => {
    const client = await app.open();
    client.send({ type: 'message', text: 'こんにちは' });
    const welcome = await client.next('welcome');
    expect(welcome.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(welcome.resumed).toBe(false);
    await client.next('ack');
    const reply = await client.next('reply');
    expect(reply).toMatchObject({ decision: 'answer', intent: 'greeting', locale: 'ja' });
    expect(reply.markdown).toContain('すこやか定期便ストア');
    client.close();
  });

  test('acknowledges a message only after it is stored', async () => {
    const client = await app.open();
    client.send({ type: 'hello' });
    const welcome = await client.next('welcome');
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    const ack = await client.next('ack');
    const stored = await app.fastify.storage.listMessages(String(welcome.conversationId));
    expect(stored.find((m) => m.id === ack.messageId)?.text).toBe('送料はいくらですか');
    const reply = await client.next('reply');
    expect(reply).toMatchObject({ replyTo: 1, decision: 'answer', intent: 'shipping.fee', locale: 'ja' });
    client.close();
  });

  test('an English first message starts an English conversation and is answered in English', async () => {
    const client = await app.open();
    client.send({ type: 'message', text: 'How much is shipping?', seq: 1 });
    expect(await client.next('welcome')).toMatchObject({ locale: 'en', resumed: false, greeting: null });
    await client.next('ack');
    expect(await client.next('reply')).toMatchObject({ intent: 'shipping.fee', locale: 'en' });
    client.close();
  });

  test('a retried message with the same seq is stored once and gets the same reply', async () => {
    const client = await app.open();
    client.send({ type: 'hello' });
    const welcome = await client.next('welcome');
    client.send({ type: 'message', text: '定期便を解約したい', seq: 7 });
    const firstAck = await client.next('ack');
    const firstReply = await client.next('reply');
    client.send({ type: 'message', text: '定期便を解約したい', seq: 7 });
    const secondAck = await client.next('ack');
    const secondReply = await client.next('reply');
    expect(secondAck).toMatchObject({ duplicate: true, messageId: firstAck.messageId });
    expect(secondReply.messageId).toBe(firstReply.messageId);
    const stored = await app.fastify.storage.listMessages(String(welcome.conversationId));
    expect(stored.filter((m) => m.role === 'shopper')).toHaveLength(1);
    expect(stored.filter((m) => m.role === 'bot')).toHaveLength(1);
    expect(client.frames.map((f) => f.type)).toEqual(['welcome', 'ack', 'reply', 'ack', 'reply']);
    client.close();
  });

  test('a reconnecting shopper resumes the same conversation with its history', async () => {
    const first = await app.open();
    first.send({ type: 'hello' });
    const welcome = await first.next('welcome');
    first.send({ type: 'message', text: '周期変更できますか', seq: 1 });
    await first.next('reply');
    first.close();
    await first.closed();

    const second = await app.open();
    second.send({ type: 'hello', token: welcome.token });
    const resumed = await second.next('welcome');
    expect(resumed).toMatchObject({ conversationId: welcome.conversationId, resumed: true });
    expect(resumed.token).toBeUndefined();
    const history = resumed.messages as { role: string; text: string; clientSeq: number | null }[];
    expect(history.map((m) => m.role)).toEqual(['shopper', 'bot']);
    expect(history[0]).toMatchObject({ text: '周期変更できますか', clientSeq: 1 });
    second.send({ type: 'message', text: '送料', seq: 2 });
    await second.next('reply');
    expect(await app.fastify.storage.listMessages(String(welcome.conversationId))).toHaveLength(4);
    second.close();
  });

  test('a resumed conversation gets its history with the stored buttons and feedback', async () => {
    const { client: first, welcome, say } = await app.chat();
    const reply = await say('送料はいくらですか');
    first.send({ type: 'feedback', messageId: reply.messageId, value: 'helpful' });
    await first.next('feedback-ack');
    first.close();
    const again = await app.open();
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

  test('an unknown token opens no conversation', async () => {
    const client = await app.open();
    client.send({ type: 'hello', token: 'A'.repeat(43) });
    const error = await client.next('error');
    expect(error.code).toBe('CHAT_ERR_TOKEN_INVALID');
    client.close();
  });

  test.each([
    { name: 'malformed JSON', raw: '{"type":"message",', code: 'CHAT_ERR_MALFORMED_JSON' },
    { name: 'a JSON array', raw: '[1,2]', code: 'CHAT_ERR_INVALID_FRAME' },
    { name: 'an unknown type', raw: '{"type":"launch-missiles"}', code: 'CHAT_ERR_UNKNOWN_TYPE' },
    { name: 'a missing text', raw: '{"type":"message"}', code: 'CHAT_ERR_INVALID_FRAME' },
    {
      name: 'an extra property',
      raw: '{"type":"message","text":"hi","admin":true}',
      code: 'CHAT_ERR_INVALID_FRAME',
    },
    {
      name: 'a negative seq',
      raw: '{"type":"message","text":"hi","seq":-1}',
      code: 'CHAT_ERR_INVALID_FRAME',
    },
    { name: 'a blank text', raw: '{"type":"message","text":"   "}', code: 'CHAT_ERR_INVALID_FRAME' },
  ])('answers $name with $code and keeps the socket serving', async ({ raw, code }) => {
    const client = await app.open();
    client.send(raw);
    const error = await client.next('error');
    expect(error.code).toBe(code);
    expect(typeof error.message).toBe('string');
    client.send({ type: 'ping' });
    await expect(client.next('pong')).resolves.toMatchObject({ type: 'pong' });
    client.close();
  });

  test('a too long message gets an error in the shopper language, and nothing is stored', async () => {
    const client = await app.open();
    client.send({ type: 'hello', locale: 'en' });
    const welcome = await client.next('welcome');
    client.send({ type: 'message', text: 'a'.repeat(201), seq: 1 });
    const error = await client.next('error');
    expect(error).toMatchObject({ code: 'CHAT_ERR_TEXT_TOO_LONG', seq: 1 });
    expect(error.message).toContain('200 characters');
    expect(await app.fastify.storage.listMessages(String(welcome.conversationId))).toEqual([]);
    client.close();
  });

  test('an oversized frame closes that socket with 1009 while other chats keep working', async () => {
    const bystander = await app.open();
    const attacker = await app.open();
    attacker.send({ type: 'message', text: 'x'.repeat(10_000) });
    expect(await attacker.closed()).toBe(1009);
    bystander.send({ type: 'message', text: 'hello' });
    const reply = await bystander.next('reply');
    expect(reply).toMatchObject({ intent: 'greeting', locale: 'en' });
    bystander.close();
  });

  test('feedback is stored on a bot message of this conversation only', async () => {
    const client = await app.open();
    client.send({ type: 'message', text: '送料かかりますか', seq: 1 });
    const reply = await client.next('reply');
    client.send({ type: 'feedback', messageId: reply.messageId, value: 'helpful' });
    await expect(client.next('feedback-ack')).resolves.toMatchObject({ value: 'helpful' });
    const other = await app.open();
    other.send({ type: 'hello' });
    await other.next('welcome');
    other.send({ type: 'feedback', messageId: reply.messageId, value: 'not-helpful' });
    await expect(other.next('error')).resolves.toMatchObject({ code: 'CHAT_ERR_UNKNOWN_MESSAGE' });
    client.close();
    other.close();
  });
});
