/**
 * The instrumented connector: every call is passed through unchanged and recorded as
 * `connector.<operation>` with `ok` or its error code.
 */
import { describe, expect, it } from 'vitest';
import { instrumentConnector } from '../../../server/connector/instrumented-connector.ts';
import type { ShopConnector } from '../../../server/connector/shop-connector.ts';

describe('instrumentConnector', () => {
  it('records each call with its outcome and passes arguments and results through', async () => {
    const asked: unknown[][] = [];
    const inner: ShopConnector = {
      subscriptions: async (...args) => {
        asked.push(args);
        return { ok: true, value: [] };
      },
      orders: async (...args) => {
        asked.push(args);
        return { ok: false, code: 'CONNECTOR_ERR_TIMEOUT' };
      },
      changeSubscription: async (...args) => {
        asked.push(args);
        return { ok: false, code: 'CONNECTOR_ERR_REFUSED', status: 409 };
      },
    };
    const calls: [string, string][] = [];
    const connector = instrumentConnector(inner, {
      connectorCall: (operation, outcome, seconds) => {
        expect(seconds).toBeGreaterThanOrEqual(0);
        calls.push([operation, outcome]);
      },
    });
    expect(await connector.subscriptions('c-1')).toEqual({ ok: true, value: [] });
    expect(await connector.orders('c-1')).toEqual({ ok: false, code: 'CONNECTOR_ERR_TIMEOUT' });
    const change = { type: 'skip' } as unknown as Parameters<ShopConnector['changeSubscription']>[2];
    expect(await connector.changeSubscription('c-1', 's-1', change, 'key-1')).toEqual({
      ok: false,
      code: 'CONNECTOR_ERR_REFUSED',
      status: 409,
    });
    expect(asked).toEqual([['c-1'], ['c-1'], ['c-1', 's-1', change, 'key-1']]);
    expect(calls).toEqual([
      ['connector.subscriptions', 'ok'],
      ['connector.orders', 'CONNECTOR_ERR_TIMEOUT'],
      ['connector.changeSubscription', 'CONNECTOR_ERR_REFUSED'],
    ]);
  });
});
