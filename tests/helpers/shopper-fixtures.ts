/**
 * Verified shoppers and their shop data for the flows' tests: customer A with one monthly subscription
 * (next delivery Tuesday 2026-12-08, changes until Saturday 12-05) and two orders, customer B with two
 * subscriptions. Dates fit the flow tests' clock (Tuesday 2026-11-24 JST).
 */
import type {
  Order,
  ShopperContext,
  Subscription,
  SubscriptionSnapshot,
  VerifiedShopper,
} from '../../bot/shop/shop-data.ts';
import type { MemoryCustomer } from './memory-shop-connector.ts';

export const SHOPPER_A: VerifiedShopper = { customerId: 'cust-a', email: 'a@example.jp', name: '山田花子' };
export const SHOPPER_B: VerifiedShopper = { customerId: 'cust-b', email: 'b@example.jp' };

/** A's monthly lotion: next 12-08 (Tue), deadline 12-05 (Sat), 2 of 3 minimum deliveries received. */
export const LOTION: Subscription = {
  id: 'sub-a1',
  productName: '薬用化粧水',
  quantity: 1,
  interval: { unit: 'month', count: 1 },
  status: 'active',
  nextDeliveryDate: '2026-12-08',
  changeDeadline: '2026-12-05',
  allowedChanges: ['skip', 'interval', 'next_date', 'pause', 'cancel'],
  deliveriesReceived: 2,
  minimumDeliveries: 3,
};

export const SHIPPED: Order = {
  id: 'ord-a2',
  orderNumber: '1234',
  orderedOn: '2026-11-30',
  status: 'shipped',
  shippedOn: '2026-12-02',
  carrier: 'ヤマト運輸',
  trackingNumber: '4912-3456-7890',
  trackingUrl: 'https://track.example/yamato?number=491234567890',
};

export const PREPARING: Order = {
  id: 'ord-a3',
  orderNumber: '1240',
  orderedOn: '2026-11-23',
  status: 'preparing',
};

/** B's two subscriptions: a serum every 2 months and a paused cream. */
export const SERUM: Subscription = {
  ...LOTION,
  id: 'sub-b1',
  productName: '美容液',
  interval: { unit: 'month', count: 2 },
  nextDeliveryDate: '2026-12-15',
  changeDeadline: '2026-12-10',
  deliveriesReceived: 5,
};
export const CREAM: Subscription = {
  ...LOTION,
  id: 'sub-b2',
  productName: '保湿クリーム',
  status: 'paused',
  nextDeliveryDate: null,
  changeDeadline: null,
  allowedChanges: ['resume', 'cancel'],
  deliveriesReceived: 1,
};

/** The memory shop's customers. */
export const CUSTOMERS: Record<string, MemoryCustomer> = {
  [SHOPPER_A.customerId]: { subscriptions: [LOTION], orders: [SHIPPED, PREPARING] },
  [SHOPPER_B.customerId]: { subscriptions: [SERUM, CREAM], orders: [] },
};

/** A's context as the server reads it (data available). */
export const CONTEXT_A: ShopperContext = {
  shopper: SHOPPER_A,
  subscriptions: [LOTION],
  orders: [SHIPPED, PREPARING],
};

/** B's context. */
export const CONTEXT_B: ShopperContext = { shopper: SHOPPER_B, subscriptions: [SERUM, CREAM], orders: [] };

/** A verified shopper whose shop's system did not answer. */
export const CONTEXT_DOWN: ShopperContext = {
  shopper: SHOPPER_A,
  subscriptions: 'unavailable',
  orders: 'unavailable',
};

/** A subscription as an escalation keeps it (the demo's taro, every two months, next 2026-12-18). */
export const KUROZU_SNAPSHOT: SubscriptionSnapshot = {
  id: 'demo-sub-taro-kurozu',
  productName: '熟成黒酢カプセル 90粒',
  quantity: 1,
  interval: { unit: 'month', count: 2 },
  status: 'active',
  nextDeliveryDate: '2026-12-18',
};
