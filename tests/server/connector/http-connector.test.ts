/**
 * The connector's HTTP client against loopback stand-ins of a shop: signed requests, the timeout (a
 * server that never answers), answers that break the contract, the read cache (one round trip for two
 * reads; a change drops it), the ownership check before a change, and a retried change that reuses its
 * Idempotency-Key.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { Subscription } from '../../../bot/shop/shop-data.ts';
import { createHttpConnector } from '../../../server/connector/http-connector.ts';
import { verifySignature } from '../../../server/connector/request-signing.ts';

const SECRET = 'k'.repeat(32);

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A loopback shop answering with `handle`; `seen` lists every request it got. */
async function shop(handle: (request: Seen, response: http.ServerResponse, index: number) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      seen.push(entry);
      handle(entry, response, seen.length - 1);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/bot-connector`, seen };
}

function json(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const subscription: Subscription = {
  id: 'sub-1',
  productName: '青汁 30包',
  quantity: 1,
  interval: { unit: 'month', count: 1 },
  status: 'active',
  nextDeliveryDate: '2026-12-20',
  changeDeadline: '2026-12-15',
  allowedChanges: ['skip', 'interval', 'pause', 'cancel'],
  deliveriesReceived: 2,
};

describe('HTTP connector', () => {
  test('sends a signed GET to the customer path and returns the validated list', async () => {
    const { baseUrl, seen } = await shop((_, response) =>
      json(response, 200, { subscriptions: [subscription] }),
    );
    const connector = createHttpConnector({ baseUrl, secret: SECRET, timeoutMs: 2000 });
    expect(await connector.subscriptions('cust 1')).toEqual({ ok: true, value: [subscription] });
    const request = seen[0]!;
    expect(request.url).toBe('/bot-connector/customers/cust%201/subscriptions');
    const verified = verifySignature(
      SECRET,
      {
        method: request.method,
        pathWithQuery: request.url,
        body: request.body,
        timestampHeader: request.headers['x-shop-timestamp'] as string,
        signatureHeader: request.headers['x-shop-signature'] as string,
      },
      new Date(),
    );
    expect(verified).toEqual({ ok: true });
  });

  test('takes a base URL without a path, with or without its trailing slash', async () => {
    const { baseUrl, seen } = await shop((_, response) => json(response, 200, { orders: [] }));
    for (const base of [baseUrl.replace('/bot-connector', ''), baseUrl.replace('/bot-connector', '/')]) {
      const connector = createHttpConnector({ baseUrl: base, secret: SECRET, timeoutMs: 2000 });
      expect(await connector.orders('c1')).toEqual({ ok: true, value: [] });
    }
    expect(seen.map((r) => r.url)).toEqual(['/customers/c1/orders', '/customers/c1/orders']);
  });

  test('gives up after the timeout on a shop that never answers', async () => {
    const { baseUrl } = await shop(() => {});
    const connector = createHttpConnector({ baseUrl, secret: SECRET, timeoutMs: 200 });
    const started = Date.now();
    expect(await connector.orders('c1')).toEqual({ ok: false, code: 'CONNECTOR_ERR_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('reports a shop that cannot be reached as a network error', async () => {
    const { baseUrl } = await shop(() => {});
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    const connector = createHttpConnector({ baseUrl, secret: SECRET, timeoutMs: 1000 });
    expect(await connector.orders('c1')).toEqual({ ok: false, code: 'CONNECTOR_ERR_NETWORK' });
  });

  test.each([
    { name: 'not JSON', body: 'oops', type: 'text/plain' },
    {
      name: 'a subscription without its status',
      body: JSON.stringify({ subscriptions: [{ ...subscription, status: undefined }] }),
    },
    {
      name: 'a date in another format',
      body: JSON.stringify({ subscriptions: [{ ...subscription, nextDeliveryDate: '12/20' }] }),
    },
    { name: 'a bare array', body: JSON.stringify([subscription]) },
  ])('refuses an answer that is $name as invalid', async ({ body, type }) => {
    const { baseUrl } = await shop((_, response) =>
      response.writeHead(200, { 'content-type': type ?? 'application/json' }).end(body),
    );
    const connector = createHttpConnector({ baseUrl, secret: SECRET, timeoutMs: 2000 });
    expect(await connector.subscriptions('c1')).toMatchObject({
      ok: false,
      code: 'CONNECTOR_ERR_INVALID_RESPONSE',
    });
  });

  test.each([
    { status: 404, code: 'CONNECTOR_ERR_NOT_FOUND' },
    { status: 401, code: 'CONNECTOR_ERR_STATUS' },
    { status: 500, code: 'CONNECTOR_ERR_STATUS' },
  ])('maps a $status answer to $code', async ({ status, code }) => {
    const { baseUrl } = await shop((_, response) => json(response, status, { code: 'X' }));
    const connector = createHttpConnector({ baseUrl, secret: SECRET, timeoutMs: 2000 });
    expect(await connector.orders('c1')).toEqual({ ok: false, code, status });
  });

  test('reads a customer once for two reads within the cache time, and again after it', async () => {
    const { baseUrl, seen } = await shop((_, response) =>
      json(response, 200, { subscriptions: [subscription] }),
    );
    let clock = 1000; // lru-cache treats a start time of 0 as "no TTL"
    const connector = createHttpConnector({
      baseUrl,
      secret: SECRET,
      timeoutMs: 2000,
      cacheTtlMs: 30_000,
      monotonicNow: () => clock,
    });
    await connector.subscriptions('c1');
    await connector.subscriptions('c1');
    expect(seen).toHaveLength(1);
    await connector.subscriptions('c2');
    expect(seen).toHaveLength(2);
    clock = 32_000;
    await connector.subscriptions('c1');
    expect(seen).toHaveLength(3);
  });

  test('shares one round trip between two reads at the same time', async () => {
    const { baseUrl, seen } = await shop((_, response) =>
      setTimeout(() => json(response, 200, { orders: [] }), 50),
    );
    const connector = createHttpConnector({ baseUrl, secret: SECRET, timeoutMs: 2000 });
    const [a, b] = await Promise.all([connector.orders('c1'), connector.orders('c1')]);
    expect(a).toEqual({ ok: true, value: [] });
    expect(b).toEqual(a);
    expect(seen).toHaveLength(1);
  });

  test("refuses a change to a subscription that is not in the customer's list without asking the shop to change it", async () => {
    const { baseUrl, seen } = await shop((_, response) =>
      json(response, 200, { subscriptions: [subscription] }),
    );
    const connector = createHttpConnector({ baseUrl, secret: SECRET, timeoutMs: 2000 });
    const result = await connector.changeSubscription('c1', 'someone-elses', { kind: 'skip' }, 'key-1');
    expect(result).toEqual({ ok: false, code: 'CONNECTOR_ERR_NOT_FOUND' });
    expect(seen.map((r) => r.method)).toEqual(['GET']);
  });

  test('retries a change after a 503 with the same Idempotency-Key and signs each attempt afresh', async () => {
    const changed = { ...subscription, nextDeliveryDate: '2027-01-20' };
    const { baseUrl, seen } = await shop((request, response) => {
      if (request.method === 'GET') return json(response, 200, { subscriptions: [subscription] });
      const posts = seen.filter((r) => r.method === 'POST').length;
      return posts === 1
        ? json(response, 503, { code: 'BUSY' })
        : json(response, 200, { subscription: changed });
    });
    const connector = createHttpConnector({ baseUrl, secret: SECRET, timeoutMs: 2000 });
    expect(await connector.changeSubscription('c1', 'sub-1', { kind: 'skip' }, 'conv-msg-key')).toEqual({
      ok: true,
      value: changed,
    });
    const posts = seen.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts.map((p) => p.headers['idempotency-key'])).toEqual(['conv-msg-key', 'conv-msg-key']);
    expect(posts[0]!.url).toBe('/bot-connector/customers/c1/subscriptions/sub-1/changes');
    expect(JSON.parse(posts[0]!.body)).toEqual({ kind: 'skip' });
  });

  test('does not retry a refused change, and reports it as refused', async () => {
    const { baseUrl, seen } = await shop((request, response) =>
      request.method === 'GET'
        ? json(response, 200, { subscriptions: [subscription] })
        : json(response, 409, { code: 'PAST_DEADLINE' }),
    );
    const connector = createHttpConnector({ baseUrl, secret: SECRET, timeoutMs: 2000 });
    expect(await connector.changeSubscription('c1', 'sub-1', { kind: 'skip' }, 'k')).toEqual({
      ok: false,
      code: 'CONNECTOR_ERR_REFUSED',
      status: 409,
    });
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  test("reads the customer's list afresh after a change", async () => {
    const { baseUrl, seen } = await shop((request, response) =>
      request.method === 'GET'
        ? json(response, 200, { subscriptions: [subscription] })
        : json(response, 200, { subscription }),
    );
    const connector = createHttpConnector({ baseUrl, secret: SECRET, timeoutMs: 2000 });
    await connector.subscriptions('c1');
    await connector.changeSubscription('c1', 'sub-1', { kind: 'pause' }, 'k');
    await connector.subscriptions('c1');
    expect(seen.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
  });

  test('refuses an answer about another subscription than the one changed', async () => {
    const { baseUrl } = await shop((request, response) =>
      request.method === 'GET'
        ? json(response, 200, { subscriptions: [subscription] })
        : json(response, 200, { subscription: { ...subscription, id: 'sub-2' } }),
    );
    const connector = createHttpConnector({ baseUrl, secret: SECRET, timeoutMs: 2000 });
    expect(await connector.changeSubscription('c1', 'sub-1', { kind: 'skip' }, 'k')).toEqual({
      ok: false,
      code: 'CONNECTOR_ERR_INVALID_RESPONSE',
    });
  });
});
