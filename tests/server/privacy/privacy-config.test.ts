/**
 * The privacy settings are checked at boot: a bad `privacy.maskPatterns` entry stops the server with its
 * path and the pattern; RETENTION_DAYS and RETENTION_SWEEP_HOURS are validated with the other variables.
 */
import fs from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseEnv, parseShopConfig } from '../../../server/config/load-config.ts';

async function demoShop(): Promise<Record<string, unknown>> {
  return parseYaml(await fs.readFile('shop.yaml', 'utf8')) as Record<string, unknown>;
}

describe('privacy config', () => {
  test('accepts patterns and defaults to none', async () => {
    const shop = await demoShop();
    expect(parseShopConfig(shop, 'shop.yaml').privacy?.maskPatterns ?? []).toEqual([]);
    const withPhone = parseShopConfig({ ...shop, privacy: { maskPatterns: ['0[0-9]{9,10}'] } }, 'shop.yaml');
    expect(withPhone.privacy?.maskPatterns).toEqual(['0[0-9]{9,10}']);
  });

  test.each([
    { name: 'a pattern that does not compile', pattern: '(0[0-9]+', error: /Unterminated group/u },
    { name: 'a pattern that matches nothing at all', pattern: '[0-9]*', error: /matches the empty text/u },
  ])('refuses $name, naming the path and the pattern', async ({ pattern, error }) => {
    const shop = { ...(await demoShop()), privacy: { maskPatterns: ['ok[0-9]+', pattern] } };
    const run = () => parseShopConfig(shop, 'shop.yaml');
    expect(run).toThrowError(/^shop\.yaml:\/privacy\/maskPatterns\/1: bad pattern /u);
    expect(run).toThrowError(JSON.stringify(pattern));
    expect(run).toThrowError(error);
  });

  test('reads RETENTION_DAYS (0 keeps forever) and refuses a negative one', () => {
    expect(parseEnv({}).RETENTION_DAYS).toBe(365);
    expect(parseEnv({ RETENTION_DAYS: '0' }).RETENTION_DAYS).toBe(0);
    expect(() => parseEnv({ RETENTION_DAYS: '-1' })).toThrowError(/^RETENTION_DAYS: /u);
    expect(() => parseEnv({ RETENTION_SWEEP_HOURS: '0' })).toThrowError(/^RETENTION_SWEEP_HOURS: /u);
  });
});
