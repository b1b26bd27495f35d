/**
 * A real `ShopConnector` over arrays, for tests of the flows' server path: each customer's
 * subscriptions and orders, changes applied as the contract says (only the customer's own ids, only
 * `allowedChanges`, the same Idempotency-Key once), every call recorded, and a switch that makes the
 * shop's system "down". Dates move by the subscription's interval from the shop-local next date.
 */
import type { Order, Subscription, SubscriptionChange } from '../../bot/shop/shop-data.ts';
import type { ConnectorResult, ShopConnector } from '../../server/connector/shop-connector.ts';

/** One customer's data in the memory shop. */
export interface MemoryCustomer {
  subscriptions: Subscription[];
  orders: Order[];
}

/** A call the memory shop received. */
export type MemoryCall =
  | { kind: 'subscriptions' | 'orders'; customerId: string }
  | { kind: 'change'; customerId: string; subscriptionId: string; change: SubscriptionChange; key: string };

/** The memory shop: the connector, its data, what it was asked, and what it changed. */
export interface MemoryShopConnector extends ShopConnector {
  customers: Map<string, MemoryCustomer>;
  calls: MemoryCall[];
  /** Changes actually applied (a repeated Idempotency-Key applies nothing). */
  applied: { customerId: string; subscriptionId: string; change: SubscriptionChange }[];
  /** While true, every call fails with CONNECTOR_ERR_TIMEOUT. */
  down: boolean;
}

/** `YYYY-MM-DD` plus an interval (months keep the day, clamped to the month's end). */
export function addInterval(date: string, interval: Subscription['interval']): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const days = interval.unit === 'day' ? interval.count : interval.unit === 'week' ? interval.count * 7 : 0;
  const months = interval.unit === 'month' ? interval.count : 0;
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last) + days);
  return target.toISOString().slice(0, 10);
}

function applyChange(sub: Subscription, change: SubscriptionChange): Subscription {
  const next = sub.nextDeliveryDate;
  switch (change.kind) {
    case 'skip':
      return { ...sub, nextDeliveryDate: next && addInterval(next, sub.interval) };
    case 'interval':
      return { ...sub, interval: change.interval };
    case 'next_date':
      return { ...sub, nextDeliveryDate: change.date };
    case 'pause':
      return { ...sub, status: 'paused', nextDeliveryDate: null, changeDeadline: null };
    case 'resume':
      return { ...sub, status: 'active' };
    case 'cancel':
      return {
        ...sub,
        status: 'cancelled',
        nextDeliveryDate: null,
        changeDeadline: null,
        allowedChanges: [],
      };
  }
}

/** A memory shop holding `customers` (copied: tests may reuse their fixtures). */
export function memoryShopConnector(customers: Record<string, MemoryCustomer>): MemoryShopConnector {
  const data = new Map(Object.entries(structuredClone(customers)));
  const done = new Map<string, ConnectorResult<Subscription>>();
  const shop: MemoryShopConnector = {
    customers: data,
    calls: [],
    applied: [],
    down: false,
    async subscriptions(customerId) {
      shop.calls.push({ kind: 'subscriptions', customerId });
      if (shop.down) return { ok: false, code: 'CONNECTOR_ERR_TIMEOUT' };
      return { ok: true, value: structuredClone(data.get(customerId)?.subscriptions ?? []) };
    },
    async orders(customerId) {
      shop.calls.push({ kind: 'orders', customerId });
      if (shop.down) return { ok: false, code: 'CONNECTOR_ERR_TIMEOUT' };
      return { ok: true, value: structuredClone(data.get(customerId)?.orders ?? []) };
    },
    async changeSubscription(customerId, subscriptionId, change, key) {
      shop.calls.push({ kind: 'change', customerId, subscriptionId, change, key });
      if (shop.down) return { ok: false, code: 'CONNECTOR_ERR_TIMEOUT' };
      const earlier = done.get(`${customerId}\n${key}`);
      if (earlier) return structuredClone(earlier);
      const list = data.get(customerId)?.subscriptions ?? [];
      const index = list.findIndex((s) => s.id === subscriptionId);
      const sub = list[index];
      if (!sub) return { ok: false, code: 'CONNECTOR_ERR_NOT_FOUND', status: 404 };
      if (!sub.allowedChanges.includes(change.kind))
        return { ok: false, code: 'CONNECTOR_ERR_REFUSED', status: 409 };
      const after = applyChange(sub, change);
      list[index] = after;
      shop.applied.push({ customerId, subscriptionId, change });
      const result: ConnectorResult<Subscription> = { ok: true, value: structuredClone(after) };
      done.set(`${customerId}\n${key}`, result);
      return structuredClone(result);
    },
  };
  return shop;
}
