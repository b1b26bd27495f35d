/**
 * Fresh chat servers for the benchmark: each on its own DATA_DIR under the run's temp root (and its own
 * PostgreSQL database with --postgres, dropped at clean-up), with the cached trained model copied in so
 * only the first run ever trains.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { log, onCleanUp } from './cleanups.ts';
import { databaseUrlFor } from './database-url.ts';
import { scrapeMetrics } from './metrics-scraper.ts';
import { type ChatServerProcess, freePort, startChatServer } from './server-process.ts';

/** Trained models survive between runs here (the file name is keyed by the corpus, so edits retrain). */
const MODEL_CACHE_DIR = path.join(os.tmpdir(), 'shop-support-bot-bench', 'models');
/** Waiting for /readyz, in ms: long enough to train the model on the first run. */
const READY_TIMEOUT_MS = 180_000;

/** How every server of a run is started. */
export interface FreshServerSettings {
  repoDir: string;
  /** The run's temp root; each server gets the folder named by its label. */
  tempRoot: string;
  /** A fresh PostgreSQL database per server, created next to `databaseUrl`'s. */
  postgres: boolean;
  databaseUrl: string;
  sqliteSynchronous: 'full' | 'normal' | undefined;
  /** NLU_THREADS unless a server is started with its own. */
  nluThreads: number;
  /** Metrics on (METRICS_PORT) and scraped every 5 s while the server runs (--metrics). */
  metrics: boolean;
}

/** A fresh PostgreSQL database next to `adminUrl`'s; dropped by the returned function. */
async function createDatabase(
  adminUrl: string,
  label: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_load_${label}_${process.pid}_${Date.now().toString(36)}`;
  // Before CREATE DATABASE: a URL that cannot be rewritten must not leave a database behind.
  const url = databaseUrlFor(adminUrl, name);
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return { url, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Copies the cached models into a data dir (a missing or stale cache means the server trains). */
function seedModels(dataDir: string): void {
  const target = path.join(dataDir, 'models');
  fs.mkdirSync(target, { recursive: true });
  if (!fs.existsSync(MODEL_CACHE_DIR)) return;
  for (const file of fs.readdirSync(MODEL_CACHE_DIR)) {
    if (file.endsWith('.bin')) fs.copyFileSync(path.join(MODEL_CACHE_DIR, file), path.join(target, file));
  }
}

/** Keeps only the model the server used in the cache; returns its path. */
export function refreshModelCache(dataDir: string, server: ChatServerProcess): string {
  const models = path.join(dataDir, 'models');
  const files = fs.readdirSync(models).filter((file) => file.endsWith('.bin'));
  const used =
    server.cachedModel ??
    files.sort(
      (a, b) => fs.statSync(path.join(models, b)).mtimeMs - fs.statSync(path.join(models, a)).mtimeMs,
    )[0];
  if (!used) throw new Error(`the server left no model in ${models}`);
  fs.mkdirSync(MODEL_CACHE_DIR, { recursive: true });
  for (const file of fs.readdirSync(MODEL_CACHE_DIR)) {
    if (file !== used) fs.rmSync(path.join(MODEL_CACHE_DIR, file), { force: true });
  }
  const cached = path.join(MODEL_CACHE_DIR, used);
  if (!fs.existsSync(cached)) {
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.copyFileSync(path.join(models, used), temporary);
    fs.renameSync(temporary, cached);
  }
  return cached;
}

/** Starts chat servers with `settings`: `(label, processes, nluThreads)` starts one on a fresh DATA_DIR. */
export function freshServers(settings: FreshServerSettings) {
  return async function freshServer(
    label: string,
    processes = 1,
    nluThreads = settings.nluThreads,
  ): Promise<ChatServerProcess> {
    const dataDir = path.join(settings.tempRoot, label);
    seedModels(dataDir);
    let databaseUrl: string | undefined;
    if (settings.postgres) {
      const database = await createDatabase(settings.databaseUrl, label);
      onCleanUp(database.drop);
      databaseUrl = database.url;
    }
    const metricsPort = settings.metrics ? await freePort() : undefined;
    const server = await startChatServer({
      repoDir: settings.repoDir,
      dataDir,
      readyTimeoutMs: READY_TIMEOUT_MS,
      processes,
      nluThreads,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(metricsPort ? { metricsPort } : {}),
      ...(settings.sqliteSynchronous ? { sqliteSynchronous: settings.sqliteSynchronous } : {}),
    });
    onCleanUp(() => server.stop());
    if (server.trainedMs !== null) log(`no cached model: the server trained one in ${server.trainedMs} ms`);
    if (!metricsPort) return server;
    // Scraped while it runs; the scraping ends with the server (a stopped server's scrapes would fail).
    const scraper = scrapeMetrics(metricsPort);
    return {
      ...server,
      async stop(graceMs) {
        const { scrapes, failures } = scraper.stop();
        if (failures > 0) log(`${label}: ${failures} of ${scrapes} metrics scrapes failed`);
        await server.stop(graceMs);
      },
    };
  };
}
