import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  ConfigError,
  parseEnv,
  parseShopConfig,
  readShopConfig,
} from '../../../server/config/load-config.ts';
import { rsaPublicPem } from '../../helpers/shopper-tokens.ts';

describe('parseEnv', () => {
  test('refuses to start in production mode without ALLOWED_ORIGINS', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/ALLOWED_ORIGINS/u);
    expect(parseEnv({ NODE_ENV: 'production', ALLOWED_ORIGINS: 'https://shop.example.jp' }).NODE_ENV).toBe(
      'production',
    );
    expect(() => parseEnv({})).not.toThrow();
  });

  test.each([
    { name: 'ten spaces', password: ' '.repeat(10) },
    { name: 'ten zero-width spaces', password: '\u200b'.repeat(10) },
    { name: 'a common password', password: '1234567890' },
  ])('refuses a first-admin password of $name, naming CONSOLE_ADMIN_PASSWORD', ({ password }) => {
    expect(() => parseEnv({ CONSOLE_ADMIN_PASSWORD: password })).toThrow(/CONSOLE_ADMIN_PASSWORD/u);
  });

  test('refuses a shopper-token secret shorter than 32 bytes, naming the variable and not quoting it', () => {
    const secret = 'short-secret-of-31-bytes-123456';
    expect(Buffer.byteLength(secret)).toBe(31);
    expect(() => parseEnv({ SHOPPER_TOKEN_SECRET: secret })).toThrow(
      /SHOPPER_TOKEN_SECRET: must be at least 32 bytes/u,
    );
    expect(() => parseEnv({ SHOPPER_TOKEN_SECRET: secret })).not.toThrow(new RegExp(secret, 'u'));
    expect(parseEnv({ SHOPPER_TOKEN_SECRET: `${secret}7` }).SHOPPER_TOKEN_SECRET).toBe(`${secret}7`);
  });

  test.each([
    {
      name: 'a public key that is no PEM',
      env: { SHOPPER_TOKEN_PUBLIC_KEY: 'not a key' },
      variable: 'SHOPPER_TOKEN_PUBLIC_KEY',
    },
    {
      name: 'an http JWKS URL to another host',
      env: { SHOPPER_TOKEN_JWKS_URL: 'http://shop.example.jp/jwks.json' },
      variable: 'SHOPPER_TOKEN_JWKS_URL',
    },
    {
      name: 'a public key and a JWKS URL at once',
      env: {
        SHOPPER_TOKEN_PUBLIC_KEY: rsaPublicPem,
        SHOPPER_TOKEN_JWKS_URL: 'https://shop.example.jp/jwks.json',
      },
      variable: 'SHOPPER_TOKEN_JWKS_URL',
    },
  ])('refuses $name, naming $variable', ({ env, variable }) => {
    expect(() => parseEnv(env)).toThrow(new RegExp(`^${variable}: `, 'u'));
  });

  test('fills defaults when nothing is set', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      SQLITE_SYNCHRONOUS: 'full',
      LOG_LEVEL: 'info',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  test('fills the mail defaults: no SMTP, retries from 30 s to 1 h, failed after 72 h', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      MAIL_FAIL_AFTER_HOURS: 72,
      MAIL_RETRY_BASE_SECONDS: 30,
      MAIL_RETRY_MAX_SECONDS: 3600,
      MAIL_POLL_SECONDS: 10,
      MAIL_LEASE_SECONDS: 300,
      MAIL_SEND_TIMEOUT_SECONDS: 60,
    });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBeUndefined();
  });

  test('drops a trailing slash from PUBLIC_URL', () => {
    expect(parseEnv({ PUBLIC_URL: 'https://shop.example/bot/' }).PUBLIC_URL).toBe('https://shop.example/bot');
  });

  test.each([
    {
      name: 'a retry ceiling below the first delay',
      env: { MAIL_RETRY_BASE_SECONDS: '60', MAIL_RETRY_MAX_SECONDS: '30' },
      variable: 'MAIL_RETRY_MAX_SECONDS',
    },
    {
      name: 'a lease no longer than a send may take',
      env: { MAIL_LEASE_SECONDS: '60', MAIL_SEND_TIMEOUT_SECONDS: '60' },
      variable: 'MAIL_LEASE_SECONDS',
    },
    {
      name: 'per-client counts in PostgreSQL without a database URL',
      env: { CLIENT_LIMITS_STORE: 'postgres' },
      variable: 'CLIENT_LIMITS_STORE',
    },
    {
      name: 'the metrics port on the chat port',
      env: { PORT: '3000', METRICS_PORT: '3000' },
      variable: 'METRICS_PORT',
    },
    {
      name: 'a metrics token too short to be secret',
      env: { METRICS_TOKEN: 'short' },
      variable: 'METRICS_TOKEN',
    },
    {
      name: 'a handoff rate of zero',
      env: { CLIENT_HANDOFFS_PER_MINUTE: '0' },
      variable: 'CLIENT_HANDOFFS_PER_MINUTE',
    },
  ])('rejects $name, naming $variable', ({ env, variable }) => {
    expect(() => parseEnv(env)).toThrowError(new RegExp(`^${variable}: `, 'u'));
  });

  test('converts numbers from strings', () => {
    expect(parseEnv({ PORT: '8080' }).PORT).toBe(8080);
  });

  test.each([
    { variable: 'PORT', value: 'eighty' },
    { variable: 'PORT', value: '70000' },
    { variable: 'DATABASE_URL', value: 'mysql://localhost/x' },
    { variable: 'SQLITE_SYNCHRONOUS', value: 'sometimes' },
    { variable: 'LOG_LEVEL', value: 'loud' },
    { variable: 'CHAT_MAX_TEXT_LENGTH', value: '0' },
    { variable: 'SMTP_URL', value: 'http://mail.example' },
    { variable: 'MAIL_FROM', value: 'bot@example.com\r\nBcc: x@example.com' },
    { variable: 'PUBLIC_URL', value: 'ftp://shop.example' },
    { variable: 'MAIL_FAIL_AFTER_HOURS', value: '0' },
    { variable: 'MAIL_RETRY_BASE_SECONDS', value: '-1' },
  ])('rejects $variable=$value naming the variable', ({ variable, value }) => {
    expect(() => parseEnv({ [variable]: value })).toThrowError(ConfigError);
    try {
      parseEnv({ [variable]: value });
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message).toContain(variable);
    }
  });
});

describe('parseEnv with secrets', () => {
  test.each([
    { variable: 'CONSOLE_ADMIN_PASSWORD', value: 'short-pw' },
    { variable: 'SMTP_URL', value: 'http://user:hunter2-secret@mail.example' },
    { variable: 'DATABASE_URL', value: 'mysql://user:hunter2-secret@localhost/x' },
    { variable: 'METRICS_TOKEN', value: 'hunter2' },
  ])('names $variable without printing its value', ({ variable, value }) => {
    expect.assertions(3);
    try {
      parseEnv({ CONSOLE_ADMIN_EMAIL: 'owner@shop.test', [variable]: value });
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message).toContain('value not shown');
      expect((error as ConfigError).message).not.toContain(value.includes('hunter2') ? 'hunter2' : value);
    }
  });
});

/** The size table the sizing tests edit. */
interface SizingConfig {
  shoes: { minCm: number; maxCm: number; stepCm: number };
  apparel: { size: string; upToHeightCm: number }[];
}

/** The parts of the demo shop.yaml the calendar tests edit. */
interface DemoShop {
  timeZone: string;
  calendar: { hours: Record<string, string[]>; closures: { from: string; to: string }[] };
}

describe('readShopConfig', () => {
  test('accepts the shipped demo shop', () => {
    expect(readShopConfig('shop.yaml').shipping.cutoffTime).toBe('14:00');
  });

  test('names the file and the path of a bad value', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-config-'));
    const file = path.join(dir, 'shop.yaml');
    const shop = parseYaml(await fs.readFile('shop.yaml', 'utf8')) as { shipping: { cutoffTime: string } };
    shop.shipping.cutoffTime = '25:99';
    await fs.writeFile(file, stringifyYaml(shop));
    try {
      expect(() => readShopConfig(file)).toThrowError(/shipping\/cutoffTime/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test('reads the demo calendar and mail options', () => {
    const shop = readShopConfig('shop.yaml');
    expect(shop.calendar.hours.mon).toEqual(['10:00-12:00', '13:00-18:00']);
    expect(shop.calendar.closures).toContainEqual({ from: '12-29', to: '01-03', name: '年末年始' });
    expect(shop.calendar.replyPromise.ja).toBe('2時間以内');
    expect(shop.mail).toEqual({ copyToShopper: false, staffLocale: 'ja' });
  });

  test.each([
    {
      name: 'a malformed span',
      edit: (shop: DemoShop) => {
        shop.calendar.hours.mon = ['10:00-1200'];
      },
      error: /shop\.yaml:\/calendar\/hours\/mon\/0: /u,
    },
    {
      name: 'a span that ends before it starts',
      edit: (shop: DemoShop) => {
        shop.calendar.hours.tue = ['12:00-10:00'];
      },
      error: /shop\.yaml:\/calendar\/hours\/tue\/0: .*start < end/u,
    },
    {
      name: 'a closure date that does not exist',
      edit: (shop: DemoShop) => {
        shop.calendar.closures[1]!.from = '08-32';
      },
      error: /shop\.yaml:\/calendar\/closures\/1: /u,
    },
    {
      name: 'an unknown time zone',
      edit: (shop: DemoShop) => {
        shop.timeZone = 'Asia/Edo';
      },
      error: /shop\.yaml:\/timeZone: unknown time zone/u,
    },
  ])('names the path of $name in the calendar', async ({ edit, error }) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-config-'));
    const file = path.join(dir, 'shop.yaml');
    const shop = parseYaml(await fs.readFile('shop.yaml', 'utf8')) as DemoShop;
    edit(shop);
    await fs.writeFile(file, stringifyYaml(shop));
    try {
      expect(() => readShopConfig(file)).toThrowError(error);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test('reads the demo size table and switches the sizing flow on', () => {
    const shop = readShopConfig('shop.yaml');
    expect(shop.flows.sizing).toBe(true);
    expect(shop.sizing?.shoes).toEqual({ minCm: 22, maxCm: 28, stepCm: 0.5, wideOrHighInstepCm: 0.5 });
    expect(shop.sizing?.apparel.map((row) => row.size)).toEqual(['S', 'M', 'L']);
  });

  test.each([
    {
      name: 'a largest shoe below the smallest',
      edit: (sizing: SizingConfig) => {
        sizing.shoes.maxCm = 21;
      },
      error: /shop\.yaml:\/sizing\/shoes\/maxCm: must not be less than minCm/u,
    },
    {
      name: 'a step that does not divide the range',
      edit: (sizing: SizingConfig) => {
        sizing.shoes.stepCm = 0.7;
      },
      error: /shop\.yaml:\/sizing\/shoes\/stepCm: must divide the range/u,
    },
    {
      name: 'apparel heights out of order',
      edit: (sizing: SizingConfig) => {
        sizing.apparel[2]!.upToHeightCm = 160;
      },
      error: /shop\.yaml:\/sizing\/apparel\/2\/upToHeightCm: must be greater/u,
    },
  ])('names the path of $name in the size table', async ({ edit, error }) => {
    const shop = parseYaml(await fs.readFile('shop.yaml', 'utf8')) as { sizing: SizingConfig };
    edit(shop.sizing);
    expect(() => parseShopConfig(shop, 'shop.yaml')).toThrowError(error);
  });

  test('refuses the removed subscriptionWebhook by name, saying why', async () => {
    // It carried out changes for whoever typed an order number: a shop relying on it must learn at boot.
    const shop = parseYaml(await fs.readFile('shop.yaml', 'utf8')) as Record<string, unknown>;
    shop.subscriptionWebhook = {
      url: 'https://shop.example/api/chat-actions',
      secret: 'a-secret-of-16-chars',
    };
    expect(() => parseShopConfig(shop, 'shop.yaml')).toThrowError(
      /shop\.yaml:\/subscriptionWebhook.*order number.*shop connector/u,
    );
  });

  test('reports a missing file under SHOP_CONFIG', () => {
    expect(() => readShopConfig('/nonexistent/shop.yaml')).toThrowError(/^SHOP_CONFIG: cannot read/);
  });
});

describe('parseEnv: the shop connector', () => {
  test('refuses SHOP_CONNECTOR_URL without SHOP_CONNECTOR_SECRET, naming the secret', () => {
    expect(() => parseEnv({ SHOP_CONNECTOR_URL: 'https://shop.example.jp/bot' })).toThrow(
      /SHOP_CONNECTOR_SECRET/u,
    );
  });

  test('never quotes a too short connector secret in its message', () => {
    expect(() =>
      parseEnv({ SHOP_CONNECTOR_URL: 'https://shop.example.jp/bot', SHOP_CONNECTOR_SECRET: 'short-secret' }),
    ).toThrow(/SHOP_CONNECTOR_SECRET.*value not shown/u);
  });

  test.each([
    ['http://shop.example.jp/bot', false],
    ['http://127.0.0.1:4000', true],
    ['http://localhost/bot', true],
    ['https://shop.example.jp/bot', true],
  ])('takes plain http only on loopback: %s → %s', (url, ok) => {
    const parse = () => parseEnv({ SHOP_CONNECTOR_URL: url, SHOP_CONNECTOR_SECRET: 'x'.repeat(32) });
    if (ok) expect(parse().SHOP_CONNECTOR_URL).toBe(url);
    else expect(parse).toThrow(/SHOP_CONNECTOR_URL/u);
  });

  test('takes a connector URL with a secret, and its timeout default', () => {
    const env = parseEnv({
      SHOP_CONNECTOR_URL: 'https://shop.example.jp/bot',
      SHOP_CONNECTOR_SECRET: 'x'.repeat(32),
    });
    expect(env.SHOP_CONNECTOR_TIMEOUT_MS).toBe(3000);
    expect(env.SHOP_CONNECTOR_CACHE_SECONDS).toBe(30);
  });
});
