/**
 * `GET /api/console/openapi.json`: the console API's reference, for signed-in staff only; no public
 * documentation page or JSON anywhere else.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

describe('GET /api/console/openapi.json', () => {
  let app: BuiltTestApp;
  let operator: ConsoleClient;

  beforeAll(async () => {
    app = await buildTestApp();
    operator = await staffClient(app.fastify, 'operator');
  });
  afterAll(async () => app.close());

  test('refuses someone not signed in', async () => {
    const response = await app.fastify.inject({ method: 'GET', url: '/api/console/openapi.json' });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('CONSOLE_ERR_UNAUTHENTICATED');
  });

  test('gives any signed-in staff member the whole document, uncached', async () => {
    const response = await operator.call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual(JSON.parse(JSON.stringify(app.fastify.swagger())));
    expect(response.body.openapi).toBe('3.0.3');
    expect(response.body.servers).toEqual([{ url: '/api/console' }]);
    expect(Object.keys(response.body.paths)).toContain('/escalations/{id}/reply');
  });

  test.each(['/documentation', '/documentation/json', '/docs', '/openapi.json', '/api/console/docs'])(
    'serves no documentation at %s',
    async (url) => {
      const response = await app.fastify.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
    },
  );
});
