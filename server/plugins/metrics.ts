/**
 * Metrics (docs/operations.md#metrics): decorates `metrics`, the instruments every module reports to.
 * On when METRICS_PORT or METRICS_TOKEN is set; otherwise they are NO_INSTRUMENTS and cost nothing.
 * Served in the Prometheus text format on the metrics port (METRICS_PORT on METRICS_HOST, loopback by
 * default) and, with METRICS_TOKEN, at GET /metrics on the chat port to that bearer token only: never
 * public by default. In a cluster the primary owns the port and sums the workers (cluster-metrics.ts);
 * a worker answers /metrics with that sum too.
 */
import cluster from 'node:cluster';
import fp from 'fastify-plugin';
import { Registry } from 'prom-client';
import type { IpcChannel } from '../limits/cluster-limit-store.ts';
import { clusterMetricsClient, workerRegistry } from '../metrics/cluster-metrics.ts';
import { type Instruments, NO_INSTRUMENTS } from '../metrics/instruments.ts';
import { bearerTokenMatches, METRICS_UNAUTHORIZED, metricsEnabled } from '../metrics/metrics-access.ts';
import { type MetricsSettings, type MetricsText, startMetricsServer } from '../metrics/metrics-server.ts';
import { createPrometheusInstruments } from '../metrics/prometheus-instruments.ts';
import { readOutboxStats } from '../storage/outbox-stats.ts';

/** Requests for /metrics on the chat port one client IP may make per minute (429 beyond). */
const SCRAPES_PER_MINUTE = 60;

declare module 'fastify' {
  interface FastifyInstance {
    /** What the server reports for metrics; NO_INSTRUMENTS when metrics are off. */
    metrics: Instruments;
  }
}

/** Options of the metrics plugin. */
export interface MetricsPluginOptions {
  env: MetricsSettings;
}

export default fp<MetricsPluginOptions>(
  async (fastify, options) => {
    const { env } = options;
    if (!metricsEnabled(env)) {
      fastify.decorate('metrics', NO_INSTRUMENTS);
      return;
    }
    const registry = cluster.isWorker ? workerRegistry() : new Registry();
    const instruments = createPrometheusInstruments(registry, {
      outbox: () => readOutboxStats(fastify.storage.database()),
      // Read when scraped: the bot runtime and the socket server are registered after this plugin.
      modelVersion: () => {
        if (!fastify.hasDecorator('botRuntime')) return undefined;
        const live = fastify.botRuntime.live();
        return live ? live.versionId : undefined;
      },
      openSockets: () => fastify.websocketServer?.clients.size ?? 0,
    });
    fastify.decorate('metrics', instruments);

    const scrape: () => Promise<MetricsText> = cluster.isWorker
      ? clusterMetricsClient(process as unknown as IpcChannel)
      : async () => ({ contentType: registry.contentType, body: await registry.metrics() });

    const token = env.METRICS_TOKEN;
    if (token !== undefined) {
      fastify.get(
        '/metrics',
        // Guessing the token is slowed down per client IP; a scraper asks a few times a minute.
        { logLevel: 'warn', preHandler: fastify.rateLimit({ max: SCRAPES_PER_MINUTE, timeWindow: 60_000 }) },
        async (request, reply) => {
          if (!bearerTokenMatches(request.headers.authorization, token)) {
            const { status, headers, body } = METRICS_UNAUTHORIZED;
            return reply.code(status).headers(headers).send(body);
          }
          const metrics = await scrape();
          return reply.type(metrics.contentType).send(metrics.body);
        },
      );
    }

    // A cluster's workers leave the port to the primary (server/cluster-primary.ts).
    if (env.METRICS_PORT !== undefined && !cluster.isWorker) {
      const server = await startMetricsServer({
        port: env.METRICS_PORT,
        host: env.METRICS_HOST,
        token,
        scrape,
        log: fastify.log,
      });
      fastify.log.info({ port: server.port, host: env.METRICS_HOST }, 'metrics served');
      fastify.addHook('onClose', async () => server.close());
    }
    fastify.addHook('onClose', async () => registry.clear());
  },
  { name: 'metrics', dependencies: ['storage'] },
);
