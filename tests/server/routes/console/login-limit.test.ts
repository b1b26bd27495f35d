/**
 * The sign-in limit counts an account under the form the lookup uses: an address padded with spaces,
 * tabs, NBSP, U+3000 or a BOM, or in other case, is the same account and the same count. Two instances
 * on one PostgreSQL database count together.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, TEST_PASSWORD } from '../../../helpers/console-client.ts';
import { pgAdmin, TEST_PG_URL } from '../../../helpers/storage-backends.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

const PADDED = [
  ' admin@shop.test',
  'admin@shop.test\t',
  '\u00a0admin@shop.test',
  '\u3000 admin@shop.test \t',
  '\ufeffadmin@shop.test',
  'ADMIN@shop.test\u3000',
  '\t\u00a0Admin@Shop.test\ufeff',
];

describe('console sign-in limit', () => {
  let app: BuiltTestApp;
  beforeAll(async () => {
    app = await buildTestApp({ env: { CONSOLE_LOGIN_ATTEMPTS_PER_15_MIN: '5' } });
    await createStaff(app.fastify, 'admin', 'admin@shop.test');
  });
  afterAll(async () => app.close());

  async function attempt(email: string, password: string): Promise<number> {
    const response = await app.fastify.inject({
      method: 'POST',
      url: '/api/console/login',
      remoteAddress: '203.0.113.20',
      payload: { email, password },
    });
    return response.statusCode;
  }

  it('counts padded and re-cased forms of one address as one account', async () => {
    const statuses: number[] = [];
    for (const [i, email] of PADDED.entries()) statuses.push(await attempt(email, `guess ${i}`));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('refuses even the right password through a padded address once the limit is reached', async () => {
    expect(await attempt('\u3000 admin@shop.test \t', TEST_PASSWORD)).toBe(429);
  });
});

describe('console sign-in limit over two instances on PostgreSQL', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const apps: BuiltTestApp[] = [];
  beforeAll(async () => {
    await pgAdmin(`CREATE SCHEMA ${schema}`);
    const env = {
      DATABASE_URL: `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      CONSOLE_LOGIN_ATTEMPTS_PER_15_MIN: '4',
    };
    apps.push(await buildTestApp({ env }));
    apps.push(await buildTestApp({ env }));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('counts the attempts of one client on both instances against one limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await apps[i % 2]!.fastify.inject({
        method: 'POST',
        url: '/api/console/login',
        remoteAddress: '203.0.113.21',
        payload: { email: 'nobody@shop.test', password: `guess ${i}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
  });
});
