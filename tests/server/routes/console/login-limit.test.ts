/**
 * The sign-in limit counts an account under the form the lookup uses: an address padded with spaces,
 * tabs, NBSP, U+3000 or a BOM, or in other case, is the same account and the same count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, TEST_PASSWORD } from '../../../helpers/console-client.ts';
import { startTestApp, type TestApp } from '../../../helpers/test-app.ts';

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
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { CONSOLE_LOGIN_ATTEMPTS_PER_15_MIN: '5' } });
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
