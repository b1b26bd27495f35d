/**
 * The shop's live data about one verified shopper, as the dialogue sees it: their subscriptions and
 * recent orders, read from the shop's system through the connector (server/connector/), and the
 * changes the bot may ask the shop to make. Schemas, because the connector's answers are checked
 * against them (a shop's system is input like any other) and the docs' OpenAPI contract is built from
 * them. bot/ only reads these; the server fetches and carries out.
 */
import { type Static, Type } from '@sinclair/typebox';
import { IntervalSchema } from '../entities/slot-values.ts';

/** A shop-local calendar date, `YYYY-MM-DD`. */
export const LocalDateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** What the shopper may change on a subscription now (the shop decides; the bot only offers these). */
export const SubscriptionChangeKindSchema = Type.Union([
  Type.Literal('skip'),
  Type.Literal('interval'),
  Type.Literal('next_date'),
  Type.Literal('pause'),
  Type.Literal('resume'),
  Type.Literal('cancel'),
]);
export type SubscriptionChangeKind = Static<typeof SubscriptionChangeKindSchema>;

/** One subscription (定期便) of the shopper. */
export const SubscriptionSchema = Type.Object({
  /** The shop's id of the subscription (opaque to us). */
  id: Type.String({ minLength: 1, maxLength: 200 }),
  productName: Type.String({ minLength: 1, maxLength: 500 }),
  quantity: Type.Integer({ minimum: 1 }),
  interval: IntervalSchema,
  status: Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('cancelled')]),
  /** The next delivery; null when paused or cancelled. */
  nextDeliveryDate: Type.Union([LocalDateSchema, Type.Null()]),
  /** The last day on which the next delivery can still be changed; null when nothing is scheduled. */
  changeDeadline: Type.Union([LocalDateSchema, Type.Null()]),
  /** What may be changed now. */
  allowedChanges: Type.Array(SubscriptionChangeKindSchema),
  /** Deliveries received so far. */
  deliveriesReceived: Type.Integer({ minimum: 0 }),
  /** The terms' minimum number of deliveries (定期縛り), if any. */
  minimumDeliveries: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type Subscription = Static<typeof SubscriptionSchema>;

/**
 * A subscription as it was at a moment (a handoff): what staff need to see what the shopper saw, kept
 * with the escalation so a later change in the shop does not rewrite it.
 */
export const SubscriptionSnapshotSchema = Type.Pick(SubscriptionSchema, [
  'id',
  'productName',
  'quantity',
  'interval',
  'status',
  'nextDeliveryDate',
]);
export type SubscriptionSnapshot = Static<typeof SubscriptionSnapshotSchema>;

/** The snapshot of `subscriptions` (the fields above only). */
export function snapshotOf(subscriptions: readonly Subscription[]): SubscriptionSnapshot[] {
  return subscriptions.map(({ id, productName, quantity, interval, status, nextDeliveryDate }) => ({
    id,
    productName,
    quantity,
    interval,
    status,
    nextDeliveryDate,
  }));
}

/** One recent order. */
export const OrderSchema = Type.Object({
  /** The shop's id of the order (opaque to us). */
  id: Type.String({ minLength: 1, maxLength: 200 }),
  /** The number printed on slips and mails, as shoppers quote it. */
  orderNumber: Type.String({ minLength: 1, maxLength: 100 }),
  orderedOn: LocalDateSchema,
  status: Type.Union([
    Type.Literal('received'),
    Type.Literal('preparing'),
    Type.Literal('shipped'),
    Type.Literal('delivered'),
    Type.Literal('cancelled'),
  ]),
  shippedOn: Type.Optional(LocalDateSchema),
  carrier: Type.Optional(Type.String({ maxLength: 100 })),
  trackingNumber: Type.Optional(Type.String({ maxLength: 100 })),
  /** The carrier's tracking page for this parcel (https). */
  trackingUrl: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type Order = Static<typeof OrderSchema>;

/** A change the bot asks the shop to make to one subscription. */
export const SubscriptionChangeSchema = Type.Union([
  Type.Object({ kind: Type.Literal('skip') }),
  Type.Object({ kind: Type.Literal('interval'), interval: IntervalSchema }),
  Type.Object({ kind: Type.Literal('next_date'), date: LocalDateSchema }),
  Type.Object({ kind: Type.Literal('pause') }),
  Type.Object({ kind: Type.Literal('resume') }),
  Type.Object({ kind: Type.Literal('cancel'), reason: Type.Optional(Type.String({ maxLength: 500 })) }),
]);
export type SubscriptionChange = Static<typeof SubscriptionChangeSchema>;

/** The verified shopper a conversation is bound to (from the shop-signed token; never typed in). */
export interface VerifiedShopper {
  /** The shop's customer id (`sub` of the token). */
  customerId: string;
  email?: string;
  name?: string;
}

/**
 * What the dialogue knows of a verified shopper for one turn: who they are and, when the shop's system
 * answered, their data (`unavailable`: the system was down or too slow; the flows fall back to the
 * general answer and offer a person).
 */
export interface ShopperContext {
  shopper: VerifiedShopper;
  subscriptions: Subscription[] | 'unavailable';
  orders: Order[] | 'unavailable';
}
