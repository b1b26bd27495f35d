/**
 * Staff accounts through the console API: a weak password is refused however it is dressed up.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

describe('console users', () => {
  let app: BuiltTestApp;
  let admin: ConsoleClient;

  beforeAll(async () => {
    app = await buildTestApp();
    admin = await staffClient(app.fastify, 'admin');
  });
  afterAll(async () => app.close());

  test.each([
    { name: 'ten spaces', password: ' '.repeat(10), code: 'CONSOLE_ERR_PASSWORD_TOO_SHORT' },
    { name: 'ten zero-width spaces', password: '\u200b'.repeat(10), code: 'CONSOLE_ERR_PASSWORD_TOO_SHORT' },
    {
      name: 'nine characters and a padding space',
      password: 'abcdefghi ',
      code: 'CONSOLE_ERR_PASSWORD_TOO_SHORT',
    },
    { name: '1234567890', password: '1234567890', code: 'CONSOLE_ERR_PASSWORD_COMMON' },
    {
      name: 'full-width ｐａｓｓｗｏｒｄ１２',
      password: 'ｐａｓｓｗｏｒｄ１２',
      code: 'CONSOLE_ERR_PASSWORD_COMMON',
    },
  ])('refuses a password of $name', async ({ password, code }) => {
    const created = await admin.call('POST', '/users', {
      email: `weak${Math.random().toString(36).slice(2, 8)}@shop.test`,
      name: 'Weak',
      role: 'editor',
      password,
    });
    expect(created.status).toBe(400);
    expect(created.body.code).toBe(code);
  });

  test('refuses a weak password when one is changed too', async () => {
    const created = await admin.call('POST', '/users', {
      email: 'strong@shop.test',
      name: 'Strong',
      role: 'editor',
      password: 'a long and unusual passphrase',
    });
    expect(created.status).toBe(201);
    const changed = await admin.call('PATCH', `/users/${created.body.id}`, { password: 'qwertyuiop' });
    expect(changed.status).toBe(400);
    expect(changed.body.code).toBe('CONSOLE_ERR_PASSWORD_COMMON');
  });
});
