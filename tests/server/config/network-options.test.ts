import { describe, expect, test } from 'vitest';
import { ConfigError, parseEnv } from '../../../server/config/load-config.ts';
import {
  originAllowed,
  parseAllowedOrigins,
  parseTrustProxy,
} from '../../../server/config/network-options.ts';

describe('parseAllowedOrigins', () => {
  test('reads a comma-separated list as the origins browsers send', () => {
    expect(
      parseAllowedOrigins(' https://Shop.Example.jp , http://localhost:8080/,https://a.example:443'),
    ).toEqual({
      ok: true,
      value: ['https://shop.example.jp', 'http://localhost:8080', 'https://a.example'],
    });
  });

  test.each([
    { name: 'a bare host', text: 'shop.example.jp' },
    { name: 'a path', text: 'https://shop.example.jp/chat' },
    { name: 'a query', text: 'https://shop.example.jp?x=1' },
    { name: 'user info', text: 'https://user@shop.example.jp' },
    { name: 'another scheme', text: 'ftp://shop.example.jp' },
    { name: 'nothing', text: ' , ' },
  ])('refuses $name', ({ text }) => {
    expect(parseAllowedOrigins(text).ok).toBe(false);
  });
});

describe('parseTrustProxy', () => {
  test.each([
    { text: 'true', value: true },
    { text: 'FALSE', value: false },
    { text: '10.0.0.0/8, 127.0.0.1,::1', value: ['10.0.0.0/8', '127.0.0.1', '::1'] },
  ])('reads $text', ({ text, value }) => {
    expect(parseTrustProxy(text)).toEqual({ ok: true, value });
  });

  test.each([
    { name: 'a hop count (fastify ignores it)', text: '1' },
    { name: 'a host name', text: 'proxy.internal' },
    { name: 'a CIDR with too many bits', text: '10.0.0.0/33' },
  ])('refuses $name', ({ text }) => {
    expect(parseTrustProxy(text).ok).toBe(false);
  });
});

describe('originAllowed', () => {
  const allowed = ['https://shop.example.jp'];
  test.each([
    { name: 'no Origin header (not a browser)', origin: undefined, list: allowed, ok: true },
    { name: 'a listed origin', origin: 'https://shop.example.jp', list: allowed, ok: true },
    { name: "the server's own origin", origin: 'http://bot.example:3000', list: allowed, ok: true },
    { name: 'a foreign origin', origin: 'https://evil.example', list: allowed, ok: false },
    { name: 'a look-alike origin', origin: 'https://shop.example.jp.evil.example', list: allowed, ok: false },
    { name: 'any origin without a list', origin: 'https://evil.example', list: undefined, ok: true },
  ])('$name: $ok', ({ origin, list, ok }) => {
    expect(originAllowed(origin, list, 'http://bot.example:3000')).toBe(ok);
  });
});

describe('parseEnv network and limit variables', () => {
  test('fills the limit defaults', () => {
    expect(parseEnv({})).toMatchObject({
      CHAT_RATE_PER_MINUTE: 30,
      CHAT_RATE_BURST: 10,
      CHAT_MAX_CONNECTIONS_PER_IP: 20,
      CHAT_MAX_BUFFERED_BYTES: 1_048_576,
      HTTP_BODY_LIMIT_BYTES: 1_048_576,
    });
  });

  test.each([
    { variable: 'ALLOWED_ORIGINS', value: 'shop.example.jp' },
    { variable: 'TRUST_PROXY', value: '2' },
    { variable: 'CHAT_RATE_PER_MINUTE', value: '0' },
    { variable: 'CHAT_MAX_CONNECTIONS_PER_IP', value: 'many' },
    { variable: 'CHAT_MAX_BUFFERED_BYTES', value: '10' },
    { variable: 'HTTP_BODY_LIMIT_BYTES', value: '-1' },
  ])('a bad $variable stops the start with its name', ({ variable, value }) => {
    let thrown: unknown;
    try {
      parseEnv({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as ConfigError).message).toMatch(new RegExp(`^${variable}: `, 'u'));
  });
});
