/**
 * The reference connector's data: an in-memory stand-in for the shop's database. Replace these
 * functions with queries against your own system; keep the rules that matter to the contract: a
 * customer sees and changes only their own subscriptions, and a change says what is allowed now.
 */

export type IntervalUnit = 'day' | 'week' | 'month';
export type ChangeKind = 'skip' | 'interval' | 'next_date' | 'pause' | 'resume' | 'cancel';

/** A subscription as the contract shows it (docs/connector-openapi.json, Subscription). */
export interface Subscription {
  id: string;
  productName: string;
  quantity: number;
  interval: { unit: IntervalUnit; count: number };
  status: 'active' | 'paused' | 'cancelled';
  nextDeliveryDate: string | null;
  changeDeadline: string | null;
  allowedChanges: ChangeKind[];
  deliveriesReceived: number;
  minimumDeliveries?: number;
}

/** An order as the contract shows it (Order). */
export interface Order {
  id: string;
  orderNumber: string;
  orderedOn: string;
  status: 'received' | 'preparing' | 'shipped' | 'delivered' | 'cancelled';
  shippedOn?: string;
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
}

/** A change (SubscriptionChange). */
export type Change =
  | { kind: 'skip' | 'pause' | 'resume' }
  | { kind: 'cancel'; reason?: string }
  | { kind: 'interval'; interval: { unit: IntervalUnit; count: number } }
  | { kind: 'next_date'; date: string };

interface Customer {
  subscriptions: Subscription[];
  orders: Order[];
}

/** Days before a delivery after which it can no longer be skipped or moved. */
const DEADLINE_DAYS = 3;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addInterval(date: string, interval: Subscription['interval']): string {
  if (interval.unit !== 'month') return addDays(date, interval.count * (interval.unit === 'week' ? 7 : 1));
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + interval.count);
  return d.toISOString().slice(0, 10);
}

/** Recomputes the deadline and what may be changed after any change. */
function refresh(s: Subscription): Subscription {
  const deadline = s.nextDeliveryDate === null ? null : addDays(s.nextDeliveryDate, -DEADLINE_DAYS);
  const allowedChanges: ChangeKind[] =
    s.status === 'cancelled'
      ? []
      : s.status === 'paused'
        ? ['resume', 'cancel']
        : ['skip', 'interval', 'next_date', 'pause', 'cancel'];
  return { ...s, changeDeadline: deadline, allowedChanges };
}

/** Sample customers; `today` is `YYYY-MM-DD`. */
export function sampleData(today: string): Map<string, Customer> {
  const sub = (id: string, productName: string, interval: Subscription['interval'], inDays: number) =>
    refresh({
      id,
      productName,
      quantity: 1,
      interval,
      status: 'active',
      nextDeliveryDate: addDays(today, inDays),
      changeDeadline: null,
      allowedChanges: [],
      deliveriesReceived: 1,
    });
  return new Map([
    [
      'demo-hanako',
      { subscriptions: [sub('ref-sub-1', '青汁 30包', { unit: 'month', count: 1 }, 10)], orders: [] },
    ],
    [
      'demo-taro',
      {
        subscriptions: [sub('ref-sub-2', '黒酢カプセル 90粒', { unit: 'month', count: 2 }, 14)],
        orders: [
          {
            id: 'ref-order-1',
            orderNumber: '20001',
            orderedOn: addDays(today, -3),
            status: 'shipped',
            shippedOn: addDays(today, -1),
            carrier: 'ヤマト運輸',
            trackingNumber: '1234-5678-9012',
            trackingUrl: 'https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number00=1&number01=123456789012',
          },
        ],
      },
    ],
  ]);
}

/** The in-memory shop. */
export class MemoryStore {
  readonly #customers: Map<string, Customer>;

  constructor(customers: Map<string, Customer>) {
    this.#customers = customers;
  }

  subscriptions(customerId: string): Subscription[] | undefined {
    return this.#customers.get(customerId)?.subscriptions;
  }

  orders(customerId: string): Order[] | undefined {
    return this.#customers.get(customerId)?.orders;
  }

  /**
   * Applies a change to one of the customer's subscriptions. `not_found` for an id that is not this
   * customer's (exactly as for one that does not exist, so ids cannot be probed); `refused` when the
   * change is not allowed now.
   */
  change(customerId: string, subscriptionId: string, change: Change): Subscription | 'not_found' | 'refused' {
    const list = this.#customers.get(customerId)?.subscriptions;
    const index = list?.findIndex((s) => s.id === subscriptionId) ?? -1;
    if (!list || index < 0) return 'not_found';
    const s = list[index]!;
    if (!s.allowedChanges.includes(change.kind)) return 'refused';
    let next: Subscription;
    switch (change.kind) {
      case 'skip':
        next = { ...s, nextDeliveryDate: addInterval(s.nextDeliveryDate!, s.interval) };
        break;
      case 'interval':
        next = { ...s, interval: change.interval };
        break;
      case 'next_date':
        next = { ...s, nextDeliveryDate: change.date };
        break;
      case 'pause':
      case 'cancel':
        next = { ...s, status: change.kind === 'pause' ? 'paused' : 'cancelled', nextDeliveryDate: null };
        break;
      case 'resume':
        next = {
          ...s,
          status: 'active',
          nextDeliveryDate: addDays(new Date().toISOString().slice(0, 10), 7),
        };
        break;
    }
    list[index] = refresh(next);
    return list[index]!;
  }
}
