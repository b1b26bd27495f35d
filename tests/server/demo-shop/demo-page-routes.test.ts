/**
 * The demo sign-in hands out tokens the chat accepts, whatever the chat requires of shopper tokens:
 * with SHOPPER_TOKEN_AUDIENCE and SHOPPER_TOKEN_ISSUER set, a demo token without `aud`/`iss` was refused
 * by the chat, and the demo page's sign-in silently left the shopper anonymous.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuiltTestApp, buildTestApp } from '../../helpers/test-app.ts';

const SECRET = 's'.repeat(40);

describe.each<{ name: string; env: Record<string, string> }>([
  { name: 'no audience or issuer', env: {} },
  {
    name: 'an audience and an issuer',
    env: { SHOPPER_TOKEN_AUDIENCE: 'shop-chat', SHOPPER_TOKEN_ISSUER: 'https://shop.example.jp' },
  },
])('demo sign-in with $name required of shopper tokens', ({ env }) => {
  let app: BuiltTestApp;
  beforeAll(async () => {
    app = await buildTestApp({ env: { SHOPPER_TOKEN_SECRET: SECRET, ...env } });
  });
  afterAll(async () => app.close());

  test('the token it answers is verified by the chat as that demo customer', async () => {
    const response = await app.fastify.inject({
      method: 'POST',
      url: '/demo-shop/sign-in',
      payload: { customerId: 'demo-taro' },
    });
    expect(response.statusCode).toBe(200);
    const { token } = response.json() as { token: string };
    const verified = await app.fastify.shopperTokens!.verify(token);
    expect(verified).toMatchObject({
      ok: true,
      shopper: { customerId: 'demo-taro', email: 'taro@example.com' },
    });
  });

  test('the demo My Page accepts the same token from its cookie', async () => {
    const signIn = await app.fastify.inject({
      method: 'POST',
      url: '/demo-shop/sign-in',
      payload: { customerId: 'demo-hanako' },
    });
    const cookie = signIn.cookies.find((c) => c.name === 'demo_shopper')!;
    const page = await app.fastify.inject({
      method: 'GET',
      url: '/demo-shop/my-page',
      cookies: { demo_shopper: cookie.value },
    });
    expect(page.body).toContain('山田 花子 様のマイページ');
  });
});
