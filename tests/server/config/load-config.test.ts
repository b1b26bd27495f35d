import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { ConfigError, parseEnv, readShopConfig } from '../../../server/config/load-config.ts';

describe('parseEnv', () => {
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

  test('reports a missing file under SHOP_CONFIG', () => {
    expect(() => readShopConfig('/nonexistent/shop.yaml')).toThrowError(/^SHOP_CONFIG: cannot read/);
  });
});
