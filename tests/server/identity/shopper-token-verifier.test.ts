import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createShopperTokenVerifier,
  MAX_CUSTOMER_ID_LENGTH,
  type ShopperTokenVerifier,
} from '../../../server/identity/shopper-token-verifier.ts';
import {
  confusedShopperToken,
  ec,
  ecPublicPem,
  rsa,
  rsaPublicPem,
  signShopperToken,
  TEST_SHOPPER_SECRET,
  unsignedShopperToken,
} from '../../helpers/shopper-tokens.ts';

const NOW = new Date('2026-12-03T12:00:00Z');
const clock = () => NOW;

function hsVerifier(extra: { audience?: string; issuer?: string } = {}): ShopperTokenVerifier {
  return createShopperTokenVerifier({ secret: TEST_SHOPPER_SECRET, now: clock, ...extra })!;
}

describe('createShopperTokenVerifier', () => {
  test('is undefined when no key is configured (every chat is anonymous)', () => {
    expect(createShopperTokenVerifier({})).toBeUndefined();
  });

  test('accepts an HS256 token and reads sub, email and name', async () => {
    const token = await signShopperToken('demo-001', {
      now: NOW,
      claims: { email: 'hanako@example.jp', name: '山田 花子' },
    });
    expect(await hsVerifier().verify(token)).toEqual({
      ok: true,
      shopper: { customerId: 'demo-001', email: 'hanako@example.jp', name: '山田 花子' },
    });
  });

  test('leaves out an email claim that is no valid address, and keeps the identity', async () => {
    const token = await signShopperToken('demo-001', { now: NOW, claims: { email: 'a@b\r\nBcc: x@y.jp' } });
    expect(await hsVerifier().verify(token)).toEqual({ ok: true, shopper: { customerId: 'demo-001' } });
  });

  test.each([
    {
      name: 'a forged signature (another secret)',
      token: () =>
        signShopperToken('demo-001', { now: NOW, secret: 'another-secret-of-enough-length-0123456789' }),
    },
    { name: 'alg: none', token: async () => unsignedShopperToken('demo-001', NOW) },
    { name: 'a token without exp', token: () => signShopperToken('demo-001', { now: NOW, expiresIn: null }) },
    {
      name: 'an RS256 token when only HS256 is configured',
      token: () => signShopperToken('demo-001', { now: NOW, alg: 'RS256' }),
    },
    { name: 'a token without sub', token: () => signShopperToken('', { now: NOW }) },
    {
      name: 'a sub longer than the bound',
      token: () => signShopperToken('x'.repeat(MAX_CUSTOMER_ID_LENGTH + 1), { now: NOW }),
    },
    { name: 'a sub with a line break', token: () => signShopperToken('demo-001\nadmin', { now: NOW }) },
    { name: 'not a JWT at all', token: async () => 'hello.world' },
    {
      name: 'a token not yet valid (nbf a minute ahead, beyond the skew)',
      token: () => signShopperToken('demo-001', { now: NOW, claims: { nbf: NOW.getTime() / 1000 + 60 } }),
    },
  ])('refuses $name as invalid', async ({ token }) => {
    const result = await hsVerifier().verify(await token());
    expect(result).toMatchObject({ ok: false, code: 'CHAT_ERR_SHOPPER_TOKEN_INVALID' });
  });

  test('refuses an expired token with the expired code, beyond the 30 s skew', async () => {
    const token = await signShopperToken('demo-001', { now: new Date(NOW.getTime() - 400_000) });
    expect(await hsVerifier().verify(token)).toMatchObject({
      ok: false,
      code: 'CHAT_ERR_SHOPPER_TOKEN_EXPIRED',
    });
  });

  test('accepts a token expired or not yet valid by less than the skew', async () => {
    const expiredJustNow = await signShopperToken('demo-001', { now: new Date(NOW.getTime() - 310_000) });
    expect((await hsVerifier().verify(expiredJustNow)).ok).toBe(true);
    const almostValid = await signShopperToken('demo-001', {
      now: NOW,
      claims: { nbf: NOW.getTime() / 1000 + 10 },
    });
    expect((await hsVerifier().verify(almostValid)).ok).toBe(true);
  });

  test('checks the audience and the issuer when they are configured', async () => {
    const verifier = hsVerifier({ audience: 'shop-bot', issuer: 'https://shop.example.jp' });
    const right = await signShopperToken('demo-001', {
      now: NOW,
      claims: { aud: 'shop-bot', iss: 'https://shop.example.jp' },
    });
    expect((await verifier.verify(right)).ok).toBe(true);
    const wrongAudience = await signShopperToken('demo-001', {
      now: NOW,
      claims: { aud: 'another-bot', iss: 'https://shop.example.jp' },
    });
    expect(await verifier.verify(wrongAudience)).toMatchObject({
      ok: false,
      code: 'CHAT_ERR_SHOPPER_TOKEN_INVALID',
    });
    const wrongIssuer = await signShopperToken('demo-001', {
      now: NOW,
      claims: { aud: 'shop-bot', iss: 'https://evil.example' },
    });
    expect(await verifier.verify(wrongIssuer)).toMatchObject({
      ok: false,
      code: 'CHAT_ERR_SHOPPER_TOKEN_INVALID',
    });
    const neither = await signShopperToken('demo-001', { now: NOW });
    expect((await verifier.verify(neither)).ok).toBe(false);
  });

  test('accepts RS256 with the configured PEM and refuses the HS256 token keyed with that PEM', async () => {
    const verifier = createShopperTokenVerifier({ publicKey: rsaPublicPem, now: clock })!;
    expect(await verifier.verify(await signShopperToken('demo-002', { now: NOW, alg: 'RS256' }))).toEqual({
      ok: true,
      shopper: { customerId: 'demo-002' },
    });
    expect(await verifier.verify(confusedShopperToken('demo-002', rsaPublicPem, NOW))).toMatchObject({
      ok: false,
      code: 'CHAT_ERR_SHOPPER_TOKEN_INVALID',
    });
  });

  test('refuses the PEM-keyed HS256 token even when an HS256 secret is configured too', async () => {
    const verifier = createShopperTokenVerifier({
      secret: TEST_SHOPPER_SECRET,
      publicKey: rsaPublicPem,
      now: clock,
    })!;
    expect((await verifier.verify(confusedShopperToken('demo-002', rsaPublicPem, NOW))).ok).toBe(false);
  });

  test('accepts ES256 with an EC P-256 PEM given on one line with \\n escapes', async () => {
    const verifier = createShopperTokenVerifier({
      publicKey: ecPublicPem.replace(/\n/gu, '\\n'),
      now: clock,
    })!;
    expect((await verifier.verify(await signShopperToken('demo-003', { now: NOW, alg: 'ES256' }))).ok).toBe(
      true,
    );
    // An RS256 token is not checked against an EC key, whoever signed it.
    expect((await verifier.verify(await signShopperToken('demo-003', { now: NOW, alg: 'RS256' }))).ok).toBe(
      false,
    );
  });

  describe('with a JWKS URL (a loopback server)', () => {
    let server: http.Server;
    let url: string;
    let fetches = 0;

    beforeAll(async () => {
      const keys = [
        { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
        { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
      ];
      server = http.createServer((_request, response) => {
        fetches += 1;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ keys }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    test('verifies RS256 and ES256 tokens by kid, fetching the set once', async () => {
      const verifier = createShopperTokenVerifier({ jwksUrl: url, now: clock })!;
      const rs = await signShopperToken('demo-004', { now: NOW, alg: 'RS256', kid: 'rsa-1' });
      const es = await signShopperToken('demo-005', { now: NOW, alg: 'ES256', kid: 'ec-1' });
      expect(await verifier.verify(rs)).toMatchObject({ ok: true, shopper: { customerId: 'demo-004' } });
      expect(await verifier.verify(es)).toMatchObject({ ok: true, shopper: { customerId: 'demo-005' } });
      expect(fetches).toBe(1);
    });

    test('refuses an HS256 token keyed with a published key, and a token signed by an unknown key', async () => {
      const verifier = createShopperTokenVerifier({ jwksUrl: url, now: clock })!;
      expect((await verifier.verify(confusedShopperToken('demo-004', rsaPublicPem, NOW))).ok).toBe(false);
      const stranger = (await import('node:crypto')).generateKeyPairSync('rsa', { modulusLength: 2048 });
      const forged = await signShopperToken('demo-004', {
        now: NOW,
        alg: 'RS256',
        kid: 'rsa-1',
        privateKey: stranger.privateKey,
      });
      expect(await verifier.verify(forged)).toMatchObject({
        ok: false,
        code: 'CHAT_ERR_SHOPPER_TOKEN_INVALID',
      });
    });
  });
});
