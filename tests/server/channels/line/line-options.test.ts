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
