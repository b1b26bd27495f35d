/**
 * The console API under `/api/console`: one plugin per area, each declaring its own role checks through
 * `fastify.consoleAuth`. Rate limiting is registered here (per client IP, not global) so only the routes
 * that ask for it — sign-in — are limited.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Env } from '../../config/env-schema.ts';
import authRoutes from './auth.ts';
import usersRoutes from './users.ts';

/** Options of the console API. */
export interface ConsoleApiOptions {
  env: Env;
  now: () => Date;
}

const consoleApi: FastifyPluginAsync<ConsoleApiOptions> = async (fastify, options) => {
  await fastify.register(authRoutes, {
    loginAttemptsPer15Min: options.env.CONSOLE_LOGIN_ATTEMPTS_PER_15_MIN,
  });
  await fastify.register(usersRoutes, { now: options.now });
};

export default consoleApi;
