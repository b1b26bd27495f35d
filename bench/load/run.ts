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
 *   --processes N        SERVER_PROCESSES of the main server (closed and open loop)       1 [1]
 *   --scale-processes N  the closed loop again with SERVER_PROCESSES=N (0 or 1: skip)     2 [2]
 *   --metrics            every server with METRICS_PORT, scraped every 5 s (compare with a run without)
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
import { cleanUp, cleanUpOnSignalsAndAfter, log, onCleanUp } from './cleanups.ts';
import { freshServers, refreshModelCache } from './fresh-server.ts';
import { runGeneratorProcess } from './generator-process.ts';
import type { LoadResult, ProbeSample } from './generator-types.ts';
import { measureIdleMemory } from './idle-memory.ts';
import { coresBusy, filesystemOf, measureFsync, openFilesLimit, revision } from './machine.ts';
import { parseBenchOptions } from './options.ts';
import { type BenchReport, checkTargets, formatReport, type ModelLoadProbe } from './report.ts';
import { sampleProcess, startEchoProcess } from './server-process.ts';
import { summarize } from './stats.ts';

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The whole run is abandoned (children stopped, temp files removed) after this long, in ms. */
const RUN_BUDGET_MS = { full: 8 * 60_000, quick: 3 * 60_000 };

const options = parseBenchOptions();
const { quick, config } = options;
cleanUpOnSignalsAndAfter(quick ? RUN_BUDGET_MS.quick : RUN_BUDGET_MS.full);

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-bot-bench-load-'));
onCleanUp(async () => fs.rmSync(tempRoot, { recursive: true, force: true }));

/** Starts a chat server on a fresh DATA_DIR (and a fresh database with --postgres). */
const freshServer = freshServers({
  repoDir: REPO_DIR,
  tempRoot,
  postgres: options.postgres,
  databaseUrl: options.databaseUrl,
  sqliteSynchronous: options.sqliteSynchronous,
  nluThreads: config.nluThreads,
  metrics: config.metrics,
});

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
  onCleanUp(() => echo.stop());
  const echoSamples = sampleProcess(echo.pid);
  const echoClosed = await closedLoop(echo.url, 'echo');
  echoSamples.stop();
  await echo.stop();

  log('full stack: starting a fresh server');
  const server = await freshServer('main', config.processes);
  const modelFile = refreshModelCache(path.join(tempRoot, 'main'), server);
  // PostgreSQL's processes are sampled apart from other work (when the database runs on this machine).
  const databaseCommand = options.postgres ? 'postgres' : undefined;
  const samples = sampleProcess(server.pid, undefined, databaseCommand);

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
    const otherSamples = sampleProcess(other.pid, undefined, databaseCommand);
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
  const { idle, baselineRssKiB, heldRssKiB, slopeChats } = await measureIdleMemory(
    idleServer,
    config.idleChats,
  );
  await idleServer.stop();
  const otherWorkAfter = await coresBusy();

  const report: Omit<BenchReport, 'targets'> = {
    date: new Date().toISOString().slice(0, 10),
    revision: revision(REPO_DIR),
    quick,
    environment: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
      node: process.version,
      storage: options.postgres ? 'postgres' : 'sqlite',
      sqliteSynchronous: options.postgres ? null : (options.sqliteSynchronous ?? 'full'),
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
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  await cleanUp();
  process.exit(0);
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await cleanUp();
  process.exit(1);
}
