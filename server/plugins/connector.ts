/**
 * The shop connector (server/connector/), as `fastify.shopConnector`: the HTTP client of the contract
 * for SHOP_CONNECTOR_URL; else, while the demo shop is on, the same client pointed at the embedded demo
 * shop in-process (its own random secret); else undefined (no live shop data: the bot answers as before).
 */
import fp from 'fastify-plugin';
import type { Env } from '../config/env-schema.ts';
import { createHttpConnector } from '../connector/http-connector.ts';
import { instrumentConnector } from '../connector/instrumented-connector.ts';
import type { ShopConnector } from '../connector/shop-connector.ts';
import type { DemoShopMode } from '../demo-shop/demo-mode.ts';
import { injectFetch } from '../demo-shop/inject-fetch.ts';
import { DEMO_CONNECTOR_PREFIX } from './demo-shop.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The shop's system, when one is configured (or the demo shop is on). */
    shopConnector: ShopConnector | undefined;
  }
}

/** Options of the connector plugin. */
export interface ConnectorPluginOptions {
  env: Env;
  demo: DemoShopMode;
}

export default fp<ConnectorPluginOptions>(
  async (fastify, { env, demo }) => {
    const common = {
      timeoutMs: env.SHOP_CONNECTOR_TIMEOUT_MS,
      cacheTtlMs: env.SHOP_CONNECTOR_CACHE_SECONDS * 1000,
    };
    let connector: ShopConnector | undefined;
    if (env.SHOP_CONNECTOR_URL && env.SHOP_CONNECTOR_SECRET) {
      connector = createHttpConnector({
        ...common,
        baseUrl: env.SHOP_CONNECTOR_URL,
        secret: env.SHOP_CONNECTOR_SECRET,
      });
      fastify.log.info({ connector: new URL(env.SHOP_CONNECTOR_URL).origin }, 'shop connector configured');
    } else if (demo.enabled) {
      connector = createHttpConnector({
        ...common,
        // The host is never resolved: injectFetch hands the path to this server in-process.
        baseUrl: `http://demo-shop.localhost${DEMO_CONNECTOR_PREFIX}`,
        secret: demo.connectorSecret,
        fetch: injectFetch(fastify),
      });
    }
    // Calls by operation and outcome, with their time (no-op instruments when metrics are off).
    fastify.decorate('shopConnector', connector && instrumentConnector(connector, fastify.metrics));
  },
  { name: 'connector', dependencies: ['metrics'] },
);
