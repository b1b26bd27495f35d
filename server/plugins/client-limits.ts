/**
 * The per-client limits (server/limits/): picks the shared store that fits the deployment
 * (CLIENT_LIMITS_STORE; docs/deployment.md "Abuse limits"), and decorates `clientLimits`, `connectionCap`
 * (open sockets per client, CHAT_MAX_CONNECTIONS_PER_IP, in the same place), the sampled
 * `refusalLog`, and `limitedEscalations(ip)`, the escalation service of one connection with the handoff
 * limit, the fair outbox slot and the flood alert. Registered after storage and mail; closed before them.
 */
import cluster from 'node:cluster';
import fp from 'fastify-plugin';
import type { Env } from '../config/env-schema.ts';
import type { ShopConfig } from '../config/shop-config-schema.ts';
import { clientKey } from '../limits/client-key.ts';
import { type ClientLimits, clientLimitRules, createClientLimits } from '../limits/client-limits.ts';
import { ClusterConnectionCap } from '../limits/cluster-connection-cap.ts';
import { ClusterLimitStore, type IpcChannel } from '../limits/cluster-limit-store.ts';
import { type ConnectionCap, MemoryConnectionCap } from '../limits/connection-cap.ts';
import { buildFloodAlertMail, queueFloodAlert } from '../limits/flood-alert.ts';
import { gateEscalations } from '../limits/handoff-gate.ts';
import { type LimitStore, MemoryLimitStore } from '../limits/limit-store.ts';
import { PostgresConnectionCap } from '../limits/postgres-connection-cap.ts';
import { PostgresLimitStore } from '../limits/postgres-limit-store.ts';
import { createRefusalLog, type RefusalLog } from '../limits/refusal-log.ts';
import type { EscalationService } from '../mail/escalation-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    clientLimits: ClientLimits;
    /** Open chat sockets per client, in the same shared place as the limits. */
    connectionCap: ConnectionCap;
    /** Logs a refusal once per client and minute (the rest are counted). */
    refusalLog: RefusalLog;
    /** The escalation service for one connection's client IP, with the handoff limit. */
    limitedEscalations(ip: string): EscalationService;
  }
}

/** Options of the client limits plugin. */
export interface ClientLimitsOptions {
  env: Env;
  shop: ShopConfig;
}

/** Refusals of one kind are logged once per client this often, ms. */
const REFUSAL_LOG_EVERY_MS = 60_000;

export default fp<ClientLimitsOptions>(
  async (fastify, options) => {
    const { env, shop } = options;
    const choice =
      env.CLIENT_LIMITS_STORE !== 'auto'
        ? env.CLIENT_LIMITS_STORE
        : fastify.storage.dialect === 'postgres'
          ? 'postgres'
          : cluster.isWorker
            ? 'cluster'
            : 'memory';
    let store: LimitStore;
    let connectionCap: ConnectionCap;
    if (choice === 'postgres') {
      // Prepared by name: a take runs for every message, an acquire for every socket.
      const run = fastify.storage.statements();
      store = await PostgresLimitStore.open(fastify.storage.database(), Date.now, run);
      connectionCap = await PostgresConnectionCap.open(fastify.storage.database(), Date.now, run);
    } else if (choice === 'cluster' && cluster.isWorker) {
      store = new ClusterLimitStore(process as unknown as IpcChannel);
      connectionCap = new ClusterConnectionCap(process as unknown as IpcChannel);
    } else {
      connectionCap = new MemoryConnectionCap();
      if (choice === 'cluster')
        fastify.log.warn('CLIENT_LIMITS_STORE=cluster outside a cluster: counting in memory');
      store = new MemoryLimitStore();
    }
    fastify.log.info({ store: store.kind }, 'client limits ready');
    const log = fastify.log.child({ component: 'client-limits' });
    const limits = createClientLimits({ store, rules: clientLimitRules(env), log });
    const refusalLog = createRefusalLog(log, REFUSAL_LOG_EVERY_MS);
    const mailFrom = env.MAIL_FROM ?? shop.supportEmail;
    const alert = async (ip: string, now: Date): Promise<void> => {
      const mail = buildFloodAlertMail({
        client: clientKey(ip),
        perMinute: env.CLIENT_HANDOFFS_PER_MINUTE,
        burst: env.CLIENT_HANDOFFS_BURST,
        alertEveryMinutes: env.CLIENT_FLOOD_ALERT_MINUTES,
        now,
        shopName: shop.name,
        supportEmail: shop.supportEmail,
        messageIdDomain: mailFrom.slice(mailFrom.lastIndexOf('@') + 1),
        timeZone: shop.timeZone,
        staffLocale: shop.mail.staffLocale,
      });
      await queueFloodAlert(fastify.storage, mail);
      log.warn(
        { mailId: mail.id, client: clientKey(ip) },
        'flood alert queued: handoffs refused for a client',
      );
      fastify.mailRelay?.wake();
    };
    fastify.decorate('clientLimits', limits);
    fastify.decorate('connectionCap', connectionCap);
    fastify.decorate('refusalLog', refusalLog);
    fastify.decorate('limitedEscalations', (ip: string) =>
      gateEscalations({
        escalations: fastify.escalations,
        storage: fastify.storage,
        limits,
        ip,
        alert,
        refused: refusalLog,
        log,
      }),
    );
    fastify.addHook('onClose', async () => {
      await connectionCap.close();
      await limits.close();
    });
  },
  { name: 'client-limits', dependencies: ['storage', 'mail'] },
);
