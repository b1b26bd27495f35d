/**
 * npx tsx bench/limit-store.ts [--takes 20000] [--concurrency 32] [--json]
 *
 * The cost of one per-client limit check (one GCRA take) in each shared store, as a chat message pays it:
 * sequential latency (p50/p99 µs, one take at a time, as one message awaits it), the CPU the server
 * process itself spends per take (the rest is the primary's or the database's; for PostgreSQL on the
 * same machine, its backends' CPU per take too, read from /proc), and throughput with `concurrency`
 * takes in flight (many chats at once). Keys rotate over 1,000 clients. Stores: memory (one process),
 * the cluster primary over IPC (SERVER_PROCESSES > 1 on SQLite), PostgreSQL (the UNLOGGED table, the
 * take planned at each call and prepared once per connection as the server runs it; TEST_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/test, in a scratch schema), and, for the choice on SQLite, the same
 * upsert in a separate SQLite file (WAL, synchronous=OFF) that several processes would share instead of
 * asking the primary, alone and with a second process taking on it, and, for the choice between shared
 * stores, the same take in Redis (REDIS_URL, default redis://127.0.0.1:6379; keys under a random prefix,
 * expiring; skipped when Redis is not there).
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import {
  ClusterLimitStore,
  type IpcChannel,
  serveClusterLimits,
} from '../server/limits/cluster-limit-store.ts';
import { perMinute, type RateRule, type TakeResult } from '../server/limits/gcra.ts';
import { type LimitStore, MemoryLimitStore } from '../server/limits/limit-store.ts';
import { PostgresLimitStore } from '../server/limits/postgres-limit-store.ts';
import { migrateToLatest } from '../server/storage/migrations.ts';
import { preparedStatementRunner } from '../server/storage/statement-runner.ts';
import { redisGcra } from './redis-gcra.ts';

const { values } = parseArgs({
  options: {
    takes: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '32' },
    json: { type: 'boolean', default: false },
  },
});
const TAKES = Number(values.takes);
const CONCURRENCY = Number(values.concurrency);
const RULE = perMinute(60, 30);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One store's numbers. */
interface Result {
  store: string;
  p50Us: number;
  p99Us: number;
  meanUs: number;
  /** CPU of this process (user + system) per sequential take: what the server's own thread pays. */
  cpuUsPerTake: number;
  /** CPU of the PostgreSQL backends per sequential take (same machine; PostgreSQL rows only). */
  dbCpuUsPerTake?: number;
  concurrentTakesPerSecond: number;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** CPU time (user + system, µs) of the processes `pids`, from /proc (clock ticks of 10 ms). */
function processCpuUs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10_000;
}

/** The PostgreSQL backends serving `applicationName`: their CPU, read on this machine. */
function backendCpu(admin: pg.Client, applicationName: string): () => Promise<number> {
  return async () => {
    const { rows } = await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [applicationName],
    );
    return processCpuUs(rows.map((row) => row.pid));
  };
}

async function measure(
  name: string,
  take: (key: string, rule: RateRule, now: number) => Promise<TakeResult>,
  /** The database's CPU so far, µs (PostgreSQL only). */
  dbCpu?: () => Promise<number>,
) {
  const key = (i: number) => `message:198.51.${(i % 1000) >> 8}.${i % 256}`;
  for (let i = 0; i < 1000; i++) await take(key(i), RULE, Date.now());
  const samples: number[] = [];
  const dbBefore = await dbCpu?.();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < TAKES; i++) {
    const started = process.hrtime.bigint();
    await take(key(i), RULE, Date.now());
    samples.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const dbAfter = await dbCpu?.();
  samples.sort((a, b) => a - b);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < TAKES) {
        const i = next++;
        await take(key(i), RULE, Date.now());
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    store: name,
    p50Us: round(percentile(samples, 0.5)),
    p99Us: round(percentile(samples, 0.99)),
    meanUs: round(samples.reduce((a, b) => a + b, 0) / samples.length),
    cpuUsPerTake: round((cpu.user + cpu.system) / TAKES),
    ...(dbBefore === undefined || dbAfter === undefined
      ? {}
      : { dbCpuUsPerTake: round((dbAfter - dbBefore) / TAKES) }),
    concurrentTakesPerSecond: Math.round(TAKES / seconds),
  } satisfies Result;
}

/** The PostgreSQL upsert of postgres-limit-store.ts in a SQLite file (the alternative to the primary). */
function sqliteTake(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS client_rate_limits (key TEXT PRIMARY KEY, tat REAL NOT NULL)');
  const upsert = db.prepare(`
    INSERT INTO client_rate_limits AS r (key, tat) VALUES (@key, @now + @interval)
    ON CONFLICT (key) DO UPDATE SET tat = max(r.tat, @now) + @interval
      WHERE max(r.tat, @now) - @now <= @tolerance
    RETURNING tat - @interval AS start`);
  return async (key: string, rule: RateRule, now: number): Promise<TakeResult> => {
    const row = upsert.get({ key, now, interval: rule.intervalMs, tolerance: rule.toleranceMs }) as
      | { start: number }
      | undefined;
    return row ? { allowed: true, startMs: row.start } : { allowed: false, retryAfterMs: rule.intervalMs };
  };
}

function print(results: Result[]): void {
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ takes: TAKES, concurrency: CONCURRENCY, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `limit check cost, ${TAKES} takes per store, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})\n`,
  );
  process.stdout.write(
    `store                          p50 µs   p99 µs   mean µs   cpu µs   db cpu µs   takes/s with ${CONCURRENCY} in flight\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${r.store.padEnd(30)} ${String(r.p50Us).padStart(6)}   ${String(r.p99Us).padStart(6)}   ${String(r.meanUs).padStart(7)}   ${String(r.cpuUsPerTake).padStart(6)}   ${String(r.dbCpuUsPerTake ?? '').padStart(9)}   ${String(r.concurrentTakesPerSecond).padStart(8)}\n`,
    );
  }
}

if (cluster.isPrimary) {
  const results: Result[] = [];
  const memory = new MemoryLimitStore();
  results.push(await measure('memory', (k, r, n) => memory.take(k, r, n)));

  serveClusterLimits(cluster);
  const worker = cluster.fork();
  results.push(
    await new Promise<Result>((resolve) =>
      worker.on('message', (message: { type?: string; result?: Result }) => {
        if (message?.type === 'bench-result' && message.result) resolve(message.result);
      }),
    ),
  );
  worker.kill();

  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const applicationName = `limit-bench-${process.pid}`;
  const pool = new pg.Pool({
    connectionString: PG_URL,
    options: `-c search_path=${schema}`,
    max: 10,
    application_name: applicationName,
  });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  const dbCpu = backendCpu(admin, applicationName);
  try {
    // The table comes from the storage's migrations (007_client_limits), as in the server.
    await migrateToLatest(db, 'postgres');
    // Planned at every take (kysely's statements), then prepared once per connection (the server's).
    const planned: LimitStore = await PostgresLimitStore.open(db);
    results.push(await measure('postgres, planned each take', (k, r, n) => planned.take(k, r, n), dbCpu));
    await planned.close();
    const prepared: LimitStore = await PostgresLimitStore.open(db, Date.now, preparedStatementRunner(pool));
    results.push(await measure('postgres (prepared)', (k, r, n) => prepared.take(k, r, n), dbCpu));
    await prepared.close();
  } finally {
    await db.destroy();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }

  try {
    const redis = await redisGcra(REDIS_URL, `bench:${randomBytes(4).toString('hex')}:`);
    results.push(await measure('redis (not used)', (k, r, n) => redis.take(k, r, n)));
    redis.close();
  } catch (error) {
    process.stderr.write(`redis skipped: ${(error as Error).message}\n`);
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limit-bench-'));
  try {
    const file = path.join(dir, 'limits.sqlite');
    results.push(await measure('sqlite file', sqliteTake(file)));
    // The same with a second process taking on the same file all the while (two SERVER_PROCESSES).
    const contender = cluster.fork({ BENCH_SQLITE_CONTENDER: file });
    await new Promise((resolve) => contender.once('message', resolve));
    results.push(await measure('sqlite file, 2 proc', sqliteTake(file)));
    contender.kill();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  print(results);
  process.exit(0);
} else if (process.env.BENCH_SQLITE_CONTENDER) {
  const take = sqliteTake(process.env.BENCH_SQLITE_CONTENDER);
  process.send?.({ type: 'contending' });
  for (let i = 0; ; i++) await take(`message:203.0.113.${i % 256}`, RULE, Date.now());
} else {
  const store = new ClusterLimitStore(process as unknown as IpcChannel);
  const result = await measure('cluster primary', (k, r, n) => store.take(k, r, n));
  process.send?.({ type: 'bench-result', result });
}
