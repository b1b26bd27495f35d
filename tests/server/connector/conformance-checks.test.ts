/**
 * The conformance check passes against the reference connector and the embedded demo shop of a
 * running server, both on loopback, and fails against deliberately broken implementations: one that ignores signatures, one
 * that forgets idempotency keys, one that acts on another customer's subscription.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createReferenceConnector } from '../../../examples/reference-connector/reference-connector.ts';
import { MemoryStore, sampleData } from '../../../examples/reference-connector/store.ts';
import { type CheckResult, runConformanceChecks } from '../../../server/connector/conformance-checks.ts';
import { signingHeaders } from '../../../server/connector/request-signing.ts';
import { startTestApp } from '../../helpers/test-app.ts';

const SECRET = 'conformance-secret-'.repeat(3);
const TODAY = new Date().toISOString().slice(0, 10);
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function reference(): Promise<{ url: string; store: MemoryStore }> {
  const store = new MemoryStore(sampleData(TODAY));
  return { url: await listen(createReferenceConnector({ secret: SECRET, store })), store };
}

/**
 * A broken implementation: forwards every request to `target` after `rewrite`, signing it afresh, so
 * whatever signature came in is ignored.
 */
async function brokenProxy(
  target: string,
  rewrite: (request: { method: string; path: string; key: string }) => { path: string; key: string },
): Promise<string> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', async () => {
      const method = request.method ?? 'GET';
      const key =
        typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : '';
      const rewritten = rewrite({ method, path: request.url ?? '/', key });
      const answer = await fetch(target + rewritten.path, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(rewritten.key ? { 'idempotency-key': rewritten.key } : {}),
          ...signingHeaders(
            SECRET,
            { method, pathWithQuery: rewritten.path, body, idempotencyKey: rewritten.key },
            new Date(),
          ),
        },
        ...(body ? { body } : {}),
      });
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    });
  });
  return listen(server);
}

function failed(results: CheckResult[]): string[] {
  return results.filter((r) => !r.ok).map((r) => r.name);
}

const check = (url: string) =>
  runConformanceChecks({ url, secret: SECRET, customer: 'demo-taro', foreignCustomer: 'demo-hanako' });

describe('connector conformance check', () => {
  test('passes against the reference connector', async () => {
    const { url } = await reference();
    const results = await check(url);
    expect(results).toHaveLength(9);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  describe('against the embedded demo shop of a running server', () => {
    let url = '';
    beforeAll(async () => {
      // With SHOP_CONNECTOR_SECRET and no SHOP_CONNECTOR_URL, the demo's routes take that secret.
      const app = await startTestApp({ env: { SHOP_CONNECTOR_SECRET: SECRET } });
      url = `${app.url}/demo-shop/connector`;
      closers.push(() => app.close());
    });

    test('passes every check', async () => {
      const results = await check(url);
      expect(results.filter((r) => !r.ok)).toEqual([]);
    });
  });

  test('fails the signature checks against an implementation that ignores signatures', async () => {
    const { url } = await reference();
    const proxy = await brokenProxy(url, ({ path, key }) => ({ path, key }));
    expect(failed(await check(proxy))).toEqual([
      'an unsigned request is refused with 401',
      'a request signed with another secret is refused with 401',
      'a request signed more than 300 s ago (a replay) is refused with 401',
      'a change whose body differs from the signed one is refused with 401',
    ]);
  });

  test('fails the idempotency check against an implementation that forgets keys', async () => {
    const { url } = await reference();
    let n = 0;
    const proxy = await brokenProxy(url, ({ path, key }) => ({ path, key: key ? `${key}-${n++}` : '' }));
    expect(failed(await check(proxy))).toContain(
      'the same Idempotency-Key applies a change once and answers the same result',
    );
  });

  test("fails the ownership check against an implementation that changes another customer's subscription", async () => {
    const { url, store } = await reference();
    // Looks the subscription up by id alone, whoever asks: the bug the check is for.
    const proxy = await brokenProxy(url, ({ path, key }) => {
      const match = /^\/customers\/[^/]+\/subscriptions\/([^/]+)\/changes$/u.exec(path);
      const owner =
        match &&
        ['demo-taro', 'demo-hanako'].find((c) => store.subscriptions(c)?.some((s) => s.id === match[1]));
      return { path: owner ? path.replace(/^\/customers\/[^/]+/u, `/customers/${owner}`) : path, key };
    });
    const results = await check(proxy);
    const ownership = results.find((r) => r.name.startsWith("another customer's subscription"));
    expect(ownership).toMatchObject({
      ok: false,
      detail: "answered 200, expected 404, and demo-hanako's subscription changed",
    });
  });
});
