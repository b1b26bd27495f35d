/**
 * npm run bench -- [--quick] [--json] [--postgres [--database-url URL]] [options]
 *
 * Load benchmark of the whole server (protocol validation + NLU + storage) over real WebSockets on
 * loopback, with a raw `ws` echo server as the ceiling, measured in the same run. Every server and the
 * load generator are separate processes (the generator on the other core of a 2-core machine):
 * 1. raw echo ceiling: closed-loop throughput of the echo server;
 * 2. a fresh chat server (temp DATA_DIR, cached model copied in): time to ready, first message vs warm,
 *    closed-loop throughput, then open-loop latency at a fixed rate over many chats; the closed loop
 *    again on servers that use the second core (a prediction thread, a two-process cluster);
 * 3. the model load, step by step, in a fresh process;
 * 4. another fresh server: RSS per idle connection with many chats open (each said hello).
 * Prints a table (or one JSON object with --json) with the ceiling, the ratio, the latencies, memory and
 * which of the targets are met. Progress goes to stderr. Everything is bounded and stops by itself;
 * the whole run takes about 2–3 minutes (about 40 s with --quick), plus ~20 s once when the model is trained.
 *
 * Options (defaults; --quick defaults in brackets):
 *   --closed-chats N     chats in the closed loops, one message in flight each       100 [20]
 *   --closed-seconds S   measured window of each closed loop                          10 [3]
 *   --warmup-seconds S   unmeasured sending before each window                         2 [1]
 *   --rate R             open-loop messages per second over all chats              1000 [200]
 *   --open-chats N       chats in the open loop                                    5000 [500]
 *   --open-seconds S     measured window of the open loop                             20 [5]
 *   --idle N             idle chats for the memory measurement                     10000 [1000]
 *   --probe N            warm first messages compared with the fresh server's first  30 [10]
 *   --sqlite-synchronous full|normal   SQLITE_SYNCHRONOUS of the server (default: the server's, full)
 *   --nlu-threads N      NLU_THREADS of the servers                                     0 [0]
 *   --compare-nlu-threads N   the closed loop again, one process with NLU_THREADS=N (0: skip)  1 [1]
 *   --scale-processes N  the closed loop again with SERVER_PROCESSES=N (0 or 1: skip)     2 [2]
 *   --postgres           PostgreSQL: a fresh database per server, dropped afterwards
 *   --database-url URL   where to create it (default postgres://postgres@127.0.0.1:5432/test)
 *
 * Limits: each of the servers and the generator holds up to --idle sockets, so the open-files limit
 * (`ulimit -n`) must exceed --idle + --open-chats + 1024; Node raises its soft limit to the hard limit by
 * itself, so only the hard limit matters (raise it with `prlimit --nofile=N:N --pid $$` or in
 * /etc/security/limits.conf). Chats spread over 127.0.0.2, .3, … (2,000 each) so loopback ephemeral
 * ports never run out; nothing leaves 127.0.0.0/8.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  type ChatsSummary,
  type IdleResult,
  type LoadResult,
  type ProbeSample,
  runGeneratorProcess,
} from './generator.ts';
import { type BenchReport, checkTargets, formatReport, type ModelLoadProbe } from './report.ts';
import {
  type ChatServerProcess,
  readMachineBusyMs,
  sampleProcess,
  startChatServer,
  startEchoProcess,
} from './server-process.ts';
import { type LatencySummary, summarize } from './stats.ts';

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Trained models survive between runs here (the file name is keyed by the corpus, so edits retrain). */
const MODEL_CACHE_DIR = path.join(os.tmpdir(), 'shop-support-bot-bench', 'models');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** The whole run is abandoned (children stopped, temp files removed) after this long, in ms. */
const RUN_BUDGET_MS = { full: 8 * 60_000, quick: 3 * 60_000 };
/** Waiting for /readyz, in ms: long enough to train the model on the first run. */
const READY_TIMEOUT_MS = 180_000;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
    'database-url': { type: 'string', default: DEFAULT_DATABASE_URL },
    'closed-chats': { type: 'string' },
    'closed-seconds': { type: 'string' },
    'warmup-seconds': { type: 'string' },
    rate: { type: 'string' },
    'open-chats': { type: 'string' },
    'open-seconds': { type: 'string' },
    idle: { type: 'string' },
    probe: { type: 'string' },
    'sqlite-synchronous': { type: 'string' },
    'scale-processes': { type: 'string' },
    'nlu-threads': { type: 'string' },
    'compare-nlu-threads': { type: 'string' },
  },
});

const quick = values.quick;
function numberOption(name: keyof typeof values, full: number, short: number, min: number): number {
  const raw = values[name];
  if (raw === undefined) return quick ? short : full;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    process.stderr.write(`--${name} must be a number ≥ ${min}, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return value;
}
const config: BenchReport['config'] = {
  closedChats: Math.round(numberOption('closed-chats', 100, 20, 1)),
  closedSeconds: numberOption('closed-seconds', 10, 3, 0.5),
  warmupSeconds: numberOption('warmup-seconds', 2, 1, 0),
  rate: numberOption('rate', 1000, 200, 1),
  openChats: Math.round(numberOption('open-chats', 5000, 500, 1)),
  openSeconds: numberOption('open-seconds', 20, 5, 0.5),
  idleChats: Math.round(numberOption('idle', 10_000, 1000, 1)),
  probeChats: Math.round(numberOption('probe', 30, 10, 1)),
  scaleProcesses: Math.round(numberOption('scale-processes', 2, 2, 0)),
  nluThreads: Math.round(numberOption('nlu-threads', 0, 0, 0)),
  compareNluThreads: Math.round(numberOption('compare-nlu-threads', 1, 1, 0)),
};
const synchronousOption = values['sqlite-synchronous'];
if (synchronousOption !== undefined && synchronousOption !== 'full' && synchronousOption !== 'normal') {
  process.stderr.write('--sqlite-synchronous must be full or normal\n');
  process.exit(2);
}
const sqliteSynchronous: 'full' | 'normal' | undefined = synchronousOption;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Undo actions (stop children, drop databases, remove temp dirs), run last-in first-out, once. */
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const undo = cleanups.pop()!;
    await undo().catch((error: unknown) => log(`clean-up failed: ${String(error)}`));
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void cleanUp().then(() => process.exit(130));
  });
}
setTimeout(
  () => {
    log('run budget exceeded: stopping');
    void cleanUp().then(() => process.exit(1));
  },
  quick ? RUN_BUDGET_MS.quick : RUN_BUDGET_MS.full,
).unref();

function openFilesLimit(): number {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
  return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
}

/** HEAD's short hash, with "+ uncommitted changes" when bot/, server/ or corpus/ differ from it. */
function revision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPO_DIR,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'bot', 'server', 'corpus'], {
      cwd: REPO_DIR,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown revision';
  }
}

function filesystemOf(dir: string): string {
  try {
    return execFileSync('df', ['--output=fstype', dir], { encoding: 'utf8' }).trim().split('\n').pop()!;
  } catch {
    return 'unknown filesystem';
  }
}

/**
 * fdatasync latency of a 4 KiB write in `dir`, over 100 writes: SQLite with synchronous=full waits for one
 * per commit (WAL), so this bounds its commit rate on this disk.
 */
function measureFsync(dir: string): LatencySummary {
  const file = path.join(dir, 'fsync-probe');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  const samples: number[] = [];
  try {
    for (let i = 0; i < 100; i += 1) {
      const started = performance.now();
      fs.writeSync(fd, block, 0, block.length, (i % 16) * block.length);
      fs.fdatasyncSync(fd);
      samples.push(performance.now() - started);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  return summarize(samples);
}

/** A fresh PostgreSQL database next to `adminUrl`'s; dropped by the returned function. */
async function createDatabase(
  adminUrl: string,
  label: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_load_${label}_${process.pid}_${Date.now().toString(36)}`;
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
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
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
function refreshModelCache(dataDir: string, server: ChatServerProcess): string {
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

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-bot-bench-load-'));
cleanups.push(async () => fs.rmSync(tempRoot, { recursive: true, force: true }));

/** Starts a chat server on a fresh DATA_DIR (and a fresh database with --postgres). */
async function freshServer(
  label: string,
  processes = 1,
  nluThreads = config.nluThreads,
): Promise<ChatServerProcess> {
  const dataDir = path.join(tempRoot, label);
  seedModels(dataDir);
  let databaseUrl: string | undefined;
  if (values.postgres) {
    const database = await createDatabase(values['database-url'], label);
    cleanups.push(database.drop);
    databaseUrl = database.url;
  }
  const server = await startChatServer({
    repoDir: REPO_DIR,
    dataDir,
    readyTimeoutMs: READY_TIMEOUT_MS,
    processes,
    nluThreads,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(sqliteSynchronous ? { sqliteSynchronous } : {}),
  });
  cleanups.push(() => server.stop());
  if (server.trainedMs !== null) log(`no cached model: the server trained one in ${server.trainedMs} ms`);
  return server;
}

const loopBudget = (warmupS: number, windowS: number) => (warmupS + windowS) * 1000 + 150_000;

/** The closed loop of every throughput row (echo ceiling, full stack, other configurations), alike. */
function closedLoop(url: string, protocol: 'chat' | 'echo'): Promise<LoadResult> {
  return runGeneratorProcess<LoadResult>(
    {
      mode: 'closed',
      options: {
        url,
        protocol,
        connections: config.closedChats,
        warmupMs: config.warmupSeconds * 1000,
        durationMs: config.closedSeconds * 1000,
      },
    },
    { timeoutMs: loopBudget(config.warmupSeconds, config.closedSeconds) },
  );
}

/** Cores busy over `ms` (every process on the machine). */
async function coresBusy(ms = 1000): Promise<number> {
  const busy = readMachineBusyMs();
  const started = performance.now();
  await sleep(ms);
  return Math.round(((readMachineBusyMs() - busy) / (performance.now() - started)) * 100) / 100;
}

async function main(): Promise<BenchReport> {
  const needed = config.idleChats + config.openChats + 1024;
  const limit = openFilesLimit();
  if (limit < needed) {
    throw new Error(
      `open-files limit ${limit} is below ${needed} (--idle + --open-chats + 1024): raise the hard limit (ulimit -Hn / prlimit --nofile) or lower --idle`,
    );
  }
  const otherWorkBefore = await coresBusy();
  const warmupMs = config.warmupSeconds * 1000;
  const fsyncMs = measureFsync(tempRoot);

  log(`echo ceiling: closed loop, ${config.closedChats} chats, ${config.closedSeconds} s`);
  const echo = await startEchoProcess(REPO_DIR);
  cleanups.push(() => echo.stop());
  const echoSamples = sampleProcess(echo.pid);
  const echoClosed = await closedLoop(echo.url, 'echo');
  echoSamples.stop();
  await echo.stop();

  log('full stack: starting a fresh server');
  const server = await freshServer('main');
  const modelFile = refreshModelCache(path.join(tempRoot, 'main'), server);
  const samples = sampleProcess(server.pid);

  log(`first message on the fresh server, then ${config.probeChats} warm first messages`);
  const probe = await runGeneratorProcess<ProbeSample[]>(
    { mode: 'probe', options: { url: server.url, count: config.probeChats + 1 } },
    { timeoutMs: (config.probeChats + 1) * 10_000 + 30_000 },
  );
  const [first, ...warm] = probe;
  const warmReplies = warm.flatMap((s) => (s.replyMs === null ? [] : [s.replyMs]));

  log(`full stack: closed loop, ${config.closedChats} chats, ${config.closedSeconds} s`);
  const closed = await closedLoop(server.url, 'chat');

  log(`full stack: open loop, ${config.rate} msg/s over ${config.openChats} chats, ${config.openSeconds} s`);
  const open = await runGeneratorProcess<LoadResult>(
    {
      mode: 'open',
      options: {
        url: server.url,
        protocol: 'chat',
        connections: config.openChats,
        ratePerSecond: config.rate,
        warmupMs,
        durationMs: config.openSeconds * 1000,
        seed: 2,
      },
    },
    { timeoutMs: loopBudget(config.warmupSeconds, config.openSeconds) },
  );
  samples.stop();
  await server.stop();

  /** The closed loop again on a fresh server configured otherwise (both cores used another way). */
  const alternative = async (setting: string, processes: number, nluThreads: number) => {
    log(`full stack: closed loop, ${config.closedChats} chats, server with ${setting}`);
    const other = await freshServer(setting.replace(/\W+/g, '_').toLowerCase(), processes, nluThreads);
    const otherSamples = sampleProcess(other.pid);
    const otherClosed = await closedLoop(other.url, 'chat');
    otherSamples.stop();
    await other.stop();
    return {
      setting,
      closed: otherClosed,
      serverCpu: otherSamples.cpuBetween(otherClosed.windowEpochMs.start, otherClosed.windowEpochMs.end),
      ratio: otherClosed.window.repliesPerSecond / echoClosed.window.repliesPerSecond,
    };
  };
  const alternatives: BenchReport['alternatives'] = [];
  if (config.compareNluThreads > 0 && config.compareNluThreads !== config.nluThreads)
    alternatives.push(
      await alternative(`NLU_THREADS=${config.compareNluThreads}`, 1, config.compareNluThreads),
    );
  if (config.scaleProcesses > 1)
    alternatives.push(
      await alternative(
        `SERVER_PROCESSES=${config.scaleProcesses}`,
        config.scaleProcesses,
        config.nluThreads,
      ),
    );

  log('model load in a fresh process');
  const modelProbe = JSON.parse(
    execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_DIR, 'bench/load/model-load-probe.ts'), modelFile],
      { cwd: REPO_DIR, encoding: 'utf8', timeout: 60_000 },
    ),
  ) as ModelLoadProbe;

  log(`idle: ${config.idleChats} chats on another fresh server`);
  const idleServer = await freshServer('idle');
  // Warm the server the way the first phase did, so the baseline holds no lazy initialisation.
  await runGeneratorProcess<ProbeSample[]>(
    { mode: 'probe', options: { url: idleServer.url, count: 20, seed: 11 } },
    { timeoutMs: 120_000 },
  );
  // Memory per connection as a slope: RSS with half the chats held, then with all of them, both after
  // the same settling. A difference from an idle baseline is at the mercy of the garbage collector
  // (a run measured RSS going *down* while 10,000 chats opened); the slope between two loaded states is not.
  const settledRss = async (): Promise<number> => {
    let rss = 0;
    for (let i = 0; i < 6; i += 1) {
      await sleep(500);
      rss = idleServer.rssKiB();
    }
    return rss;
  };
  const firstHalf = Math.floor(config.idleChats / 2);
  const idleJob = (connections: number, firstChatIndex: number) => ({
    mode: 'idle' as const,
    options: {
      url: idleServer.url,
      protocol: 'chat' as const,
      connections,
      connectTimeoutMs: 120_000,
      firstChatIndex,
    },
  });
  let baselineRssKiB = 0;
  let heldRssKiB = 0;
  let secondHalf: IdleResult | undefined;
  const firstResult = await runGeneratorProcess<IdleResult>(idleJob(firstHalf, 0), {
    timeoutMs: 480_000,
    onHolding: async () => {
      baselineRssKiB = await settledRss();
      secondHalf = await runGeneratorProcess<IdleResult>(idleJob(config.idleChats - firstHalf, firstHalf), {
        timeoutMs: 240_000,
        onHolding: async () => {
          heldRssKiB = await settledRss();
        },
      });
    },
  });
  const idle: IdleResult = {
    heldMs: firstResult.heldMs,
    chats: {
      ...firstResult.chats,
      requested: firstResult.chats.requested + (secondHalf?.chats.requested ?? 0),
      open: firstResult.chats.open + (secondHalf?.chats.open ?? 0),
      failed: firstResult.chats.failed + (secondHalf?.chats.failed ?? 0),
      closedEarly: firstResult.chats.closedEarly + (secondHalf?.chats.closedEarly ?? 0),
      connectMs: firstResult.chats.connectMs + (secondHalf?.chats.connectMs ?? 0),
    },
  };
  await idleServer.stop();
  const otherWorkAfter = await coresBusy();
  const slopeChats = secondHalf?.chats.open ?? 0;

  const report: Omit<BenchReport, 'targets'> = {
    date: new Date().toISOString().slice(0, 10),
    revision: revision(),
    quick,
    environment: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
      node: process.version,
      storage: values.postgres ? 'postgres' : 'sqlite',
      sqliteSynchronous: values.postgres ? null : (sqliteSynchronous ?? 'full'),
      dataFilesystem: filesystemOf(tempRoot),
      fsyncMs,
      openFilesLimit: limit,
      otherWorkCores: { before: otherWorkBefore, after: otherWorkAfter },
      ephemeralPorts: fs
        .readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
        .trim()
        .replace(/\s+/, '–'),
    },
    config,
    echo: {
      closed: echoClosed,
      serverCpu: echoSamples.cpuBetween(echoClosed.windowEpochMs.start, echoClosed.windowEpochMs.end),
    },
    fullStack: {
      closed,
      closedServerCpu: samples.cpuBetween(closed.windowEpochMs.start, closed.windowEpochMs.end),
      open,
      openServerCpu: samples.cpuBetween(open.windowEpochMs.start, open.windowEpochMs.end),
      peakRssMiB: Math.round((samples.peakRssKiB() / 1024) * 10) / 10,
    },
    alternatives,
    ratio:
      echoClosed.window.repliesPerSecond > 0
        ? closed.window.repliesPerSecond / echoClosed.window.repliesPerSecond
        : 0,
    startup: {
      readyMs: server.readyMs,
      cachedModel: server.cachedModel,
      trainedMs: server.trainedMs,
      loadToReadyMs: server.loadToReadyMs,
      probe: modelProbe,
    },
    firstMessage: {
      firstReplyMs: first?.replyMs ?? null,
      firstConnectMs: first?.connectMs ?? 0,
      warmReplyMs: summarize(warmReplies),
      warmConnectMs: summarize(warm.map((s) => s.connectMs)),
      errors: probe.filter((s) => s.error !== null).length,
    },
    idle: {
      result: idle,
      baselineRssKiB,
      heldRssKiB,
      kiBPerConnection:
        slopeChats > 0 ? Math.round(((heldRssKiB - baselineRssKiB) / slopeChats) * 10) / 10 : 0,
    },
  };
  return { ...report, targets: checkTargets(report) };
}

try {
  const report = await main();
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  await cleanUp();
  process.exit(0);
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await cleanUp();
  process.exit(1);
}
