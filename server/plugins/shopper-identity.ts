/**
 * Verified identity (docs/identity.md): the shopper-token verifier built once from SHOPPER_TOKEN_*, or
 * undefined when no key is configured (every chat is anonymous; a token sent anyway is refused).
 */
import fp from 'fastify-plugin';
import type { Env } from '../config/env-schema.ts';
import { createShopperTokenVerifier, type ShopperTokenVerifier } from '../identity/shopper-token-verifier.ts';

declare module 'fastify' {
  interface FastifyInstance {
    shopperTokens: ShopperTokenVerifier | undefined;
  }
}

/** Options of the shopper identity plugin. */
export interface ShopperIdentityPluginOptions {
  env: Env;
  /** The clock tokens are checked against (tests); default the system clock. */
  now?: () => Date;
}

export default fp<ShopperIdentityPluginOptions>(
  async (fastify, { env, now }) => {
    const verifier = createShopperTokenVerifier({
      ...(env.SHOPPER_TOKEN_SECRET === undefined ? {} : { secret: env.SHOPPER_TOKEN_SECRET }),
      ...(env.SHOPPER_TOKEN_PUBLIC_KEY === undefined ? {} : { publicKey: env.SHOPPER_TOKEN_PUBLIC_KEY }),
      ...(env.SHOPPER_TOKEN_JWKS_URL === undefined ? {} : { jwksUrl: env.SHOPPER_TOKEN_JWKS_URL }),
      ...(env.SHOPPER_TOKEN_AUDIENCE === undefined ? {} : { audience: env.SHOPPER_TOKEN_AUDIENCE }),
      ...(env.SHOPPER_TOKEN_ISSUER === undefined ? {} : { issuer: env.SHOPPER_TOKEN_ISSUER }),
      ...(now ? { now } : {}),
    });
    fastify.decorate('shopperTokens', verifier);
  },
  { name: 'shopper-identity' },
);
