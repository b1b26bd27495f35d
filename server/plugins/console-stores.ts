/**
 * The console's read-and-review stores (escalations and outbox, the unanswered queue, analytics) over the
 * shared database, and the shop facts their routes need (time zone for days and hours, mail settings for
 * operator replies). Registered after storage and mail.
 */
import fp from 'fastify-plugin';
import type { Env } from '../config/env-schema.ts';
import type { ShopConfig } from '../config/shop-config-schema.ts';
import { AnalyticsQueries } from '../storage/analytics-queries.ts';
import { EscalationReviewStore } from '../storage/escalation-review-store.ts';
import type { Locale } from '../storage/repository.ts';
import { UnansweredStore } from '../storage/unanswered-store.ts';

/** Shop facts the console routes need. */
export interface ConsoleSettings {
  /** IANA zone of the shop's days and hours (filters, reports). */
  timeZone: string;
  /** False without SMTP_URL: mail waits in the outbox. */
  smtpConfigured: boolean;
  shopName: Record<Locale, string>;
  /** The support mailbox (Reply-To of operator replies). */
  supportEmail: string;
  /** Domain of Message-IDs (the sender's). */
  messageIdDomain: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    escalationReview: EscalationReviewStore;
    unansweredQueue: UnansweredStore;
    analyticsQueries: AnalyticsQueries;
    consoleSettings: ConsoleSettings;
  }
}

/** Options of the console stores plugin. */
export interface ConsoleStoresOptions {
  env: Env;
  shop: ShopConfig;
}

export default fp<ConsoleStoresOptions>(
  async (fastify, { env, shop }) => {
    const db = () => fastify.storage.database();
    const dialect = fastify.storage.dialect;
    const mailFrom = env.MAIL_FROM ?? shop.supportEmail;
    fastify.decorate('escalationReview', new EscalationReviewStore(db));
    fastify.decorate('unansweredQueue', new UnansweredStore(db, dialect));
    fastify.decorate('analyticsQueries', new AnalyticsQueries(db, dialect));
    fastify.decorate('consoleSettings', {
      timeZone: shop.timeZone,
      smtpConfigured: env.SMTP_URL !== undefined,
      shopName: shop.name,
      supportEmail: shop.supportEmail,
      messageIdDomain: mailFrom.slice(mailFrom.lastIndexOf('@') + 1),
    });
  },
  { name: 'console-stores', dependencies: ['storage'] },
);
