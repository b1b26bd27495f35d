/**
 * The embedded demo shop (server/demo-shop/), registered only while it is on (demo-mode.ts): seeds the
 * demo customers, serves the connector contract under /demo-shop/connector and the demo sign-in and
 * My Page under /demo-shop. Its requests are logged at warn only: their URLs name (demo) customers.
 */
import fp from 'fastify-plugin';
import connectorRoutes from '../demo-shop/connector-routes.ts';
import type { DemoShopMode } from '../demo-shop/demo-mode.ts';
import { shopToday } from '../demo-shop/demo-mode.ts';
import pageRoutes from '../demo-shop/demo-page-routes.ts';
import { DemoShopStore } from '../demo-shop/demo-shop-store.ts';
import lineLinkPage from '../demo-shop/line-link-page.ts';

/** Where the demo shop serves the connector contract. */
export const DEMO_CONNECTOR_PREFIX = '/demo-shop/connector';

/** Options of the demo shop plugin. */
export interface DemoShopPluginOptions {
  mode: Extract<DemoShopMode, { enabled: true }>;
  /** The shop's time zone: "today" for delivery dates. */
  timeZone: string;
  now: () => Date;
}

export default fp<DemoShopPluginOptions>(
  async (fastify, options) => {
    const { mode, now } = options;
    const today = () => shopToday(now(), options.timeZone);
    const store = new DemoShopStore(() => fastify.storage.database(), fastify.storage.dialect);
    await store.seed(today(), now());
    if (mode.warning) fastify.log.warn(mode.warning);
    else fastify.log.info('demo shop on (loopback only); DEMO_SHOP=0 turns it off');
    await fastify.register(connectorRoutes, {
      prefix: DEMO_CONNECTOR_PREFIX,
      logLevel: 'warn',
      store,
      secret: mode.connectorSecret,
      // Signatures are checked against the real clock, as the connector signs with it; "today" follows
      // the conversation clock (tests freeze it), so the dates the chat and the demo shop see agree.
      now: () => new Date(),
      today,
    });
    await fastify.register(pageRoutes, {
      prefix: '/demo-shop',
      logLevel: 'warn',
      store,
      tokenSecret: mode.tokenSecret,
      tokenClaims: mode.tokenClaims,
      now,
      today,
    });
    // The demo's sign-in for LINE account linking (its own plugin: it parses HTML forms).
    await fastify.register(lineLinkPage, {
      prefix: '/demo-shop',
      logLevel: 'warn',
      store,
      tokenSecret: mode.tokenSecret,
      tokenClaims: mode.tokenClaims,
      now,
    });
  },
  { name: 'demo-shop', dependencies: ['storage', 'console-auth'] },
);
