/**
 * The embedded demo shop in the app: the server's connector points at it and goes through its signed
 * routes; the demo sign-in answers a token for a demo customer (signed with SHOPPER_TOKEN_SECRET); My
 * Page shows a change made through the connector (and the log names no token, customer or email);
 * unsigned requests are refused; DEMO_SHOP=0 leaves no
 * trace; on a non-loopback address the start logs a warning.
 */
import { jwtVerify } from 'jose';
import { afterEach, describe, expect, test } from 'vitest';
import { loadCorpus, trainingExamples } from '../../../bot/corpus/load-corpus.ts';
import { IntentEngine } from '../../../bot/nlu/intent-engine.ts';
import { type BuiltTestApp, buildTestApp, ChatClient } from '../../helpers/test-app.ts';

const apps: BuiltTestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function build(options: Parameters<typeof buildTestApp>[0] = {}): Promise<BuiltTestApp> {
  const app = await buildTestApp(options);
  apps.push(app);
  return app;
}

const NOW = new Date('2026-12-03T03:00:00Z');

describe('demo shop plugin', () => {
  test("reads a demo customer's subscriptions through the server's connector", async () => {
    const { fastify } = await build({ now: () => NOW });
    const result = await fastify.shopConnector?.subscriptions('demo-hanako');
    expect(result).toMatchObject({
      ok: true,
      value: [{ id: 'demo-sub-hanako-aojiru', nextDeliveryDate: '2026-12-13', status: 'active' }],
    });
    expect(await fastify.shopConnector?.orders('demo-taro')).toMatchObject({
      ok: true,
      value: [{ orderNumber: '10035' }, { orderNumber: '10034', carrier: 'ヤマト運輸' }],
    });
  });

  test('signs in as a demo customer and shows a skip done through the connector on My Page', async () => {
    const secret = 'demo-secret-'.repeat(4);
    const lines: string[] = [];
    const { fastify } = await build({
      now: () => NOW,
      env: { SHOPPER_TOKEN_SECRET: secret },
      logStream: { write: (line) => lines.push(line) },
    });
    const signIn = await fastify.inject({
      method: 'POST',
      url: '/demo-shop/sign-in',
      payload: { customerId: 'demo-hanako' },
    });
    expect(signIn.statusCode).toBe(200);
    const { token } = signIn.json<{ token: string }>();
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      currentDate: NOW,
    });
    expect(payload).toMatchObject({ sub: 'demo-hanako', email: 'hanako@example.com' });
    expect(payload.exp).toBeGreaterThan(NOW.getTime() / 1000);

    const cookie = signIn.cookies.find((c) => c.name === 'demo_shopper');
    const myPage = () =>
      fastify.inject({ url: '/demo-shop/my-page', cookies: { demo_shopper: cookie?.value ?? '' } });
    expect((await myPage()).body).toContain('<dd data-field="next-delivery">2026-12-13</dd>');
    const changed = await fastify.shopConnector?.changeSubscription(
      'demo-hanako',
      'demo-sub-hanako-aojiru',
      { kind: 'skip' },
      'conversation-1:message-7',
    );
    expect(changed).toMatchObject({ ok: true, value: { nextDeliveryDate: '2027-01-13' } });
    expect((await myPage()).body).toContain('<dd data-field="next-delivery">2027-01-13</dd>');
    // Neither the token, the customer id nor the email reaches the log.
    const log = lines.join('\n');
    for (const secretText of [token, 'demo-hanako', 'hanako@example.com'])
      expect(log).not.toContain(secretText);
    expect(lines.length).toBeGreaterThan(0);
  });

  test("answers a demo customer's question naming an order with that order, and another customer's number with their own orders", async () => {
    const corpus = await loadCorpus('corpus');
    const engine = await IntentEngine.train({
      ja: trainingExamples(corpus, 'ja'),
      en: trainingExamples(corpus, 'en'),
    });
    const { fastify } = await build({
      now: () => NOW,
      env: { SHOPPER_TOKEN_SECRET: 'demo-secret-'.repeat(4) },
      prepared: { engine, corpus },
    });
    const signIn = await fastify.inject({
      method: 'POST',
      url: '/demo-shop/sign-in',
      payload: { customerId: 'demo-taro' },
    });
    const { token } = signIn.json<{ token: string }>();
    const client = await ChatClient.inject(fastify);
    client.send({ type: 'hello', shopper: token });
    expect(await client.next('welcome')).toMatchObject({ verified: true });
    const say = async (text: string, seq: number) => {
      client.send({ type: 'message', text, seq });
      return String((await client.next('reply')).markdown);
    };
    // Taro's orders are 10035 (newest, being prepared) and 10034 (shipped): the number picks 10034.
    const own = await say('注文10034の配送状況は？', 1);
    expect(own).toContain('ご注文 #10034 は12月2日(水)にヤマト運輸で発送済みです。');
    expect(own).toContain('1234\\-5678\\-9012');
    // 10021 is Hanako's order: nothing of it, Taro's own orders instead.
    const foreign = await say('#10021 はいつ届きますか', 2);
    expect(foreign).toContain('ご注文番号 10021 は、お客さまのご注文の中に見つかりませんでした。');
    expect(foreign).toContain('- #10035');
    expect(foreign).not.toContain('4567');
    client.close();
  }, 120_000);

  test('shows no customer on My Page without a valid sign-in', async () => {
    const { fastify } = await build();
    const page = await fastify.inject({
      url: '/demo-shop/my-page',
      cookies: { demo_shopper: 'forged.token.x' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('サインインしていません');
    expect(page.body).not.toContain('data-subscription-id');
  });

  test('refuses an unsigned request to the demo connector with 401', async () => {
    const { fastify } = await build();
    const response = await fastify.inject({ url: '/demo-shop/connector/customers/demo-taro/subscriptions' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'DEMO_SHOP_ERR_SIGNATURE_MISSING' });
  });

  test('refuses to sign in as a customer that is not a demo customer', async () => {
    const { fastify } = await build();
    const response = await fastify.inject({
      method: 'POST',
      url: '/demo-shop/sign-in',
      payload: { customerId: 'customer-42' },
    });
    expect(response.statusCode).toBe(404);
  });

  test('DEMO_SHOP=0: no demo routes and no connector', async () => {
    const { fastify } = await build({ env: { DEMO_SHOP: '0' } });
    expect(fastify.shopConnector).toBeUndefined();
    expect((await fastify.inject({ url: '/demo-shop/my-page' })).statusCode).toBe(404);
    expect(
      (
        await fastify.inject({
          method: 'POST',
          url: '/demo-shop/sign-in',
          payload: { customerId: 'demo-taro' },
        })
      ).statusCode,
    ).toBe(404);
  });

  test('logs a warning at start when on while listening on all interfaces', async () => {
    const lines: string[] = [];
    await build({
      env: { DEMO_SHOP: '1', HOST: '0.0.0.0' },
      logStream: { write: (line) => lines.push(line) },
    });
    const warning = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .find((l) => l.level === 40 && l.msg.includes('DEMO_SHOP'));
    expect(warning?.msg).toMatch(/DEMO_SHOP is on while listening on 0\.0\.0\.0/u);
  });
});
