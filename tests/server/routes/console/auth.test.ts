import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, signIn, staffClient, TEST_PASSWORD } from '../../../helpers/console-client.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

describe('console sign-in', () => {
  let app: BuiltTestApp;
  beforeAll(async () => {
    app = await buildTestApp({ env: { CONSOLE_LOGIN_ATTEMPTS_PER_15_MIN: '5' } });
  });
  afterAll(async () => app.close());

  it('signs in with the right password and sets an HttpOnly SameSite=Strict cookie on the API path', async () => {
    await createStaff(app.fastify, 'editor', 'first@shop.test');
    const response = await app.fastify.inject({
      method: 'POST',
      url: '/api/console/login',
      payload: { email: 'First@Shop.test', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^sb_console=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api/console');
    expect(cookie).not.toContain('Secure');
    expect(response.json()).toMatchObject({ user: { email: 'first@shop.test', role: 'editor' } });
    expect(response.json().permissions).toContain('corpus:write');
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    await createStaff(app.fastify, 'operator', 'second@shop.test');
    const wrong = await app.fastify.inject({
      method: 'POST',
      url: '/api/console/login',
      payload: { email: 'second@shop.test', password: 'not the password' },
    });
    const unknown = await app.fastify.inject({
      method: 'POST',
      url: '/api/console/login',
      payload: { email: 'nobody@shop.test', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().code).toBe('CONSOLE_ERR_BAD_CREDENTIALS');
  });

  it('answers 401 without a session and 403 without the CSRF token on a change', async () => {
    const anonymous = await app.fastify.inject({ method: 'GET', url: '/api/console/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('CONSOLE_ERR_UNAUTHENTICATED');
    const admin = await staffClient(app.fastify, 'admin', 'csrf-admin@shop.test');
    const withoutToken = await admin.call(
      'POST',
      '/users',
      { email: 'x@shop.test', name: 'X', role: 'editor', password: 'long enough pass' },
      { csrf: false },
    );
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body.code).toBe('CONSOLE_ERR_CSRF');
    const withToken = await admin.call('POST', '/users', {
      email: 'x@shop.test',
      name: 'X',
      role: 'editor',
      password: 'long enough pass',
    });
    expect(withToken.status).toBe(201);
  });

  it('lets only admins manage accounts', async () => {
    const editor = await signIn(app.fastify, 'first@shop.test');
    const response = await editor.call('GET', '/users');
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('CONSOLE_ERR_FORBIDDEN');
  });

  it('signs a disabled account out everywhere at once', async () => {
    const admin = await signIn(app.fastify, 'csrf-admin@shop.test');
    const victim = await staffClient(app.fastify, 'operator', 'leaver@shop.test');
    expect((await victim.call('GET', '/me')).status).toBe(200);
    const patched = await admin.call('PATCH', `/users/${victim.userId}`, { disabled: true });
    expect(patched.status).toBe(200);
    expect((await victim.call('GET', '/me')).status).toBe(401);
    await expect(signIn(app.fastify, 'leaver@shop.test')).rejects.toThrow(/401/);
  });

  it('ends the session on sign-out', async () => {
    const editor = await signIn(app.fastify, 'first@shop.test');
    expect((await editor.call('POST', '/logout')).status).toBe(204);
    expect((await editor.call('GET', '/me')).status).toBe(401);
  });

  it('rate-limits sign-in attempts per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await app.fastify.inject({
        method: 'POST',
        url: '/api/console/login',
        remoteAddress: '203.0.113.9',
        payload: { email: 'nobody@shop.test', password: `guess ${i}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('first admin from the environment', () => {
  it('is created on first start only', async () => {
    const app = await buildTestApp({
      env: { CONSOLE_ADMIN_EMAIL: 'owner@shop.test', CONSOLE_ADMIN_PASSWORD: 'a long first password' },
    });
    try {
      const owner = await signIn(app.fastify, 'owner@shop.test', 'a long first password');
      expect((await owner.call('GET', '/me')).body.user.role).toBe('admin');
      expect(await app.fastify.staff.countUsers()).toBe(1);
    } finally {
      await app.close();
    }
  });
});
