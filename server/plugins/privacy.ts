/**
 * Privacy (APPI): `fastify.privacy` masks shopper messages before the chat stores them, deletes a
 * shopper's data on request (console, CLI), and the retention sweep deletes conversations inactive for
 * RETENTION_DAYS (once when the server is ready, then every RETENTION_SWEEP_HOURS; off with 0).
 */
import fp from 'fastify-plugin';
import type { Env } from '../config/env-schema.ts';
import type { ShopConfig } from '../config/shop-config-schema.ts';
import { compileMaskPatterns } from '../privacy/mask-text.ts';
import { createPrivacyService, type PrivacyService } from '../privacy/privacy-service.ts';
import { type RetentionSweep, startRetentionSweep } from '../privacy/retention-sweep.ts';
import { PrivacyStore } from '../storage/privacy-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    privacy: PrivacyService;
  }
}

/** Options of the privacy plugin. */
export interface PrivacyPluginOptions {
  env: Env;
  shop: ShopConfig;
  /** The clock of the retention cutoff (tests). */
  now?: () => Date;
}

const HOUR_MS = 3_600_000;

export default fp<PrivacyPluginOptions>(
  async (fastify, { env, shop, now = () => new Date() }) => {
    const compiled = compileMaskPatterns(shop.privacy?.maskPatterns ?? []);
    // load-config refused bad patterns already; this only guards configs built by hand (tests).
    if (!compiled.ok)
      throw new Error(`privacy.maskPatterns/${compiled.problem.index}: ${compiled.problem.message}`);
    const log = fastify.log.child({ component: 'privacy' });
    const privacy = createPrivacyService({
      store: new PrivacyStore(() => fastify.storage.database(), fastify.storage.dialect),
      patterns: compiled.patterns,
      retentionDays: env.RETENTION_DAYS,
      log,
    });
    fastify.decorate('privacy', privacy);
    if (env.RETENTION_DAYS === 0) return;
    let sweep: RetentionSweep | undefined;
    fastify.addHook('onReady', async () => {
      sweep = startRetentionSweep({
        sweep: () => privacy.purgeExpired(now()),
        intervalMs: env.RETENTION_SWEEP_HOURS * HOUR_MS,
        onError: (error) => log.error({ err: error }, 'retention sweep failed'),
      });
    });
    // Registered after storage, so this runs before storage closes.
    fastify.addHook('onClose', async () => sweep?.stop());
  },
  { name: 'privacy', dependencies: ['storage'] },
);
