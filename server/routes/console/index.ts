/**
 * The console API under `/api/console`: one plugin per area, each declaring its own role checks through
 * `fastify.consoleAuth`. Rate limiting is registered here (per client IP, not global) so only the routes
 * that ask for it — sign-in — are limited. Every response says `Cache-Control: no-store`.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Env } from '../../config/env-schema.ts';
import type { ShopConfig } from '../../config/shop-config-schema.ts';
import actionRoutes from './actions.ts';
import analyticsRoutes from './analytics.ts';
import authRoutes from './auth.ts';
import corpusRoutes from './corpus.ts';
import escalationReplyRoute from './escalation-reply.ts';
import escalationRoutes from './escalations.ts';
import modelRoutes from './models.ts';
import openapiRoute from './openapi.ts';
import outboxRoutes from './outbox.ts';
import privacyRoutes from './privacy.ts';
import shopRoute from './shop.ts';
import tryRoute from './try.ts';
import unansweredRoutes from './unanswered.ts';
import usersRoutes from './users.ts';

/** Options of the console API. */
export interface ConsoleApiOptions {
  env: Env;
  shop: ShopConfig;
  now: () => Date;
}

const consoleApi: FastifyPluginAsync<ConsoleApiOptions> = async (fastify, options) => {
  // Staff data, escalations with shoppers' addresses, CSV exports: never kept by a browser or proxy cache
  // (a shared computer's back button, a caching proxy). Every response, errors included.
  fastify.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
  await fastify.register(authRoutes, {
    loginAttemptsPer15Min: options.env.CONSOLE_LOGIN_ATTEMPTS_PER_15_MIN,
  });
  await fastify.register(usersRoutes, { now: options.now });
  await fastify.register(corpusRoutes, { now: options.now });
  await fastify.register(tryRoute, { shop: options.shop });
  await fastify.register(shopRoute, { shop: options.shop });
  await fastify.register(modelRoutes);
  await fastify.register(escalationRoutes, { now: options.now });
  await fastify.register(escalationReplyRoute, { now: options.now });
  await fastify.register(outboxRoutes);
  await fastify.register(actionRoutes);
  await fastify.register(unansweredRoutes, { now: options.now });
  await fastify.register(analyticsRoutes, { now: options.now });
  await fastify.register(privacyRoutes);
  await fastify.register(openapiRoute);
};

export default consoleApi;
