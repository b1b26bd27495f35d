/**
 * The connector plugin: with SHOP_CONNECTOR_URL the app's `shopConnector` talks to that shop (here the
 * reference connector on loopback, with the same secret), not to the demo shop.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, test } from 'vitest';
import { createReferenceConnector } from '../../../examples/reference-connector/reference-connector.ts';
import { MemoryStore, sampleData } from '../../../examples/reference-connector/store.ts';
import { type BuiltTestApp, buildTestApp } from '../../helpers/test-app.ts';

const SECRET = 'plugin-test-secret-'.repeat(3);
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

describe('connector plugin', () => {
  test('reads from the shop at SHOP_CONNECTOR_URL when it is set, even with the demo on', async () => {
    const shop = createReferenceConnector({
      secret: SECRET,
      store: new MemoryStore(sampleData('2026-12-03')),
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => shop.close(resolve)));
    const url = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    const app: BuiltTestApp = await buildTestApp({
      env: { SHOP_CONNECTOR_URL: url, SHOP_CONNECTOR_SECRET: SECRET },
    });
    closers.unshift(() => app.close());
    const result = await app.fastify.shopConnector?.subscriptions('demo-hanako');
    // The reference connector's ids, not the demo shop's.
    expect(result).toMatchObject({ ok: true, value: [{ id: 'ref-sub-1' }] });
  });
});
