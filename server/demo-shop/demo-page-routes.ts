/**
 * The demo shop's pages and sign-in, for the demo page (server/public/index.html): the demo customers,
 * a sign-in that answers a shopper token for one of them (and keeps it in a cookie for My Page), the
 * My Page itself, and a reset of the demo data. Only registered while the demo is on (demo-mode.ts).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { DEMO_CUSTOMER_IDS } from './demo-data.ts';
import type { DemoTokenClaims } from './demo-mode.ts';
import type { DemoShopStore } from './demo-shop-store.ts';
import { DEMO_TOKEN_SECONDS, demoTokenSubject, signDemoToken } from './demo-token.ts';
import { renderMyPage } from './my-page.ts';

/** Options of the demo page routes. */
export interface DemoPageRoutesOptions {
  store: DemoShopStore;
  tokenSecret: string;
  /** `aud`/`iss` the chat requires of shopper tokens (demo-mode.ts). */
  tokenClaims?: DemoTokenClaims;
  now: () => Date;
  today: () => string;
}

/** Cookie holding the demo shopper token for My Page (path /demo-shop only). */
export const DEMO_COOKIE = 'demo_shopper';

const SignInBody = Type.Object({ customerId: Type.String({ minLength: 1, maxLength: 200 }) });

const demoPageRoutes: FastifyPluginAsync<DemoPageRoutesOptions> = async (fastify, options) => {
  fastify.get('/customers', async () => {
    const customers = await Promise.all(DEMO_CUSTOMER_IDS.map((id) => options.store.customer(id)));
    return { customers: customers.flatMap((c) => (c ? [{ id: c.id, name: c.name }] : [])) };
  });

  fastify.post<{ Body: { customerId: string } }>(
    '/sign-in',
    { schema: { body: SignInBody } },
    async (request, reply) => {
      const customer = await options.store.customer(request.body.customerId);
      if (!customer) {
        return reply.code(404).send({ code: 'DEMO_SHOP_ERR_NOT_FOUND', message: 'no such demo customer' });
      }
      const token = await signDemoToken(customer, options.tokenSecret, options.now(), options.tokenClaims);
      reply.setCookie(DEMO_COOKIE, token, {
        path: '/demo-shop',
        httpOnly: true,
        sameSite: 'lax',
        maxAge: DEMO_TOKEN_SECONDS,
      });
      return { customerId: customer.id, token, expiresInSeconds: DEMO_TOKEN_SECONDS };
    },
  );

  fastify.post('/sign-out', async (_request, reply) => {
    reply.clearCookie(DEMO_COOKIE, { path: '/demo-shop' });
    return { ok: true };
  });

  fastify.get('/my-page', async (request, reply) => {
    const token = request.cookies[DEMO_COOKIE];
    const customerId = token ? await demoTokenSubject(token, options.tokenSecret, options.now()) : undefined;
    const customer = customerId ? await options.store.customer(customerId) : undefined;
    const subscriptions = customer
      ? ((await options.store.subscriptions(customer.id, options.today())) ?? [])
      : [];
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderMyPage(customer, subscriptions));
  });

  fastify.post('/reset', async () => {
    await options.store.reset(options.today(), options.now());
    return { ok: true };
  });
};

export default demoPageRoutes;
