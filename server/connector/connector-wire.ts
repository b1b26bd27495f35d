/**
 * The connector contract's wire shapes and paths (docs/connector.md): the response bodies around the
 * shop-data schemas, the error body, and the three routes, relative to the shop's base URL. One place,
 * so the HTTP client, the embedded demo shop, the conformance check and the generated OpenAPI document
 * (docs/connector-openapi.json) cannot disagree.
 */
import { type Static, Type } from '@sinclair/typebox';
import { OrderSchema, SubscriptionSchema } from '../../bot/shop/shop-data.ts';

/** `GET …/subscriptions` answers this. */
export const SubscriptionsResponseSchema = Type.Object(
  { subscriptions: Type.Array(SubscriptionSchema, { maxItems: 100 }) },
  { additionalProperties: true },
);
/** `GET …/orders` answers this (newest first). */
export const OrdersResponseSchema = Type.Object(
  { orders: Type.Array(OrderSchema, { maxItems: 100 }) },
  { additionalProperties: true },
);
/** `POST …/changes` answers the subscription after the change. */
export const SubscriptionResponseSchema = Type.Object(
  { subscription: SubscriptionSchema },
  { additionalProperties: true },
);
/** Any refusal (401, 404, 409, 422) carries a machine code; `message` is for the shop's logs. */
export const ConnectorErrorBodySchema = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 100 }),
  message: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type ConnectorErrorBody = Static<typeof ConnectorErrorBodySchema>;

/** The contract's paths under the base URL; ids are percent-encoded, as they go on the wire. */
export const connectorPaths = {
  subscriptions: (customerId: string) => `/customers/${encodeURIComponent(customerId)}/subscriptions`,
  orders: (customerId: string) => `/customers/${encodeURIComponent(customerId)}/orders`,
  changes: (customerId: string, subscriptionId: string) =>
    `/customers/${encodeURIComponent(customerId)}/subscriptions/${encodeURIComponent(subscriptionId)}/changes`,
};
