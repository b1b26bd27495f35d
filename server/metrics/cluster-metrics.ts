/**
 * One scrape sees every process of a cluster (SERVER_PROCESSES > 1): prom-client's AggregatorRegistry in
 * the primary asks each worker for its registry over the cluster's IPC channel and sums them (or takes
 * the max, for gauges that say so). The primary serves the sum on METRICS_PORT; a worker asked for
 * /metrics on the chat port (METRICS_TOKEN) asks the primary for the same sum, so whichever worker
 * takes the request, the answer covers the cluster.
 */
import type { Worker } from 'node:cluster';
import { AggregatorRegistry, type PrometheusContentType, type Registry } from 'prom-client';
import type { IpcChannel } from '../limits/cluster-limit-store.ts';
import type { MetricsText } from './metrics-server.ts';

const SCRAPE_REQUEST = 'shop-bot:metrics-request';
const SCRAPE_RESPONSE = 'shop-bot:metrics-response';
/** A worker waits this long for the primary's sum, ms (prom-client gives workers 5 s to answer it). */
const ANSWER_TIMEOUT_MS = 8000;

interface ScrapeRequest {
  type: typeof SCRAPE_REQUEST;
  id: number;
}
interface ScrapeResponse {
  type: typeof SCRAPE_RESPONSE;
  id: number;
  metrics?: MetricsText;
  error?: string;
}

/**
 * A worker's registry: an AggregatorRegistry, whose construction makes this worker answer the primary's
 * requests, with this registry as the one it reports.
 */
export function workerRegistry(): Registry {
  const registry = new AggregatorRegistry<PrometheusContentType>();
  AggregatorRegistry.setRegistries([registry]);
  return registry;
}

/**
 * The primary's side: the cluster's metrics, summed over the workers that are connected, and the
 * answers to workers that ask for them.
 */
export function serveClusterMetrics(cluster: {
  on(event: 'message', listener: (worker: Worker, message: unknown) => void): unknown;
}): () => Promise<MetricsText> {
  const aggregator = new AggregatorRegistry<PrometheusContentType>();
  const scrape = async (): Promise<MetricsText> => ({
    contentType: aggregator.contentType,
    body: await aggregator.clusterMetrics(),
  });
  cluster.on('message', (worker, message) => {
    const request = message as Partial<ScrapeRequest> | null;
    if (request?.type !== SCRAPE_REQUEST || typeof request.id !== 'number') return;
    const id = request.id;
    const answer = (response: ScrapeResponse) => {
      if (worker.isConnected()) worker.send(response);
    };
    scrape().then(
      (metrics) => answer({ type: SCRAPE_RESPONSE, id, metrics }),
      (error: unknown) =>
        answer({ type: SCRAPE_RESPONSE, id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  return scrape;
}

/** A worker's side: asks the primary for the cluster's metrics. */
export function clusterMetricsClient(channel: IpcChannel): () => Promise<MetricsText> {
  let nextId = 1;
  return () =>
    new Promise<MetricsText>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (message: unknown) => {
        const response = message as Partial<ScrapeResponse> | null;
        if (response?.type !== SCRAPE_RESPONSE || response.id !== id) return;
        clearTimeout(timer);
        channel.off('message', onMessage);
        if (response.metrics) resolve(response.metrics);
        else reject(new Error(`the cluster primary could not sum the metrics: ${response.error}`));
      };
      const timer = setTimeout(() => {
        channel.off('message', onMessage);
        reject(new Error('the cluster primary did not answer the metrics request'));
      }, ANSWER_TIMEOUT_MS);
      timer.unref();
      channel.on('message', onMessage);
      channel.send({ type: SCRAPE_REQUEST, id } satisfies ScrapeRequest);
    });
}
