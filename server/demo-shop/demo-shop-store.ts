/**
 * The embedded demo shop's data in the app's database (tables of migration 009): seeding, the customer's
 * subscriptions and orders as the contract shows them, and changes with their idempotency keys. A change
 * and its key are written in one transaction, so a repeated key returns the stored answer and two
 * requests with the same key at once apply the change once (the loser's insert hits the primary key and
 * rolls its change back).
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Order, Subscription, SubscriptionChange } from '../../bot/shop/shop-data.ts';
import { fromJson } from '../storage/column-values.ts';
import type { Database, Json, Timestamp } from '../storage/database-schema.ts';
import { isUniqueViolation } from '../storage/db-errors.ts';
import type { StorageDialect } from '../storage/storage-dialect.ts';
import { writeTransaction } from '../storage/write-transaction.ts';
import { type DemoCustomer, demoSeed } from './demo-data.ts';
import { applyChange, type DemoSubscription, toContract } from './subscription-rules.ts';

/**
 * The demo tables, as kysely sees them (kept here: nothing outside the demo shop reads them). A type,
 * not an interface: `withTables` needs the implicit index signature.
 */
export type DemoShopTables = {
  demo_customers: { id: string; name: string; email: string };
  demo_subscriptions: {
    id: string;
    customer_id: string;
    product_name: string;
    quantity: number;
    interval_unit: 'day' | 'week' | 'month';
    interval_count: number;
    status: Subscription['status'];
    next_delivery_date: string | null;
    deliveries_received: number;
    minimum_deliveries: number | null;
    updated_at: Timestamp;
  };
  demo_orders: {
    id: string;
    customer_id: string;
    order_number: string;
    ordered_on: string;
    status: Order['status'];
    shipped_on: string | null;
    carrier: string | null;
    tracking_number: string | null;
    tracking_url: string | null;
  };
  demo_idempotency_keys: {
    customer_id: string;
    idempotency_key: string;
    request_hash: string;
    response: Json;
    created_at: Timestamp;
  };
};

/** A contract answer: the status and JSON body the route sends. */
export type DemoAnswer =
  | { status: 200; body: { subscription: Subscription } }
  | { status: 404 | 409 | 422; body: { code: string; message: string } };

type Db = Kysely<Database & DemoShopTables>;

/** The demo shop's store. */
export class DemoShopStore {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly dialect: StorageDialect,
  ) {}

  private tables(db: Kysely<Database> = this.db()): Db {
    return db.withTables<DemoShopTables>();
  }

  /** Adds the demo customers and their data that are missing (a restart keeps the changes made). */
  async seed(today: string, now: Date): Promise<void> {
    const seed = demoSeed(today);
    const db = this.tables();
    for (const customer of seed.customers) {
      await db
        .insertInto('demo_customers')
        .values(customer)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    for (const { customerId, ...s } of seed.subscriptions) {
      await db
        .insertInto('demo_subscriptions')
        .values({
          id: s.id,
          customer_id: customerId,
          product_name: s.productName,
          quantity: s.quantity,
          interval_unit: s.interval.unit,
          interval_count: s.interval.count,
          status: s.status,
          next_delivery_date: s.nextDeliveryDate,
          deliveries_received: s.deliveriesReceived,
          minimum_deliveries: s.minimumDeliveries ?? null,
          updated_at: now.toISOString(),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    for (const { customerId, ...o } of seed.orders) {
      await db
        .insertInto('demo_orders')
        .values({
          id: o.id,
          customer_id: customerId,
          order_number: o.orderNumber,
          ordered_on: o.orderedOn,
          status: o.status,
          shipped_on: o.shippedOn ?? null,
          carrier: o.carrier ?? null,
          tracking_number: o.trackingNumber ?? null,
          tracking_url: o.trackingUrl ?? null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  }

  /** Puts the demo back as seeded for `today` (the demo page's reset). */
  async reset(today: string, now: Date): Promise<void> {
    const db = this.tables();
    await db.deleteFrom('demo_idempotency_keys').execute();
    await db.deleteFrom('demo_orders').execute();
    await db.deleteFrom('demo_subscriptions').execute();
    await db.deleteFrom('demo_customers').execute();
    await this.seed(today, now);
  }

  async customer(id: string): Promise<DemoCustomer | undefined> {
    return this.tables().selectFrom('demo_customers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The customer's subscriptions as the contract shows them on `today`; undefined for no such customer. */
  async subscriptions(customerId: string, today: string): Promise<Subscription[] | undefined> {
    if (!(await this.customer(customerId))) return undefined;
    const rows = await this.tables()
      .selectFrom('demo_subscriptions')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    return rows.map((row) => toContract(fromRow(row), today));
  }

  /** The customer's orders, newest first; undefined for no such customer. */
  async orders(customerId: string): Promise<Order[] | undefined> {
    if (!(await this.customer(customerId))) return undefined;
    const rows = await this.tables()
      .selectFrom('demo_orders')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('ordered_on', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      orderNumber: row.order_number,
      orderedOn: row.ordered_on,
      status: row.status,
      ...(row.shipped_on ? { shippedOn: row.shipped_on } : {}),
      ...(row.carrier ? { carrier: row.carrier } : {}),
      ...(row.tracking_number ? { trackingNumber: row.tracking_number } : {}),
      ...(row.tracking_url ? { trackingUrl: row.tracking_url } : {}),
    }));
  }

  /**
   * Changes one of the customer's subscriptions once per idempotency key: a repeated key with the same
   * request gets the stored answer, with another request 422. Another customer's id is 404, exactly as
   * an id that does not exist, so ids cannot be probed.
   */
  async change(
    customerId: string,
    subscriptionId: string,
    change: SubscriptionChange,
    idempotencyKey: string,
    today: string,
    now: Date,
  ): Promise<DemoAnswer> {
    const requestHash = createHash('sha256')
      .update(JSON.stringify([subscriptionId, change]))
      .digest('hex');
    const attempt = () =>
      writeTransaction(this.db(), this.dialect, async (trx) => {
        const db = this.tables(trx);
        const stored = await this.storedAnswer(db, customerId, idempotencyKey, requestHash);
        if (stored) return stored;
        const row = await db
          .selectFrom('demo_subscriptions')
          .selectAll()
          .where('id', '=', subscriptionId)
          .where('customer_id', '=', customerId)
          .executeTakeFirst();
        if (!row) return notFound();
        const result = applyChange(fromRow(row), change, today);
        if (!result.ok) {
          const { status, code } = result.refusal;
          return { status, body: { code, message: `change ${change.kind} refused` } } satisfies DemoAnswer;
        }
        const s = result.subscription;
        await db
          .updateTable('demo_subscriptions')
          .set({
            interval_unit: s.interval.unit,
            interval_count: s.interval.count,
            status: s.status,
            next_delivery_date: s.nextDeliveryDate,
            deliveries_received: s.deliveriesReceived,
            updated_at: now.toISOString(),
          })
          .where('id', '=', subscriptionId)
          .execute();
        const answer: DemoAnswer = { status: 200, body: { subscription: toContract(s, today) } };
        await db
          .insertInto('demo_idempotency_keys')
          .values({
            customer_id: customerId,
            idempotency_key: idempotencyKey,
            request_hash: requestHash,
            response: JSON.stringify(answer.body),
            created_at: now.toISOString(),
          })
          .execute();
        return answer;
      });
    try {
      return await attempt();
    } catch (error) {
      // The same key committed by a request running at the same time: ours rolled back; answer theirs.
      if (isUniqueViolation(error)) return attempt();
      throw error;
    }
  }

  private async storedAnswer(
    db: Db,
    customerId: string,
    idempotencyKey: string,
    requestHash: string,
  ): Promise<DemoAnswer | undefined> {
    const row = await db
      .selectFrom('demo_idempotency_keys')
      .select(['request_hash', 'response'])
      .where('customer_id', '=', customerId)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.request_hash !== requestHash) {
      return {
        status: 422,
        body: {
          code: 'DEMO_SHOP_ERR_IDEMPOTENCY_KEY_REUSED',
          message: 'key already used for another request',
        },
      };
    }
    return { status: 200, body: fromJson<{ subscription: Subscription }>(this.dialect, row.response) };
  }
}

function notFound(): DemoAnswer {
  return { status: 404, body: { code: 'DEMO_SHOP_ERR_NOT_FOUND', message: 'no such subscription' } };
}

function fromRow(row: Selectable<DemoShopTables['demo_subscriptions']>): DemoSubscription {
  return {
    id: row.id,
    productName: row.product_name,
    quantity: row.quantity,
    interval: { unit: row.interval_unit, count: row.interval_count },
    status: row.status,
    nextDeliveryDate: row.next_delivery_date,
    deliveriesReceived: row.deliveries_received,
    ...(row.minimum_deliveries === null ? {} : { minimumDeliveries: row.minimum_deliveries }),
  };
}
