/**
 * The demo shop's tables on SQLite and PostgreSQL: seeding (idempotent, keeps changes), the contract's
 * view, a change applied once per idempotency key (also for two requests at once), another customer's
 * subscription refused as not found, and a reset.
 */
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DemoShopStore } from '../../../server/demo-shop/demo-shop-store.ts';
import { addDays } from '../../../server/demo-shop/subscription-rules.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../helpers/storage-backends.ts';

const TODAY = '2026-12-03';
const NOW = new Date('2026-12-03T03:00:00Z');

describe.each(storageBackends())('demo shop store on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);
  let store: DemoShopStore;

  beforeAll(async () => {
    store = new DemoShopStore(() => storage.database(), storage.dialect);
  });
  beforeEach(async () => {
    await store.reset(TODAY, NOW);
  });

  test("lists a demo customer's subscriptions with next delivery, deadline and allowed changes", async () => {
    const subscriptions = await store.subscriptions('demo-hanako', TODAY);
    expect(subscriptions).toEqual([
      {
        id: 'demo-sub-hanako-aojiru',
        productName: '国産大麦若葉の青汁 30包',
        quantity: 1,
        interval: { unit: 'month', count: 1 },
        status: 'active',
        nextDeliveryDate: addDays(TODAY, 10),
        changeDeadline: addDays(TODAY, 7),
        allowedChanges: ['skip', 'interval', 'next_date', 'pause', 'cancel'],
        deliveriesReceived: 2,
        minimumDeliveries: 3,
      },
    ]);
    expect(await store.subscriptions('demo-taro', TODAY)).toHaveLength(2);
    expect(await store.subscriptions('nobody', TODAY)).toBeUndefined();
  });

  test('lists orders newest first with tracking', async () => {
    const orders = await store.orders('demo-taro');
    expect(orders?.map((o) => o.orderNumber)).toEqual(['10035', '10034']);
    expect(orders?.[1]).toMatchObject({
      status: 'shipped',
      carrier: 'ヤマト運輸',
      trackingNumber: '1234-5678-9012',
    });
  });

  test('applies a skip once for a repeated idempotency key and answers the stored result', async () => {
    const first = await store.change(
      'demo-hanako',
      'demo-sub-hanako-aojiru',
      { kind: 'skip' },
      'key-1',
      TODAY,
      NOW,
    );
    const again = await store.change(
      'demo-hanako',
      'demo-sub-hanako-aojiru',
      { kind: 'skip' },
      'key-1',
      TODAY,
      NOW,
    );
    expect(first).toMatchObject({ status: 200, body: { subscription: { nextDeliveryDate: '2027-01-13' } } });
    expect(again).toEqual(first);
    const [after] = (await store.subscriptions('demo-hanako', TODAY))!;
    expect(after?.nextDeliveryDate).toBe('2027-01-13');
  });

  test('applies two requests with the same key at once only once', async () => {
    const change = () =>
      store.change('demo-hanako', 'demo-sub-hanako-aojiru', { kind: 'skip' }, 'same', TODAY, NOW);
    const answers = await Promise.all([change(), change()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const [after] = (await store.subscriptions('demo-hanako', TODAY))!;
    expect(after?.nextDeliveryDate).toBe('2027-01-13');
  });

  test('refuses a key reused for another change', async () => {
    await store.change('demo-hanako', 'demo-sub-hanako-aojiru', { kind: 'skip' }, 'key-2', TODAY, NOW);
    const reused = await store.change(
      'demo-hanako',
      'demo-sub-hanako-aojiru',
      { kind: 'pause' },
      'key-2',
      TODAY,
      NOW,
    );
    expect(reused).toMatchObject({ status: 422, body: { code: 'DEMO_SHOP_ERR_IDEMPOTENCY_KEY_REUSED' } });
  });

  test("answers 404 for another customer's subscription and leaves it unchanged", async () => {
    const answer = await store.change(
      'demo-hanako',
      'demo-sub-taro-kurozu',
      { kind: 'cancel' },
      'k',
      TODAY,
      NOW,
    );
    expect(answer).toMatchObject({ status: 404 });
    const taro = await store.subscriptions('demo-taro', TODAY);
    expect(taro?.find((s) => s.id === 'demo-sub-taro-kurozu')?.status).toBe('active');
  });

  test('refuses a change that is not allowed now with 409', async () => {
    const answer = await store.change(
      'demo-yuki',
      'demo-sub-yuki-collagen',
      { kind: 'skip' },
      'k',
      TODAY,
      NOW,
    );
    expect(answer).toMatchObject({ status: 409, body: { code: 'DEMO_SHOP_ERR_NOT_ALLOWED' } });
  });

  test('keeps changes when seeded again, and forgets them on reset', async () => {
    await store.change('demo-hanako', 'demo-sub-hanako-aojiru', { kind: 'cancel' }, 'k', TODAY, NOW);
    await store.seed(TODAY, NOW);
    expect((await store.subscriptions('demo-hanako', TODAY))?.[0]?.status).toBe('cancelled');
    await store.reset(TODAY, NOW);
    expect((await store.subscriptions('demo-hanako', TODAY))?.[0]?.status).toBe('active');
  });
});
