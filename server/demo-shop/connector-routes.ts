/**
 * The embedded demo shop's side of the connector contract (docs/connector.md): the three routes, each
 * request's signature and replay window checked before anything else, exactly as a shop's own
 * implementation should (401 otherwise), and a change's Idempotency-Key required. Registered under
 * /demo-shop/connector; the server's connector reaches it in-process (server/plugins/connector.ts).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { type SubscriptionChange, SubscriptionChangeSchema } from '../../bot/shop/shop-data.ts';
import {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../connector/request-signing.ts';
import type { DemoShopStore } from './demo-shop-store.ts';

/** Options of the demo connector routes. */
export interface DemoConnectorRoutesOptions {
  store: DemoShopStore;
  secret: string;
  now: () => Date;
  /** Today's shop-local date. */
  today: () => string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as received, for the signature (set by the demo connector's JSON parser). */
    demoRawBody?: string;
  }
}

const CustomerParams = Type.Object({ customerId: Type.String({ minLength: 1, maxLength: 200 }) });
const ChangeParams = Type.Object({
  customerId: Type.String({ minLength: 1, maxLength: 200 }),
  subscriptionId: Type.String({ minLength: 1, maxLength: 200 }),
});

const demoConnectorRoutes: FastifyPluginAsync<DemoConnectorRoutesOptions> = async (fastify, options) => {
  // The signature covers the body's bytes, so keep them; JSON is parsed here too.
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.demoRawBody = body as string;
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('body is not JSON'), { statusCode: 400, code: 'DEMO_SHOP_ERR_BAD_JSON' }));
    }
  });
  // Before validation: an unsigned request learns nothing, not even whether its body was well formed.
  fastify.addHook('preValidation', async (request: FastifyRequest, reply) => {
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const verified = verifySignature(
      options.secret,
      {
        method: request.method,
        pathWithQuery: request.url,
        body: request.demoRawBody ?? '',
        idempotencyKey: header(IDEMPOTENCY_HEADER) ?? '',
        timestampHeader: header(TIMESTAMP_HEADER),
        signatureHeader: header(SIGNATURE_HEADER),
      },
      options.now(),
    );
    if (!verified.ok) {
      return reply.code(401).send({
        code: `DEMO_SHOP_ERR_SIGNATURE_${verified.problem.toUpperCase()}`,
        message: 'request signature refused',
      });
    }
  });

  fastify.get<{ Params: { customerId: string } }>(
    '/customers/:customerId/subscriptions',
    { schema: { params: CustomerParams } },
    async (request, reply) => {
      const subscriptions = await options.store.subscriptions(request.params.customerId, options.today());
      if (!subscriptions)
        return reply.code(404).send({ code: 'DEMO_SHOP_ERR_NOT_FOUND', message: 'no such customer' });
      return { subscriptions };
    },
  );

  fastify.get<{ Params: { customerId: string } }>(
    '/customers/:customerId/orders',
    { schema: { params: CustomerParams } },
    async (request, reply) => {
      const orders = await options.store.orders(request.params.customerId);
      if (!orders)
        return reply.code(404).send({ code: 'DEMO_SHOP_ERR_NOT_FOUND', message: 'no such customer' });
      return { orders };
    },
  );

  fastify.post<{ Params: { customerId: string; subscriptionId: string }; Body: SubscriptionChange }>(
    '/customers/:customerId/subscriptions/:subscriptionId/changes',
    { schema: { params: ChangeParams, body: SubscriptionChangeSchema } },
    async (request, reply) => {
      const key = request.headers[IDEMPOTENCY_HEADER];
      if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
        return reply.code(400).send({
          code: 'DEMO_SHOP_ERR_IDEMPOTENCY_KEY_REQUIRED',
          message: 'Idempotency-Key header required',
        });
      }
      const { customerId, subscriptionId } = request.params;
      const answer = await options.store.change(
        customerId,
        subscriptionId,
        request.body,
        key,
        options.today(),
        options.now(),
      );
      return reply.code(answer.status).send(answer.body);
    },
  );
};

export default demoConnectorRoutes;
