/**
 * The connector contract as an OpenAPI 3.1 document, built from the same TypeBox schemas the client
 * validates against (shop-data.ts, connector-wire.ts), so the document cannot drift from the code:
 * `npm run connector:openapi` writes docs/connector-openapi.json and a test compares. Built by hand
 * rather than with @fastify/swagger: the contract is what a shop implements, not a set of our routes
 * (the demo shop's routes are one implementation of it, registered only in the demo).
 */
import type { TSchema } from '@sinclair/typebox';
import { OrderSchema, SubscriptionChangeSchema, SubscriptionSchema } from '../../bot/shop/shop-data.ts';
import {
  ConnectorErrorBodySchema,
  OrdersResponseSchema,
  SubscriptionResponseSchema,
  SubscriptionsResponseSchema,
} from './connector-wire.ts';
import { REPLAY_WINDOW_SECONDS } from './request-signing.ts';

/** A TypeBox schema as plain JSON Schema (TypeBox's symbol keys dropped). */
function plain(schema: TSchema): unknown {
  return JSON.parse(JSON.stringify(schema));
}

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const error = (description: string) => ({ description, content: json('Error') });

/** The OpenAPI document of the connector contract. */
export function connectorOpenApi(): Record<string, unknown> {
  const customerId = { $ref: '#/components/parameters/customerId' };
  const signed = {
    '401': { $ref: '#/components/responses/Unauthorized' },
    '404': { $ref: '#/components/responses/NotFound' },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Shop connector contract',
      version: '1',
      description:
        "What a shop's system implements so the support bot can read a verified shopper's subscriptions and orders and change a subscription the shopper confirmed in the chat. Every request is signed (docs/connector.md, Signing); every id in a path must belong to the customer in the same path, or the answer is 404.",
    },
    servers: [
      {
        url: 'https://shop.example.jp/bot-connector',
        description: "the shop's base URL (SHOP_CONNECTOR_URL)",
      },
    ],
    security: [{ shopTimestamp: [], shopSignature: [] }],
    paths: {
      '/customers/{customerId}/subscriptions': {
        get: {
          operationId: 'listSubscriptions',
          summary: "The customer's subscriptions (every status)",
          parameters: [customerId],
          responses: {
            '200': { description: 'The subscriptions', content: json('SubscriptionsResponse') },
            ...signed,
          },
        },
      },
      '/customers/{customerId}/orders': {
        get: {
          operationId: 'listOrders',
          summary: "The customer's recent orders, newest first",
          parameters: [customerId],
          responses: { '200': { description: 'The orders', content: json('OrdersResponse') }, ...signed },
        },
      },
      '/customers/{customerId}/subscriptions/{subscriptionId}/changes': {
        post: {
          operationId: 'changeSubscription',
          summary: "Changes one of the customer's subscriptions; answers it as it is afterwards",
          parameters: [
            customerId,
            { $ref: '#/components/parameters/subscriptionId' },
            { $ref: '#/components/parameters/idempotencyKey' },
          ],
          requestBody: { required: true, content: json('SubscriptionChange') },
          responses: {
            '200': {
              description: 'The subscription after the change',
              content: json('SubscriptionResponse'),
            },
            '400': error('No Idempotency-Key, or a body that is not a SubscriptionChange'),
            ...signed,
            '409': error('The change is not allowed now (past the deadline, not in allowedChanges)'),
            '422': error('A value out of range, or an Idempotency-Key already used for another request'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        shopTimestamp: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Shop-Timestamp',
          description: `Unix seconds when the request was signed; refused (401) when more than ${REPLAY_WINDOW_SECONDS} s from the receiver's clock.`,
        },
        shopSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Shop-Signature',
          description:
            "v1=<hex HMAC-SHA256 with the shared secret of: v1 \\n X-Shop-Timestamp \\n METHOD \\n path with query as sent \\n Idempotency-Key or '' \\n hex SHA-256 of the raw body>; refused (401) when it differs.",
        },
      },
      parameters: {
        customerId: {
          name: 'customerId',
          in: 'path',
          required: true,
          description:
            "The shop's customer id, from the shopper's verified token (never typed by the shopper).",
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
        subscriptionId: {
          name: 'subscriptionId',
          in: 'path',
          required: true,
          description: "One of this customer's subscription ids; another customer's is answered 404.",
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
        idempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description:
            'The same key answers the stored result of its first request and changes nothing again (a retried message reuses it).',
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
      },
      responses: {
        Unauthorized: error('Missing, wrong or stale signature'),
        NotFound: error("No such customer, or an id that is not this customer's"),
      },
      schemas: {
        Subscription: plain(SubscriptionSchema),
        Order: plain(OrderSchema),
        SubscriptionChange: plain(SubscriptionChangeSchema),
        SubscriptionsResponse: plain(SubscriptionsResponseSchema),
        OrdersResponse: plain(OrdersResponseSchema),
        SubscriptionResponse: plain(SubscriptionResponseSchema),
        Error: plain(ConnectorErrorBodySchema),
      },
    },
  };
}

/** The document as written to docs/connector-openapi.json. */
export function connectorOpenApiText(): string {
  return `${JSON.stringify(connectorOpenApi(), null, 2)}\n`;
}
