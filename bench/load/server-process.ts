/**
 * The servers under test as child processes of run.ts: the raw echo server and the real chat server
 * (`node --import tsx server/main.ts`, so the child's pid is the server itself and /proc/<pid> is its
 * memory and CPU). Linux only: memory and CPU come from /proc.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

/** A server running as a child process. */
export interface ServerProcess {
  pid: number;
  /** ws://127.0.0.1:port/chat */
  url: string;
  /** Resident memory now (VmRSS), in KiB. */
  rssKiB(): number;
  /** CPU time used so far (user + system, all threads), in ms. */
  cpuMs(): number;
  /** SIGTERM, then SIGKILL after `graceMs` (default 15000). Resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** The real chat server, with what its start-up log said. */
export interface ChatServerProcess extends ServerProcess {
  /** Spawn → GET /readyz 200, in ms (tsx start, imports, dictionary, model, warm-up). */
  readyMs: number;
  /** The cached model file it loaded, or null if it trained one. */
  cachedModel: string | null;
  /** Training time when there was no cached model, in ms. */
  trainedMs: number | null;
  /** Log "loaded cached model" → "bot ready", in ms: engine load including the dictionary, and warm-up. */
  loadToReadyMs: number | null;
}

/** Options of startChatServer. */
export interface ChatServerOptions {
  /** The repository root (the server's working directory: shop.yaml, corpus/). */
  repoDir: string;
  /** DATA_DIR of the server. */
  dataDir: string;
  /** PostgreSQL URL; SQLite in dataDir when absent. */
  databaseUrl?: string;
  /** SQLITE_SYNCHRONOUS; the server's default (full) when absent. */
  sqliteSynchronous?: 'full' | 'normal';
  /** Give up waiting for /readyz after this many ms. */
  readyTimeoutMs: number;
  /** SERVER_PROCESSES (cluster workers); 1 when absent. */
  processes?: number;
  /** NLU_THREADS (prediction worker threads); the server's default (0) when absent. */
  nluThreads?: number;
  /** METRICS_PORT; metrics off when absent. */
  metricsPort?: number;
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * A process and its descendants (a cluster's workers, tsx's esbuild helper), from /proc's `children`
 * lists: the server's cost is all of them.
 */
export function processTree(pid: number): number[] {
  const found = [pid];
  for (let i = 0; i < found.length; i += 1) {
    const current = found[i]!;
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${current}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = fs.readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').trim();
        if (children) found.push(...children.split(' ').map(Number));
      } catch {
        // The task ended meanwhile.
      }
    }
  }
  return found;
}

/** VmRSS of a process and its descendants, in KiB (0 once they are gone). */
export function readRssKiB(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + readOneRssKiB(member), 0);
}

/** User + system CPU time of a process, its threads and its descendants, in ms. */
export function readCpuMs(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + readOneCpuMs(member), 0);
}

function readOneRssKiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function readOneCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** A free TCP port on 127.0.0.1 (released before returning; the caller binds it right away). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A minimal, reproducible environment for children: no DATABASE_URL, SMTP_URL or NODE_OPTIONS leaks in. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function stopper(child: ChildProcess): (graceMs?: number) => Promise<void> {
  return async (graceMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited(child);
    clearTimeout(timer);
  };
}

function processHandle(child: ChildProcess, port: number): ServerProcess {
  const pid = child.pid!;
  return {
    pid,
    url: `ws://127.0.0.1:${port}/chat`,
    rssKiB: () => readRssKiB(pid),
    cpuMs: () => readCpuMs(pid),
    stop: stopper(child),
  };
}

/** Starts bench/load/echo-server.ts as a process and waits until it listens. */
export async function startEchoProcess(repoDir: string, timeoutMs = 30_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoDir, 'bench/load/echo-server.ts')],
    { cwd: repoDir, env: childEnv({ PORT: String(port) }), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const handle = processHandle(child, port);
  const lines = readline.createInterface({ input: child.stdout! });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`echo server not listening after ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.once('exit', (code) => reject(new Error(`echo server exited with code ${code}`)));
      lines.once('line', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } catch (error) {
    await handle.stop(1000);
    throw error;
  }
  return handle;
}

interface LogLine {
  time?: number;
  level?: number;
  msg?: string;
}

/**
 * Starts the real server with LOG_LEVEL=info (the default) and waits for GET /readyz 200. Its log is
 * read line by line (so the pipe never fills) for the model load times; the last lines are kept for
 * error messages.
 */
export async function startChatServer(options: ChatServerOptions): Promise<ChatServerProcess> {
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'info',
    // The benchmark measures capacity: thousands of chats from a few loopback IPs, each sending as fast
    // as replies come, so the abuse limits (per-socket rate, per-IP sockets, per-client rates) are lifted.
    CHAT_RATE_PER_MINUTE: '100000',
    CHAT_RATE_BURST: '100000',
    CHAT_MAX_CONNECTIONS_PER_IP: '1000000',
    CLIENT_HANDSHAKES_PER_MINUTE: '1000000',
    CLIENT_HANDSHAKES_BURST: '1000000',
    CLIENT_CONVERSATIONS_PER_MINUTE: '1000000',
    CLIENT_CONVERSATIONS_BURST: '1000000',
    CLIENT_MESSAGES_PER_MINUTE: '1000000',
    CLIENT_MESSAGES_BURST: '1000000',
    CLIENT_HANDOFFS_PER_MINUTE: '1000000',
    CLIENT_HANDOFFS_BURST: '1000000',
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.sqliteSynchronous) env.SQLITE_SYNCHRONOUS = options.sqliteSynchronous;
  const processes = options.processes ?? 1;
  if (processes > 1) env.SERVER_PROCESSES = String(processes);
  if (options.nluThreads !== undefined) env.NLU_THREADS = String(options.nluThreads);
  if (options.metricsPort !== undefined) env.METRICS_PORT = String(options.metricsPort);
  let workersReady = processes === 1;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: options.repoDir,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const handle = processHandle(child, port);
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
  };
  let cachedModel: string | null = null;
  let cachedAt: number | null = null;
  let readyAt: number | null = null;
  let trainedMs: number | null = null;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    let entry: LogLine;
    try {
      entry = JSON.parse(line) as LogLine;
    } catch {
      keep(line);
      return;
    }
    if ((entry.level ?? 0) >= 40) keep(line);
    const msg = entry.msg ?? '';
    if (msg.startsWith('loaded cached model ')) {
      cachedModel = msg.slice('loaded cached model '.length);
      cachedAt = entry.time ?? null;
    } else if (msg.startsWith('trained model in ')) {
      trainedMs = Number.parseInt(msg.slice('trained model in '.length), 10);
    } else if (msg === 'bot ready') {
      readyAt = entry.time ?? null;
    }
  });
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    // A cluster's primary logs this once every worker has its model (cluster-primary.ts).
    if (line.includes('worker processes ready')) workersReady = true;
    keep(line);
  });

  const deadline = started + options.readyTimeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`server exited during start-up (code ${child.exitCode}):\n${tail.join('\n')}`);
      }
      if (performance.now() > deadline) {
        throw new Error(`server not ready after ${options.readyTimeoutMs} ms:\n${tail.join('\n')}`);
      }
      try {
        const response = await fetch(`http://127.0.0.1:${port}/readyz`, {
          signal: AbortSignal.timeout(2000),
        });
        if (response.status === 200 && workersReady) break;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } catch (error) {
    await handle.stop(2000);
    throw error;
  }
  const readyMs = Math.round(performance.now() - started);
  // "bot ready" is logged just before /readyz turns 200; give the log line a moment to arrive.
  for (let i = 0; i < 40 && readyAt === null; i += 1) await new Promise((r) => setTimeout(r, 25));
  return {
    ...handle,
    readyMs,
    cachedModel,
    trainedMs,
    loadToReadyMs: cachedAt !== null && readyAt !== null ? readyAt - cachedAt : null,
  };
}

/** Busy CPU time of the whole machine (all cores, every process) so far, in ms, from /proc/stat. */
export function readMachineBusyMs(): number {
  const fields = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  const busy = fields.slice(0, 8).reduce((sum, value) => sum + value, 0) - fields[3]! - fields[4]!;
  return (busy * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * User + system CPU time of each process of the machine whose command name is `command` (PostgreSQL's
 * postmaster and backends are all `postgres`), by pid, in ms.
 */
export function readCommandCpuMs(command: string): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== command) continue;
    } catch {
      continue; // Ended meanwhile.
    }
    byPid.set(Number(entry), readOneCpuMs(Number(entry)));
  }
  return byPid;
}

/**
 * CPU used between two readings of readCommandCpuMs, in ms: the processes in both. One that ended in
 * between takes its last stretch with it, one that started counts from its first reading; PostgreSQL's
 * pooled backends live through a whole run, so little is lost.
 */
export function cpuMsBetween(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
): number {
  let used = 0;
  for (const [pid, ms] of after) {
    const earlier = before.get(pid);
    if (earlier !== undefined && ms >= earlier) used += ms - earlier;
  }
  return used;
}

/** CPU used over an interval, in cores. */
export interface CpuShare {
  /** By the sampled process (all its threads). */
  process: number;
  /** By the whole machine: every process, the sampled one included. */
  machine: number;
  /** By PostgreSQL's processes on this machine, when sampled (a `--postgres` run). */
  database?: number;
}

/**
 * Samples a process's CPU time and RSS, and the machine's busy CPU, every `intervalMs` with wall-clock
 * times, until stopped; with `databaseCommand`, also the CPU of the processes of that name (the
 * database's, told apart from other work).
 */
export function sampleProcess(pid: number, intervalMs = 200, databaseCommand?: string) {
  const samples: { at: number; cpuMs: number; rssKiB: number; machineBusyMs: number; databaseMs: number }[] =
    [];
  let databaseMs = 0;
  let databaseReading = databaseCommand ? readCommandCpuMs(databaseCommand) : undefined;
  const take = () => {
    if (databaseCommand && databaseReading) {
      const reading = readCommandCpuMs(databaseCommand);
      databaseMs += cpuMsBetween(databaseReading, reading);
      databaseReading = reading;
    }
    samples.push({
      at: Date.now(),
      cpuMs: readCpuMs(pid),
      rssKiB: readRssKiB(pid),
      machineBusyMs: readMachineBusyMs(),
      databaseMs,
    });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop(): void {
      clearInterval(timer);
      take();
    },
    /** CPU used between two wall-clock times (from the first to the last sample inside them). */
    cpuBetween(from: number, to: number): CpuShare {
      const inside = samples.filter((s) => s.at >= from && s.at <= to);
      const first = inside[0];
      const last = inside[inside.length - 1];
      if (!first || !last || last.at <= first.at) return { process: 0, machine: 0 };
      const ms = last.at - first.at;
      const round = (value: number) => Math.round(value * 100) / 100;
      return {
        process: round((last.cpuMs - first.cpuMs) / ms),
        machine: round((last.machineBusyMs - first.machineBusyMs) / ms),
        ...(databaseCommand ? { database: round((last.databaseMs - first.databaseMs) / ms) } : {}),
      };
    },
    /** Highest RSS seen, in KiB. */
    peakRssKiB(): number {
      return Math.max(0, ...samples.map((s) => s.rssKiB));
    },
  };
}
