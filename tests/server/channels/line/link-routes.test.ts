/**
 * The bot's account-link pages (server/channels/line/link-routes.ts) through the real app (inject): a
 * link token this bot issued is passed on to the shop's sign-in; the shop's form back is verified as the
 * widget's shopper token is, and only then is a nonce stored and the browser sent to LINE's dialog. A
 * refused token or link token gets a clear page in Japanese (English when the browser asks for it), and
 * nothing is stored; the log names the reason, never the token or the customer id.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LineLinkStore } from '../../../../server/channels/line/line-link-store.ts';
import { LinePlatformStandIn, lineEnv } from '../../../helpers/line-platform-stand-in.ts';
import {
  signShopperToken,
  TEST_SHOPPER_SECRET,
  unsignedShopperToken,
} from '../../../helpers/shopper-tokens.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

const USER = 'U0000000000000000000000000000a001';
const CUSTOMER = 'cust-link-5d1e';

let platform: LinePlatformStandIn;
let app: BuiltTestApp;
let links: LineLinkStore;
const logLines: string[] = [];
let tokens = 0;

beforeAll(async () => {
  platform = await new LinePlatformStandIn().start();
  app = await buildTestApp({
    env: {
      ...lineEnv(platform),
      PUBLIC_URL: 'https://bot.example.jp',
      LINE_LINK_LOGIN_URL: 'https://shop.example.jp/line-login?from=bot',
      SHOPPER_TOKEN_SECRET: TEST_SHOPPER_SECRET,
    },
    logStream: { write: (line) => logLines.push(line) },
  });
  links = new LineLinkStore(() => app.fastify.storage.database());
});
afterAll(async () => {
  await app.close();
  await platform.stop();
});

async function issued(): Promise<string> {
  tokens += 1;
  const linkToken = `route-link-token-${tokens}`;
  await links.issued(linkToken, USER, new Date());
  return linkToken;
}

function complete(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.fastify.inject({
    method: 'POST',
    url: '/line/link/complete',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

async function nonceStored(): Promise<boolean> {
  const rows = await app.fastify.storage
    .database()
    .selectFrom('line_account_links')
    .select('nonce')
    .where('nonce', 'is not', null)
    .execute();
  return rows.length > 0;
}

describe('GET /line/link', () => {
  test("a fresh link token goes on to the shop's sign-in, its own query kept", async () => {
    const linkToken = await issued();
    const response = await app.fastify.inject(`/line/link?linkToken=${linkToken}`);
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe('https://shop.example.jp/line-login');
    expect(Object.fromEntries(location.searchParams)).toEqual({ from: 'bot', linkToken });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  test.each([
    { name: 'no link token', query: '' },
    { name: 'an unknown one', query: '?linkToken=made-up' },
    { name: 'one too long to be LINE’s', query: `?linkToken=${'x'.repeat(300)}` },
  ])('$name: an error page in Japanese', async ({ query }) => {
    const response = await app.fastify.inject(`/line/link${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('lang="ja"');
    expect(response.body).toContain('このリンクは使えません');
    expect(response.body).toContain('LINE_ERR_LINK_TOKEN_INVALID');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  });

  test('a browser that prefers English gets the page in English', async () => {
    const response = await app.fastify.inject({
      url: '/line/link',
      headers: { 'accept-language': 'en-US,en' },
    });
    expect(response.body).toContain('lang="en"');
    expect(response.body).toContain('This link cannot be used');
  });
});

describe('POST /line/link/complete', () => {
  test.each([
    {
      name: 'a forged token',
      token: () => signShopperToken(CUSTOMER, { secret: 'another-secret-another-secret-another-secret' }),
      sentence: 'ログイン情報を確認できませんでした',
      code: 'LINE_ERR_SHOPPER_TOKEN_INVALID',
    },
    {
      name: 'an expired token',
      token: () => signShopperToken(CUSTOMER, { expiresIn: -120 }),
      sentence: 'ログイン情報の有効期限が切れています',
      code: 'LINE_ERR_SHOPPER_TOKEN_EXPIRED',
    },
    {
      name: 'an unsigned (alg none) token',
      token: async () => unsignedShopperToken(CUSTOMER),
      sentence: 'ログイン情報を確認できませんでした',
      code: 'LINE_ERR_SHOPPER_TOKEN_INVALID',
    },
    {
      name: 'no token',
      token: async () => '',
      sentence: 'ログイン情報を確認できませんでした',
      code: 'LINE_ERR_SHOPPER_TOKEN_INVALID',
    },
  ])('$name: an error page in Japanese, nothing stored', async ({ token, sentence, code }) => {
    const linkToken = await issued();
    const response = await complete({ linkToken, shopper: await token() });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('lang="ja"');
    expect(response.body).toContain(sentence);
    expect(response.body).toContain('連携はしていません');
    expect(response.body).toContain(code);
    expect(await nonceStored()).toBe(false);
    // The link token is still good for a proper sign-in.
    expect(await links.usable(linkToken, new Date())).toBe(true);
  });

  test("a valid token: a nonce for the customer, and the browser goes to LINE's dialog", async () => {
    const linkToken = await issued();
    const response = await complete({ linkToken, shopper: await signShopperToken(CUSTOMER) });
    expect(response.statusCode).toBe(302);
    const dialog = new URL(response.headers.location as string);
    expect(`${dialog.origin}${dialog.pathname}`).toBe('https://access.line.me/dialog/bot/accountLink');
    expect(dialog.searchParams.get('linkToken')).toBe(linkToken);
    const nonce = dialog.searchParams.get('nonce')!;
    expect(await links.consume(nonce, USER, new Date())).toEqual({
      ok: true,
      shopper: { customerId: CUSTOMER },
    });

    // The same link token again (a replayed form): refused, nothing new stored.
    const again = await complete({ linkToken, shopper: await signShopperToken('someone-else') });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('LINE_ERR_LINK_TOKEN_INVALID');
    expect(await nonceStored()).toBe(false);
  });

  test('an unknown link token with a valid shopper token: refused, nothing stored', async () => {
    const response = await complete({ linkToken: 'never-issued', shopper: await signShopperToken(CUSTOMER) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('このリンクは使えません');
    expect(await nonceStored()).toBe(false);
  });

  test('the log never holds a token, the customer id or a link token', async () => {
    const joined = logLines.join('\n');
    expect(joined).toContain('LINE link: shopper token refused');
    expect(joined).not.toContain(CUSTOMER);
    expect(joined).not.toContain('route-link-token-');
    expect(joined).not.toMatch(/eyJ[\w-]+\.[\w-]+/u);
  });
});

describe('account linking switched off', () => {
  test('without PUBLIC_URL there are no link pages', async () => {
    const off = await buildTestApp({
      env: { ...lineEnv(platform), SHOPPER_TOKEN_SECRET: TEST_SHOPPER_SECRET },
    });
    try {
      expect((await off.fastify.inject('/line/link?linkToken=x')).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
