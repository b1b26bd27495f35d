/**
 * Verified identity through /chat (injectWS, no port): a shopper token at `hello` or in a `shopper`
 * frame binds the conversation to its customer; a bad token is refused with a stable code and the chat
 * goes on anonymously; a bound conversation is never shown to another customer or to an anonymous
 * connection; an anonymous one keeps its history when its shopper signs in; a verified shopper's
 * handoff confirms their address and the escalation and its mail name the customer id; and nothing of
 * the token, the customer id or the email reaches the log.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { staffClient } from '../../helpers/console-client.ts';
import { signShopperToken, TEST_SHOPPER_SECRET, unsignedShopperToken } from '../../helpers/shopper-tokens.ts';
import { type BuiltTestApp, buildTestApp, ChatClient, type Frame } from '../../helpers/test-app.ts';

/** Distinctive values, so the log check finds any trace of them. */
const CUSTOMER_A = 'cust-a-7f3e91';
const CUSTOMER_B = 'cust-b-2c8d40';
const EMAIL_A = 'hanako.verified@example.jp';

describe('/chat verified identity', () => {
  let app: BuiltTestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    app = await buildTestApp({
      env: { SHOPPER_TOKEN_SECRET: TEST_SHOPPER_SECRET },
      logStream: { write: (line) => logLines.push(line) },
    });
  });
  afterAll(async () => app.close());

  const tokenFor = (customerId: string, claims = {}) => signShopperToken(customerId, { claims });

  /** Opens a chat, says hello with `hello`'s fields, and returns the client and its welcome. */
  async function open(hello: Record<string, unknown> = {}): Promise<{ client: ChatClient; welcome: Frame }> {
    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'hello', locale: 'ja', ...hello });
    return { client, welcome: await client.next('welcome') };
  }

  /** Opens a chat, writes one message, and returns the conversation id and its resume token. */
  async function conversationWith(text: string, hello: Record<string, unknown> = {}) {
    const { client, welcome } = await open(hello);
    client.send({ type: 'message', text, seq: 1 });
    await client.next('reply');
    client.close();
    return { id: String(welcome.conversationId), token: String(welcome.token) };
  }

  test('a verified hello binds the new conversation to the customer', async () => {
    const { client, welcome } = await open({ shopper: await tokenFor(CUSTOMER_A) });
    expect(welcome).toMatchObject({ resumed: false, verified: true });
    expect((await app.fastify.storage.getConversation(String(welcome.conversationId)))?.customerId).toBe(
      CUSTOMER_A,
    );
    expect(client.frames.some((f) => f.type === 'error')).toBe(false);
    client.close();
  });

  test.each([
    {
      name: 'a forged token',
      token: () => signShopperToken(CUSTOMER_A, { secret: 'not-the-shop-secret-but-long-enough-0123456789' }),
      code: 'CHAT_ERR_SHOPPER_TOKEN_INVALID',
    },
    {
      name: 'an alg: none token',
      token: async () => unsignedShopperToken(CUSTOMER_A),
      code: 'CHAT_ERR_SHOPPER_TOKEN_INVALID',
    },
    {
      name: 'an expired token',
      token: () => signShopperToken(CUSTOMER_A, { now: new Date(Date.now() - 3_600_000) }),
      code: 'CHAT_ERR_SHOPPER_TOKEN_EXPIRED',
    },
  ])('$name gets $code, and the chat goes on anonymously', async ({ token, code }) => {
    const client = await ChatClient.inject(app.fastify);
    client.send({ type: 'hello', locale: 'ja', shopper: await token() });
    expect(await client.next('error')).toMatchObject({
      code,
      seq: null,
      message: expect.stringContaining('ゲスト'),
    });
    const welcome = await client.next('welcome');
    expect(welcome).toMatchObject({ resumed: false, verified: false });
    expect(
      (await app.fastify.storage.getConversation(String(welcome.conversationId)))?.customerId,
    ).toBeNull();
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    expect(await client.next('reply')).toMatchObject({ intent: 'shipping.fee' });
    client.close();
  });

  test("customer B's token resuming A's conversation sees nothing of it: a fresh conversation starts", async () => {
    const a = await conversationWith('送料はいくらですか', { shopper: await tokenFor(CUSTOMER_A) });
    const { client, welcome } = await open({ token: a.token, shopper: await tokenFor(CUSTOMER_B) });
    expect(welcome).toMatchObject({ resumed: false, verified: true, messages: [] });
    expect(welcome.conversationId).not.toBe(a.id);
    expect(JSON.stringify(client.frames)).not.toContain('送料');
    expect((await app.fastify.storage.getConversation(String(welcome.conversationId)))?.customerId).toBe(
      CUSTOMER_B,
    );
    // A's conversation is still A's, untouched.
    expect((await app.fastify.storage.getConversation(a.id))?.customerId).toBe(CUSTOMER_A);
    client.close();
  });

  test("no token at all resuming a bound conversation sees nothing of it; A's own token does", async () => {
    const a = await conversationWith('送料はいくらですか', { shopper: await tokenFor(CUSTOMER_A) });
    const anonymous = await open({ token: a.token });
    expect(anonymous.welcome).toMatchObject({ resumed: false, messages: [] });
    expect(anonymous.welcome.conversationId).not.toBe(a.id);
    anonymous.client.close();
    const own = await open({ token: a.token, shopper: await tokenFor(CUSTOMER_A) });
    expect(own.welcome).toMatchObject({ resumed: true, conversationId: a.id });
    expect((own.welcome.messages as { text: string }[]).map((m) => m.text)).toContain('送料はいくらですか');
    own.client.close();
  });

  test('an anonymous conversation resumed signed in keeps its history and becomes bound', async () => {
    const anonymous = await conversationWith('送料はいくらですか');
    const { client, welcome } = await open({ token: anonymous.token, shopper: await tokenFor(CUSTOMER_A) });
    expect(welcome).toMatchObject({ resumed: true, conversationId: anonymous.id, verified: true });
    expect((welcome.messages as { text: string }[])[0]?.text).toBe('送料はいくらですか');
    expect((await app.fastify.storage.getConversation(anonymous.id))?.customerId).toBe(CUSTOMER_A);
    client.close();
  });

  test('signing in mid-conversation (a shopper frame) binds it, keeping the history; B then sees nothing', async () => {
    const { client, welcome } = await open();
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    await client.next('reply');
    client.send({ type: 'shopper', shopper: await tokenFor(CUSTOMER_A) });
    expect(await client.next('shopper-ack')).toEqual({ type: 'shopper-ack', verified: true });
    const id = String(welcome.conversationId);
    expect((await app.fastify.storage.getConversation(id))?.customerId).toBe(CUSTOMER_A);
    expect((await app.fastify.storage.listMessages(id)).length).toBe(2);
    client.close();

    const other = await open({ token: welcome.token, shopper: await tokenFor(CUSTOMER_B) });
    expect(other.welcome).toMatchObject({ resumed: false, messages: [] });
    other.client.close();
  });

  test('another customer signing in on the open connection, or signing out, leaves the bound conversation', async () => {
    const { client, welcome } = await open({ shopper: await tokenFor(CUSTOMER_A) });
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    await client.next('reply');
    client.send({ type: 'shopper', shopper: await tokenFor(CUSTOMER_B) });
    const fresh = await client.next('welcome');
    expect(fresh).toMatchObject({ resumed: false, messages: [], verified: true });
    expect(fresh.conversationId).not.toBe(welcome.conversationId);
    expect(await client.next('shopper-ack')).toMatchObject({ verified: true });
    // A refreshed token of the same customer keeps the conversation.
    client.send({ type: 'shopper', shopper: await tokenFor(CUSTOMER_B) });
    expect(await client.next('shopper-ack')).toMatchObject({ verified: true });
    client.send({ type: 'shopper', shopper: null });
    const signedOut = await client.next('welcome');
    expect(signedOut).toMatchObject({ resumed: false, verified: false });
    expect(signedOut.conversationId).not.toBe(fresh.conversationId);
    expect(await client.next('shopper-ack')).toMatchObject({ verified: false });
    expect(client.frames.filter((f) => f.type === 'welcome')).toHaveLength(3);
    client.close();
  });

  test("a verified shopper's handoff confirms their address; the escalation and its mail name the customer", async () => {
    const { client, welcome } = await open({ shopper: await tokenFor(CUSTOMER_A, { email: EMAIL_A }) });
    client.send({ type: 'message', text: '人と話したい', seq: 1 });
    const confirm = await client.next('reply');
    expect(confirm).toMatchObject({ decision: 'ask', handoff: { step: 'summary', email: EMAIL_A } });
    expect(String(confirm.markdown)).toContain(EMAIL_A);
    client.send({ type: 'message', text: 'スキップ', seq: 2, intent: 'handoff.skip' });
    const done = await client.next('reply');
    expect(done).toMatchObject({ decision: 'handoff', handoff: { step: 'done', email: EMAIL_A } });
    client.close();

    const conversationId = String(welcome.conversationId);
    const escalation = (await app.fastify.storage.listEscalations()).find(
      (e) => e.conversationId === conversationId,
    );
    expect(escalation).toMatchObject({ customerId: CUSTOMER_A, email: EMAIL_A });
    const mail = (await app.fastify.storage.listOutbox()).find((m) => m.escalationId === escalation?.id);
    expect(mail?.text).toContain(CUSTOMER_A);
    expect(mail?.html).toContain(CUSTOMER_A);
    const operator = await staffClient(app.fastify, 'operator');
    const listed = await operator.call('GET', '/escalations');
    expect((listed.body.escalations as { id: string }[]).find((e) => e.id === escalation?.id)).toMatchObject({
      customerId: CUSTOMER_A,
    });
  });

  test("a demo customer's handoff keeps their subscription as it was, in the escalation, its mail and the console", async () => {
    // The demo shop is on in the test app (loopback) and answers as the shop's connector.
    const { client, welcome } = await open({ shopper: await tokenFor('demo-hanako', { email: EMAIL_A }) });
    client.send({ type: 'message', text: '人と話したい', seq: 1 });
    await client.next('reply');
    client.send({ type: 'message', text: 'スキップ', seq: 2, intent: 'handoff.skip' });
    expect(await client.next('reply')).toMatchObject({ decision: 'handoff', handoff: { step: 'done' } });
    client.close();

    const escalation = (await app.fastify.storage.listEscalations()).find(
      (e) => e.conversationId === String(welcome.conversationId),
    );
    expect(escalation?.subscriptions).toEqual([
      expect.objectContaining({
        id: 'demo-sub-hanako-aojiru',
        productName: '国産大麦若葉の青汁 30包',
        interval: { unit: 'month', count: 1 },
        status: 'active',
        nextDeliveryDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u),
      }),
    ]);
    const next = escalation!.subscriptions![0]!.nextDeliveryDate;
    const mail = (await app.fastify.storage.listOutbox()).find((m) => m.escalationId === escalation?.id);
    expect(mail?.text).toContain(
      `定期便（引き継ぎ時点）: 国産大麦若葉の青汁 30包 × 1 · 1ヶ月ごと · 次回 ${next} · お届け中`,
    );
    const operator = await staffClient(app.fastify, 'operator', 'operator.demo@shop.test');
    const detail = await operator.call('GET', `/escalations/${escalation!.id}`);
    expect(detail.body.escalation).toMatchObject({
      subscriptions: [expect.objectContaining({ id: 'demo-sub-hanako-aojiru', nextDeliveryDate: next })],
    });
  });

  test('a verified shopper may still give another address in the confirmation step', async () => {
    const { client } = await open({ shopper: await tokenFor(CUSTOMER_A, { email: EMAIL_A }) });
    client.send({ type: 'message', text: '人と話したい', seq: 1 });
    await client.next('reply');
    client.send({ type: 'message', text: 'other.address@example.jp', seq: 2 });
    expect(await client.next('reply')).toMatchObject({
      handoff: { step: 'summary', email: 'other.address@example.jp' },
    });
    client.close();
  });

  test('no shopper token, customer id or email reaches the log of verified chats', async () => {
    const token = await tokenFor(CUSTOMER_A, { email: EMAIL_A, name: '山田 花子' });
    const { client } = await open({ shopper: token });
    client.send({ type: 'message', text: '人と話したい', seq: 1 });
    await client.next('reply');
    client.send({ type: 'message', text: 'スキップ', seq: 2, intent: 'handoff.skip' });
    await client.next('reply');
    // A refused refresh is logged (why), and a refused hello too.
    const expired = await signShopperToken(CUSTOMER_A, {
      now: new Date(Date.now() - 3_600_000),
      claims: { email: EMAIL_A },
    });
    client.send({ type: 'shopper', shopper: expired });
    await client.next('shopper-ack');
    client.close();
    const forged = await signShopperToken(CUSTOMER_B, {
      secret: 'not-the-shop-secret-but-long-enough-0123456789',
    });
    (await open({ shopper: forged })).client.close();

    const log = logLines.join('\n');
    expect(log).toContain('shopper token refused');
    expect(log).toContain('handoff mail queued');
    for (const secret of [
      token,
      token.split('.')[1]!,
      expired,
      forged,
      CUSTOMER_A,
      CUSTOMER_B,
      EMAIL_A,
      '山田',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
