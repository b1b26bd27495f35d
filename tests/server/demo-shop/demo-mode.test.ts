/**
 * When the demo shop is on: by default only on loopback outside production, elsewhere only with
 * DEMO_SHOP=1 and a warning; SHOPPER_TOKEN_SECRET becomes the demo's token secret.
 */
import { describe, expect, test } from 'vitest';
import { parseEnv } from '../../../server/config/load-config.ts';
import { demoShopMode, isLoopbackHost, shopToday } from '../../../server/demo-shop/demo-mode.ts';

const ORIGINS = { ALLOWED_ORIGINS: 'https://shop.example.jp' };

describe('demo shop mode', () => {
  test.each([
    { name: 'loopback by default', env: {}, on: true, warns: false },
    { name: 'all interfaces by default', env: { HOST: '0.0.0.0' }, on: false, warns: false },
    {
      name: 'all interfaces with DEMO_SHOP=1',
      env: { HOST: '0.0.0.0', DEMO_SHOP: '1' },
      on: true,
      warns: true,
    },
    { name: 'loopback with DEMO_SHOP=0', env: { DEMO_SHOP: '0' }, on: false, warns: false },
    { name: 'loopback in production', env: { NODE_ENV: 'production', ...ORIGINS }, on: false, warns: false },
    {
      name: 'production with DEMO_SHOP=1',
      env: { NODE_ENV: 'production', DEMO_SHOP: '1', HOST: '::', ...ORIGINS },
      on: true,
      warns: true,
    },
  ])('$name: on $on, warning $warns', ({ env, on, warns }) => {
    const mode = demoShopMode(parseEnv(env));
    expect(mode.enabled).toBe(on);
    expect(mode.enabled && mode.warning !== undefined).toBe(warns);
  });

  test('signs demo tokens with SHOPPER_TOKEN_SECRET when set, else a random secret per start', () => {
    const secret = 'z'.repeat(40);
    expect(demoShopMode(parseEnv({ SHOPPER_TOKEN_SECRET: secret }))).toMatchObject({ tokenSecret: secret });
    const a = demoShopMode(parseEnv({}));
    const b = demoShopMode(parseEnv({}));
    expect(a.enabled && b.enabled && a.tokenSecret !== b.tokenSecret && a.tokenSecret.length >= 32).toBe(
      true,
    );
  });

  test.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
  ] as const)('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  test("takes today's date in the shop's time zone", () => {
    expect(shopToday(new Date('2026-12-03T16:00:00Z'), 'Asia/Tokyo')).toBe('2026-12-04');
  });
});
