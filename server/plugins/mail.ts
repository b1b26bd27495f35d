/**
 * Handoff mail: the escalation service (records escalation + outbox mail in one transaction) and the
 * mail relay that drains the outbox over SMTP. The relay starts when the server is ready and stops
 * before storage closes (this plugin is registered after storage, so its onClose runs first). Without
 * SMTP_URL no relay runs: mail stays in the outbox and is logged when queued.
 */
import fp from 'fastify-plugin';
import type { Env } from '../config/env-schema.ts';
import type { ShopConfig } from '../config/shop-config-schema.ts';
import { createEscalationService, type EscalationService } from '../mail/escalation-service.ts';
import { createMailRelay, type MailRelay } from '../mail/mail-relay.ts';
import { createSmtpSender } from '../mail/smtp-sender.ts';

declare module 'fastify' {
  interface FastifyInstance {
    escalations: EscalationService;
    /** The relay, or undefined without SMTP_URL. */
    mailRelay: MailRelay | undefined;
  }
}

/** Options of the mail plugin. */
export interface MailPluginOptions {
  env: Env;
  shop: ShopConfig;
}

const SECOND = 1000;
const HOUR = 3600 * SECOND;

export default fp<MailPluginOptions>(
  async (fastify, options) => {
    const { env, shop } = options;
    const mailFrom = env.MAIL_FROM ?? shop.supportEmail;
    const sender = env.SMTP_URL
      ? createSmtpSender({
          smtpUrl: env.SMTP_URL,
          from: { name: shop.name[shop.mail.staffLocale], address: mailFrom },
          timeoutMs: env.MAIL_SEND_TIMEOUT_SECONDS * SECOND,
        })
      : undefined;
    const relay =
      sender &&
      createMailRelay({
        storage: fastify.storage,
        sender,
        log: fastify.log.child({ component: 'mail-relay' }),
        retryBaseMs: env.MAIL_RETRY_BASE_SECONDS * SECOND,
        retryMaxMs: env.MAIL_RETRY_MAX_SECONDS * SECOND,
        failAfterMs: env.MAIL_FAIL_AFTER_HOURS * HOUR,
        leaseMs: env.MAIL_LEASE_SECONDS * SECOND,
        pollMs: env.MAIL_POLL_SECONDS * SECOND,
        metrics: fastify.metrics,
      });
    const escalations = createEscalationService({
      storage: fastify.storage,
      settings: {
        shopName: shop.name,
        supportEmail: shop.supportEmail,
        mailFrom,
        timeZone: shop.timeZone,
        publicUrl: env.PUBLIC_URL,
        staffLocale: shop.mail.staffLocale,
        copyToShopper: shop.mail.copyToShopper,
        smtpConfigured: sender !== undefined,
      },
      log: fastify.log.child({ component: 'escalations' }),
      onQueued: () => relay?.wake(),
    });
    fastify.decorate('escalations', escalations);
    fastify.decorate('mailRelay', relay);

    if (!relay) {
      fastify.log.warn(
        'SMTP_URL is not set: handoff mail stays in the outbox (read it in the console); the log names only its id',
      );
      return;
    }
    fastify.addHook('onReady', async () => relay.start());
    fastify.addHook('onClose', async () => {
      await relay.stop();
      sender.close();
    });
  },
  { name: 'mail', dependencies: ['storage', 'metrics'] },
);
