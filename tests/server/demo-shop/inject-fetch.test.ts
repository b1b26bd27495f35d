/**
 * The in-process fetch the connector uses for the embedded demo shop: requests reach the app's routes
 * with method, path, headers and body intact, answers come back whole, and the connector's timeout still
 * applies to a route that never answers.
 */
import Fastify from 'fastify';
import { afterAll, describe, expect, test } from 'vitest';
import { createHttpConnector } from '../../../server/connector/http-connector.ts';
import { injectFetch } from '../../../server/demo-shop/inject-fetch.ts';

const app = Fastify();
app.post('/echo/*', async (request, reply) =>
  reply
    .code(201)
    .header('x-seen', String(request.headers['x-test']))
    .send({ url: request.url, body: request.body }),
);
app.get('/shop/customers/:id/orders', () => new Promise(() => {}));
afterAll(() => app.close());

describe('injectFetch', () => {
  test('sends the request to the app and returns its answer', async () => {
    const fetchInProcess = injectFetch(app);
    const response = await fetchInProcess('http://demo-shop.localhost/echo/a%20b?x=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
      body: JSON.stringify({ kind: 'skip' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-seen')).toBe('yes');
    expect(await response.json()).toEqual({ url: '/echo/a%20b?x=1', body: { kind: 'skip' } });
  });

  test("keeps the connector's timeout for a route that never answers", async () => {
    const connector = createHttpConnector({
      baseUrl: 'http://demo-shop.localhost/shop',
      secret: 's'.repeat(32),
      timeoutMs: 150,
      fetch: injectFetch(app),
    });
    expect(await connector.orders('c1')).toEqual({ ok: false, code: 'CONNECTOR_ERR_TIMEOUT' });
  });
});
