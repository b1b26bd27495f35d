/**
 * The metrics port (METRICS_PORT on METRICS_HOST): a bare HTTP server apart from the chat port that
 * answers `GET /metrics` with the Prometheus text format and 404 to everything else. Kept off fastify
 * and the app on purpose: it runs in the cluster primary too, which has no app, and a scrape never
 * queues behind chat traffic on the app's routes. With METRICS_TOKEN set it asks for the token as well.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Env } from '../config/env-schema.ts';
import { bearerTokenMatches, METRICS_UNAUTHORIZED } from './metrics-access.ts';

/** The settings of metrics (docs/configuration.md). */
export type MetricsSettings = Pick<Env, 'METRICS_PORT' | 'METRICS_HOST' | 'METRICS_TOKEN'>;

/** One scrape's answer. */
export interface MetricsText {
  contentType: string;
  body: string;
}

/** Options of the metrics server. */
export interface MetricsServerOptions {
  port: number;
  host: string;
  /** Required bearer token; undefined: none asked. */
  token: string | undefined;
  /** Produces the metrics text (this process's registry, or the cluster's sum). */
  scrape(): Promise<MetricsText>;
  log: { error(obj: object, msg: string): void };
}

/** A listening metrics server. */
export interface MetricsServer {
  /** The port it listens on (the one asked for, or the one the system chose for 0). */
  port: number;
  close(): Promise<void>;
}

function sendJson(response: http.ServerResponse, status: number, body: object, headers = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Starts the metrics server; resolves once it listens. */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      sendJson(response, 404, {
        code: 'METRICS_ERR_NOT_FOUND',
        message: 'Only GET /metrics is served here.',
      });
      return;
    }
    if (options.token !== undefined && !bearerTokenMatches(request.headers.authorization, options.token)) {
      const { status, headers, body } = METRICS_UNAUTHORIZED;
      sendJson(response, status, body, headers);
      return;
    }
    options.scrape().then(
      (metrics) => {
        response.writeHead(200, { 'content-type': metrics.contentType });
        response.end(metrics.body);
      },
      (error: unknown) => {
        options.log.error({ err: error }, 'metrics scrape failed');
        sendJson(response, 500, { code: 'METRICS_ERR_SCRAPE', message: 'The metrics could not be read.' });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
