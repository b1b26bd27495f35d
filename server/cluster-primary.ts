/**
 * SERVER_PROCESSES > 1: the primary process of a Node cluster. It forks one worker and waits until that
 * worker is ready (migrations, corpus seed and, on a fresh database, the first training happen once),
 * then forks the rest; the workers share the listening port (the primary hands out connections).
 * Everything a chat needs lives in the database, so any worker can serve any shopper, and a
 * reconnecting shopper may land on another worker and resume. A worker that dies is replaced.
 * SIGINT/SIGTERM are passed on; each worker closes its chats with 1001 and its storage gracefully.
 * The primary also holds the per-client limit counts for its workers (server/limits/cluster-limit-store.ts)
 * relays conversation news between them (staff replies, server/conversation-news/) and, with metrics on, sums the workers' metrics and serves them on METRICS_PORT (server/metrics/).
 */
import cluster, { type Worker } from 'node:cluster';
import { serveClusterNews } from './conversation-news/cluster-news.ts';
import { serveClusterConnectionCap } from './limits/cluster-connection-cap.ts';
import { serveClusterLimits } from './limits/cluster-limit-store.ts';
import { serveClusterMetrics } from './metrics/cluster-metrics.ts';
import { metricsEnabled } from './metrics/metrics-access.ts';
import { type MetricsSettings, startMetricsServer } from './metrics/metrics-server.ts';

/** The message a worker sends once its bot is ready (server/main.ts). */
export const WORKER_READY = 'shop-bot:worker-ready';

/** A crashed worker is replaced after this delay (ms), doubling while crashes repeat, at most RESPAWN_MAX_MS. */
const RESPAWN_MIN_MS = 500;
const RESPAWN_MAX_MS = 30_000;
/** Workers still running this long after the shutdown signal are killed (ms). */
const SHUTDOWN_GRACE_MS = 15_000;

function log(message: string): void {
  process.stderr.write(
    `${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg: message })}\n`,
  );
}

function waitUntilReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if ((message as { type?: string } | null)?.type !== WORKER_READY) return;
      worker.off('exit', onExit);
      worker.off('message', onMessage);
      resolve();
    };
    const onExit = (code: number) =>
      reject(new Error(`the first worker exited with code ${code} before it was ready`));
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
}

/** Runs the primary: forks `processes` workers and keeps them running until a shutdown signal. */
export async function runClusterPrimary(processes: number, metrics: MetricsSettings): Promise<void> {
  let shuttingDown = false;
  let respawnDelay = RESPAWN_MIN_MS;

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if ((message as { type?: string } | null)?.type === WORKER_READY) respawnDelay = RESPAWN_MIN_MS;
    });
    return worker;
  };

  // Installed first: a signal during start-up also stops the workers started so far.
  const shutdown = (signal: NodeJS.Signals): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`cluster primary: ${signal}, stopping workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const killer = setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    }, SHUTDOWN_GRACE_MS);
    killer.unref();
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearInterval(check);
        process.exit(0);
      }
    }, 100);
  };
  // The workers' per-client limits and socket counts live here, so every worker counts against one cap.
  serveClusterLimits(cluster);
  serveClusterConnectionCap(cluster);
  // Staff replies reach a shopper's socket on whichever worker holds it (server/conversation-news/).
  serveClusterNews(cluster);
  if (metricsEnabled(metrics)) {
    const scrape = serveClusterMetrics(cluster);
    if (metrics.METRICS_PORT !== undefined) {
      await startMetricsServer({
        port: metrics.METRICS_PORT,
        host: metrics.METRICS_HOST,
        token: metrics.METRICS_TOKEN,
        scrape,
        log: { error: (obj, msg) => log(`${msg}: ${String((obj as { err?: unknown }).err)}`) },
      });
      log(`cluster primary: metrics on ${metrics.METRICS_HOST}:${metrics.METRICS_PORT}`);
    }
  }
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const first = fork();
  await waitUntilReady(first);
  const rest = Array.from({ length: processes - 1 }, () => fork());
  await Promise.all(rest.map(waitUntilReady));
  log(`cluster primary: ${processes} worker processes ready`);

  cluster.on('exit', (worker, code, signal) => {
    if (shuttingDown) return;
    log(`worker ${worker.process.pid} exited (${signal ?? code}); replacing it in ${respawnDelay} ms`);
    setTimeout(() => {
      if (!shuttingDown) fork();
    }, respawnDelay);
    respawnDelay = Math.min(respawnDelay * 2, RESPAWN_MAX_MS);
  });
}
