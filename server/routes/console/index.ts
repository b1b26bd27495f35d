/**
 * The console API under `/api/console`: one plugin per area, each declaring its own role checks through
 * `fastify.consoleAuth`. Rate limiting is registered here (per client IP, not global) so only the routes
 * that ask for it — sign-in — are limited.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Env } from '../../config/env-schema.ts';
import type { ShopConfig } from '../../config/shop-config-schema.ts';
import authRoutes from './auth.ts';
import corpusRoutes from './corpus.ts';
import modelRoutes from './models.ts';
import tryRoute from './try.ts';
import usersRoutes from './users.ts';

/** Options of the console API. */
export interface ConsoleApiOptions {
  env: Env;
  shop: ShopConfig;
  now: () => Date;
}

const consoleApi: FastifyPluginAsync<ConsoleApiOptions> = async (fastify, options) => {
  await fastify.register(authRoutes, {
    loginAttemptsPer15Min: options.env.CONSOLE_LOGIN_ATTEMPTS_PER_15_MIN,
  });
  await fastify.register(usersRoutes, { now: options.now });
  await fastify.register(corpusRoutes, { now: options.now });
  await fastify.register(tryRoute, { shop: options.shop });
  await fastify.register(modelRoutes);
};

export default consoleApi;
