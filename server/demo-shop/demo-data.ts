/**
 * The demo shop's customers, subscriptions and orders, with dates relative to the day the demo first
 * starts (server/demo-shop/subscription-rules.ts keeps "next delivery" in the future after that). Ids
 * start with `demo-` so they can never be mistaken for a real shop's customers; the README lists them.
 */
import type { Order } from '../../bot/shop/shop-data.ts';
import { addDays, type DemoSubscription } from './subscription-rules.ts';

/** A demo customer. */
export interface DemoCustomer {
  id: string;
  name: string;
  email: string;
}

/** Everything the demo seeds. */
export interface DemoSeed {
  customers: DemoCustomer[];
  subscriptions: (DemoSubscription & { customerId: string })[];
  orders: (Order & { customerId: string })[];
}

/** The demo customers' ids (README, demo sign-in). */
export const DEMO_CUSTOMER_IDS = ['demo-hanako', 'demo-taro', 'demo-yuki'] as const;

/** The seed for `today` (`YYYY-MM-DD`, shop-local). */
export function demoSeed(today: string): DemoSeed {
  return {
    customers: [
      { id: 'demo-hanako', name: '山田 花子', email: 'hanako@example.com' },
      { id: 'demo-taro', name: '佐藤 太郎', email: 'taro@example.com' },
      { id: 'demo-yuki', name: '鈴木 由紀', email: 'yuki@example.com' },
    ],
    subscriptions: [
      {
        customerId: 'demo-hanako',
        id: 'demo-sub-hanako-aojiru',
        productName: '国産大麦若葉の青汁 30包',
        quantity: 1,
        interval: { unit: 'month', count: 1 },
        status: 'active',
        nextDeliveryDate: addDays(today, 10),
        deliveriesReceived: 2,
        minimumDeliveries: 3,
      },
      {
        customerId: 'demo-taro',
        id: 'demo-sub-taro-kurozu',
        productName: '熟成黒酢カプセル 90粒',
        quantity: 1,
        interval: { unit: 'month', count: 2 },
        status: 'active',
        nextDeliveryDate: addDays(today, 14),
        deliveriesReceived: 5,
      },
      {
        customerId: 'demo-taro',
        id: 'demo-sub-taro-protein',
        productName: 'ソイプロテイン ココア味 1kg',
        quantity: 2,
        interval: { unit: 'week', count: 4 },
        status: 'active',
        nextDeliveryDate: addDays(today, 8),
        deliveriesReceived: 1,
      },
      {
        customerId: 'demo-yuki',
        id: 'demo-sub-yuki-collagen',
        productName: 'コラーゲンゼリー 14本',
        quantity: 1,
        interval: { unit: 'month', count: 1 },
        status: 'paused',
        nextDeliveryDate: null,
        deliveriesReceived: 4,
      },
    ],
    orders: [
      {
        customerId: 'demo-hanako',
        id: 'demo-order-hanako-1',
        orderNumber: '10021',
        orderedOn: addDays(today, -21),
        status: 'delivered',
        shippedOn: addDays(today, -20),
        carrier: 'ヤマト運輸',
        trackingNumber: '4567-8901-2345',
        trackingUrl: 'https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number00=1&number01=456789012345',
      },
      {
        customerId: 'demo-taro',
        id: 'demo-order-taro-1',
        orderNumber: '10034',
        orderedOn: addDays(today, -3),
        status: 'shipped',
        shippedOn: addDays(today, -1),
        carrier: 'ヤマト運輸',
        trackingNumber: '1234-5678-9012',
        trackingUrl: 'https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number00=1&number01=123456789012',
      },
      {
        customerId: 'demo-taro',
        id: 'demo-order-taro-2',
        orderNumber: '10035',
        orderedOn: today,
        status: 'preparing',
      },
    ],
  };
}
