/**
 * What every console API response carries: no copy of staff data in a browser or proxy cache.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

describe('console API', () => {
  let app: BuiltTestApp;
  let editor: ConsoleClient;

  beforeAll(async () => {
    app = await buildTestApp();
    editor = await staffClient(app.fastify, 'editor');
  });
  afterAll(async () => app.close());

  test.each([
    { name: 'a signed-in read', path: '/intents' },
    { name: 'the session', path: '/me' },
    { name: 'an error', path: '/intents/ja/no.such.intent' },
  ])('sends Cache-Control: no-store with $name', async ({ path }) => {
    const response = await editor.call('GET', path);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  test.each([
    { method: 'POST', url: '/api/console/logout' },
    { method: 'POST', url: '/api/console/corpus/lint' },
    { method: 'POST', url: '/api/console/unanswered/assign' },
    { method: 'POST', url: '/api/console/privacy/delete' },
    { method: 'PUT', url: '/api/console/intents/ja/shipping.fee' },
  ] as const)(
    'refuses $method $url from someone not signed in before reading the body',
    async ({ method, url }) => {
      const response = await app.fastify.inject({
        method,
        url,
        headers: { 'content-type': 'application/json' },
        payload: '{"broken": ',
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('CONSOLE_ERR_UNAUTHENTICATED');
    },
  );

  test('sends Cache-Control: no-store to someone not signed in', async () => {
    const response = await app.fastify.inject({ method: 'GET', url: '/api/console/intents' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
