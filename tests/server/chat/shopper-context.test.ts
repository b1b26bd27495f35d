import { describe, expect, test } from 'vitest';
import { readShopperContext } from '../../../server/chat/shopper-context.ts';
import { memoryShopConnector } from '../../helpers/memory-shop-connector.ts';
import { CONTEXT_A, CUSTOMERS, SHOPPER_A } from '../../helpers/shopper-fixtures.ts';

describe('readShopperContext', () => {
  test('reads subscriptions and orders of the verified shopper', async () => {
    const shop = memoryShopConnector(CUSTOMERS);
    await expect(readShopperContext(shop, SHOPPER_A, { warn() {} })).resolves.toEqual(CONTEXT_A);
  });

  test('starts both reads before either answers (one round trip)', async () => {
    const started: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const shop = memoryShopConnector(CUSTOMERS);
    const slow = {
      ...shop,
      subscriptions: async (id: string) => {
        started.push('subscriptions');
        await gate;
        return shop.subscriptions(id);
      },
      orders: async (id: string) => {
        started.push('orders');
        await gate;
        return shop.orders(id);
      },
    };
    const reading = readShopperContext(slow, SHOPPER_A, { warn() {} });
    await Promise.resolve();
    expect(started).toEqual(['subscriptions', 'orders']);
    release();
    await expect(reading).resolves.toMatchObject({ subscriptions: CONTEXT_A.subscriptions });
  });

  test('a failed or throwing read is unavailable, logged by code without the customer id', async () => {
    const logged: object[] = [];
    const shop = memoryShopConnector(CUSTOMERS);
    shop.down = true;
    const throwing = { ...shop, orders: async () => Promise.reject(new Error('boom')) };
    const context = await readShopperContext(throwing, SHOPPER_A, { warn: (obj) => logged.push(obj) });
    expect(context).toEqual({ shopper: SHOPPER_A, subscriptions: 'unavailable', orders: 'unavailable' });
    expect(JSON.stringify(logged)).not.toContain('cust-a');
    expect(logged[0]).toMatchObject({ code: 'CONNECTOR_ERR_TIMEOUT' });
  });

  test('no verified shopper, or no connector: no context and no call', async () => {
    const shop = memoryShopConnector(CUSTOMERS);
    await expect(readShopperContext(shop, undefined, { warn() {} })).resolves.toBeUndefined();
    await expect(readShopperContext(undefined, SHOPPER_A, { warn() {} })).resolves.toBeUndefined();
    expect(shop.calls).toEqual([]);
  });
});
