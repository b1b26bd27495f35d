/**
 * The LINE channel's settings (server/channels/line/line-options.ts, checked by load-config.ts): off
 * without its secret and token, on with both, refused at start with one alone.
 */
import { describe, expect, test } from 'vitest';
import { lineOptions } from '../../../../server/channels/line/line-options.ts';
import { ConfigError, parseEnv } from '../../../../server/config/load-config.ts';

describe('lineOptions', () => {
  test("is off without the channel's secret and token, pointing at LINE by default", () => {
    const env = parseEnv({});
    expect(lineOptions(env)).toBeUndefined();
    expect([env.LINE_API_BASE_URL, env.LINE_DATA_API_BASE_URL]).toEqual([
      'https://api.line.me',
      'https://api-data.line.me',
    ]);
  });

  test('is on with both, at the configured base URLs', () => {
    const env = parseEnv({
      LINE_CHANNEL_SECRET: 's3cret',
      LINE_CHANNEL_ACCESS_TOKEN: 't0ken',
      LINE_API_BASE_URL: 'http://127.0.0.1:9999/',
    });
    expect(lineOptions(env)).toEqual({
      channelSecret: 's3cret',
      channelAccessToken: 't0ken',
      apiBaseUrl: 'http://127.0.0.1:9999',
      dataApiBaseUrl: 'https://api-data.line.me',
      concurrency: 16,
    });
  });

  test.each([
    {
      name: 'a secret without a token',
      given: { LINE_CHANNEL_SECRET: 's3cret' },
      missing: 'LINE_CHANNEL_ACCESS_TOKEN',
    },
    {
      name: 'a token without a secret',
      given: { LINE_CHANNEL_ACCESS_TOKEN: 't0ken' },
      missing: 'LINE_CHANNEL_SECRET',
    },
  ])('stops the start with $name, naming the missing variable', ({ given, missing }) => {
    expect(() => parseEnv(given)).toThrow(ConfigError);
    expect(() => parseEnv(given)).toThrow(new RegExp(`^${missing}: is required with`, 'u'));
  });

  const CHANNEL = { LINE_CHANNEL_SECRET: 's3cret', LINE_CHANNEL_ACCESS_TOKEN: 't0ken' };

  test.each([
    {
      name: "the shop's sign-in",
      env: {
        ...CHANNEL,
        PUBLIC_URL: 'https://bot.example.jp/',
        LINE_LINK_LOGIN_URL: 'https://shop.example.jp/line',
      },
      demo: false,
      link: {
        publicUrl: 'https://bot.example.jp',
        loginUrl: 'https://shop.example.jp/line',
        accessBaseUrl: 'https://access.line.me',
      },
    },
    {
      name: "the demo shop's sign-in while the demo is on",
      env: {
        ...CHANNEL,
        PUBLIC_URL: 'http://127.0.0.1:3000',
        LINE_ACCESS_BASE_URL: 'http://127.0.0.1:9999/',
      },
      demo: true,
      link: {
        publicUrl: 'http://127.0.0.1:3000',
        loginUrl: 'http://127.0.0.1:3000/demo-shop/line-link',
        accessBaseUrl: 'http://127.0.0.1:9999',
      },
    },
    {
      name: 'no sign-in page (no login URL, no demo)',
      env: { ...CHANNEL, PUBLIC_URL: 'https://bot.example.jp' },
      demo: false,
      link: undefined,
    },
    { name: 'no PUBLIC_URL, even with the demo on', env: CHANNEL, demo: true, link: undefined },
  ])('account linking with $name', ({ env, demo, link }) => {
    expect(lineOptions(parseEnv(env), demo)?.link).toEqual(link);
  });

  test('LINE_LINK_LOGIN_URL without PUBLIC_URL stops the start, naming PUBLIC_URL', () => {
    expect(() => parseEnv({ ...CHANNEL, LINE_LINK_LOGIN_URL: 'https://shop.example.jp/line' })).toThrow(
      /^PUBLIC_URL: is required with LINE_LINK_LOGIN_URL/u,
    );
  });

  test('never quotes the secret in a refusal', () => {
    expect(() => parseEnv({ LINE_CHANNEL_SECRET: 'x'.repeat(10), LINE_API_BASE_URL: 'ftp://nope' })).toThrow(
      /LINE_API_BASE_URL/u,
    );
    let message = '';
    try {
      parseEnv({ LINE_CHANNEL_SECRET: 'super-secret-value' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('super-secret-value');
  });
});
