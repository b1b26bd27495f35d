/**
 * Every LimitStore keeps the same GCRA per key: memory, the cluster primary over a channel, and
 * PostgreSQL (a schema per test), its take through kysely or prepared by name as the server runs it.
 * Concurrent takes from two store objects on one shared store never admit more than the burst.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ClusterLimitStore,
  type IpcChannel,
  LimitStoreUnavailableError,
  serveClusterLimits,
} from '../../../server/limits/cluster-limit-store.ts';
import { perMinute } from '../../../server/limits/gcra.ts';
import { type LimitStore, MemoryLimitStore } from '../../../server/limits/limit-store.ts';
import { PostgresLimitStore } from '../../../server/limits/postgres-limit-store.ts';
import { migrateToLatest } from '../../../server/storage/migrations.ts';
import { preparedStatementRunner } from '../../../server/storage/statement-runner.ts';
import { closedIpcChannels, settledBeforeAnyTimeout } from '../../helpers/closed-ipc-channels.ts';
import { pgAdmin, TEST_PG_URL } from '../../helpers/storage-backends.ts';

/**
 * A cluster in one process: the primary's 'message' events and each worker's channel, wired together.
 * `sent` holds every message the workers sent the primary.
 */
function fakeCluster(): {
  worker(): IpcChannel;
  primary: MemoryLimitStore;
  events: EventEmitter;
  sent: unknown[];
} {
  const clusterEvents = new EventEmitter();
  const primary = serveClusterLimits(clusterEvents as unknown as Parameters<typeof serveClusterLimits>[0]);
  const sent: unknown[] = [];
  return {
    primary,
    events: clusterEvents,
    sent,
    worker() {
      const toWorker = new EventEmitter();
      const handle = {
        isConnected: () => true,
        send: (message: unknown) => queueMicrotask(() => toWorker.emit('message', message)),
      };
      return {
        send: (message) => {
          sent.push(message);
          queueMicrotask(() => clusterEvents.emit('message', handle, message));
        },
        on: (event, listener) => toWorker.on(event, listener),
        off: (event, listener) => toWorker.off(event, listener),
      };
    },
  };
}

const schema = `t_${randomBytes(6).toString('hex')}`;
const databases: Kysely<unknown>[] = [];
/** A pool on the test's schema. */
function schemaPool(): pg.Pool {
  return new pg.Pool({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}`, max: 4 });
}

function pgDatabase(pool = schemaPool()): Kysely<unknown> {
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  databases.push(db);
  return db;
}

/** A store as the server opens it: the take prepared by name on the storage's pool. */
function preparedPostgresStore(): Promise<PostgresLimitStore> {
  const pool = schemaPool();
  return PostgresLimitStore.open(pgDatabase(pool), Date.now, preparedStatementRunner(pool));
}

beforeAll(async () => {
  await pgAdmin(`CREATE SCHEMA ${schema}`);
  // The store's table comes from the storage's migrations, as in the server.
  await migrateToLatest(pgDatabase(), 'postgres');
});
afterAll(async () => {
  for (const db of databases) await db.destroy();
  await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

/** Two store objects over one shared store (two processes or instances). */
const backends: { name: string; pair(): Promise<[LimitStore, LimitStore]> }[] = [
  {
    name: 'memory',
    async pair() {
      const store = new MemoryLimitStore();
      return [store, store];
    },
  },
  {
    name: 'cluster',
    async pair() {
      const cluster = fakeCluster();
      return [new ClusterLimitStore(cluster.worker()), new ClusterLimitStore(cluster.worker())];
    },
  },
  {
    name: 'postgres',
    async pair() {
      return [await PostgresLimitStore.open(pgDatabase()), await PostgresLimitStore.open(pgDatabase())];
    },
  },
  {
    name: 'postgres, prepared statements',
    async pair() {
      return [await preparedPostgresStore(), await preparedPostgresStore()];
    },
  },
];

describe.each(backends)('LimitStore ($name)', ({ name, pair }) => {
  test('two store objects share one burst, even when they take at once', async () => {
    const [a, b] = await pair();
    const rule = perMinute(1, 5);
    const key = `burst-${name}-${randomBytes(4).toString('hex')}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).take(key, rule, 1_000_000)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    await Promise.all([a.close(), b.close()]);
  });

  test('counts a take whose clock lags one already counted at the later time, not against the burst', async () => {
    // Two instances (or workers, or batches) read their clocks, then reach the store in the other order.
    const [a, b] = await pair();
    const rule = perMinute(1, 2);
    const key = `lag-${name}-${randomBytes(4).toString('hex')}`;
    expect(await a.take(key, rule, 1_000_005)).toEqual({ allowed: true, startMs: 1_000_005 });
    expect(await b.take(key, rule, 1_000_000)).toEqual({ allowed: true, startMs: 1_060_005 });
    expect((await b.take(key, rule, 1_000_001)).allowed).toBe(false);
    await Promise.all([a.close(), b.close()]);
  });

  test('refills one event per interval and keeps keys apart', async () => {
    const [store] = await pair();
    const rule = perMinute(60, 1);
    const key = `refill-${name}-${randomBytes(4).toString('hex')}`;
    expect((await store.take(key, rule, 0)).allowed).toBe(true);
    expect((await store.take(key, rule, 500)).allowed).toBe(false);
    expect((await store.take(`${key}-other`, rule, 500)).allowed).toBe(true);
    expect((await store.take(key, rule, 1000)).allowed).toBe(true);
    await store.close();
  });

  test('counts the takes of one turn as the same takes one after another would be', async () => {
    const [store] = await pair();
    const reference = new MemoryLimitStore();
    const tag = `${name}-${randomBytes(4).toString('hex')}`;
    const rules = [perMinute(60, 3), perMinute(1, 2), { intervalMs: 1000, toleranceMs: 1e13 }];
    // Three keys under three rules, interleaved, each key twice over its burst, plus a key already used.
    await store.take(`used-${tag}`, rules[0]!, 9_000);
    await reference.take(`used-${tag}`, rules[0]!, 9_000);
    const takes = Array.from({ length: 18 }, (_, i) =>
      i % 4 === 3
        ? { key: `used-${tag}`, rule: rules[0]! }
        : { key: `k${i % 3}-${tag}`, rule: rules[i % 3]! },
    );
    const results = await Promise.all(takes.map(({ key, rule }) => store.take(key, rule, 10_000)));
    const expected = [];
    for (const { key, rule } of takes) expected.push(await reference.take(key, rule, 10_000));
    expect(results.map((r) => (r.allowed ? r.startMs : 'refused'))).toEqual(
      expected.map((r) => (r.allowed ? r.startMs : 'refused')),
    );
    expect(results.some((r) => !r.allowed)).toBe(true);
    await store.close();
  });

  test('hands out queue slots one interval apart', async () => {
    const [store] = await pair();
    const rule = { intervalMs: 1000, toleranceMs: 1e13 };
    const key = `slots-${name}-${randomBytes(4).toString('hex')}`;
    const starts = [];
    for (let i = 0; i < 3; i++) {
      const result = await store.take(key, rule, 5000);
      starts.push(result.allowed ? result.startMs : -1);
    }
    expect(starts).toEqual([5000, 6000, 7000]);
    await store.close();
  });
});

describe('MemoryLimitStore', () => {
  test('forgets keys whose time has passed', async () => {
    const store = new MemoryLimitStore();
    await store.take('a', perMinute(60, 1), 0);
    await store.take('b', perMinute(1, 1), 0);
    store.sweep(1000);
    expect(store.size).toBe(1);
  });
});

describe('PostgresLimitStore', () => {
  test('sends the takes of one turn as one statement per rule', async () => {
    const pool = schemaPool();
    const inner = preparedStatementRunner(pool);
    const statements: string[] = [];
    const store = await PostgresLimitStore.open(pgDatabase(pool), Date.now, (query) => {
      statements.push(query.sql);
      return inner(query);
    });
    const tag = randomBytes(4).toString('hex');
    const results = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => store.take(`turn-${tag}-${i % 10}`, perMinute(1, 2), 0)),
      store.take(`turn-${tag}-mail`, { intervalMs: 1000, toleranceMs: 1e13 }, 0),
    ]);
    expect(statements).toHaveLength(2);
    // Per key, the first two of its three takes fit the burst of 2.
    expect(results.slice(0, 30).map((r) => r.allowed)).toEqual(Array.from({ length: 30 }, (_, i) => i < 20));
    expect(results[30]).toEqual({ allowed: true, startMs: 0 });
    await store.close();
  });

  test('a failed statement fails its turn’s takes, and the next turn works', async () => {
    const pool = schemaPool();
    const inner = preparedStatementRunner(pool);
    let fail = true;
    const store = await PostgresLimitStore.open(pgDatabase(pool), Date.now, (query) =>
      fail ? Promise.reject(new Error('connection lost')) : inner(query),
    );
    const tag = randomBytes(4).toString('hex');
    const failed = await Promise.allSettled([
      store.take(`f-${tag}`, perMinute(1, 1), 0),
      store.take(`g-${tag}`, perMinute(1, 1), 0),
    ]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await store.take(`f-${tag}`, perMinute(1, 1), 0)).toEqual({ allowed: true, startMs: 0 });
    await store.close();
  });

  test('the sweep deletes expired rows only', async () => {
    const db = pgDatabase();
    const store = await PostgresLimitStore.open(db);
    await store.take('sweep-short', perMinute(60, 1), 0);
    await store.take('sweep-long', perMinute(1, 1), 0);
    await store.sweep(1000);
    const { rows } = await sql<{ key: string }>`
      SELECT key FROM client_rate_limits WHERE key LIKE 'sweep-%'`.execute(db);
    expect(rows.map((r) => r.key)).toEqual(['sweep-long']);
    await store.close();
  });
});

describe('ClusterLimitStore', () => {
  test("sends one turn's checks in one message and gets each its own answer, in the order asked", async () => {
    const cluster = fakeCluster();
    const store = new ClusterLimitStore(cluster.worker());
    const rule = perMinute(1, 3);
    const turn = await Promise.all([
      ...Array.from({ length: 5 }, () => store.take('shared', rule, 1_000_000)),
      store.take('other', rule, 1_000_000),
    ]);
    expect(turn.map((r) => r.allowed)).toEqual([true, true, true, false, false, true]);
    expect(cluster.sent).toHaveLength(1);
    // A later turn is a message of its own.
    expect((await store.take('shared', rule, 1_000_001)).allowed).toBe(false);
    expect(cluster.sent).toHaveLength(2);
    await store.close();
  });

  test.each(closedIpcChannels)(
    'a worker whose channel is closed ($name) gets LimitStoreUnavailableError at once',
    async ({ channel }) => {
      // Refused without waiting for the answer's timeout.
      const store = new ClusterLimitStore(channel);
      const settled = await settledBeforeAnyTimeout(() => store.take('k', perMinute(1, 1), 0));
      expect(settled).toBeInstanceOf(LimitStoreUnavailableError);
      await store.close();
    },
  );

  test('a primary given a malformed check answers nothing and keeps serving', async () => {
    const cluster = fakeCluster();
    const answers: unknown[] = [];
    const worker = { isConnected: () => true, send: (message: unknown) => answers.push(message) };
    const takes = (rule: unknown) => ({
      type: 'shop-bot:limit-takes',
      id: 1,
      takes: [{ key: 'k', rule, nowMs: 0 }],
    });
    expect(() => cluster.events.emit('message', worker, takes(null))).not.toThrow();
    expect(() => cluster.events.emit('message', worker, takes({ intervalMs: 'x' }))).not.toThrow();
    expect(answers).toEqual([]);
    cluster.events.emit('message', worker, takes(perMinute(1, 1)));
    expect(answers).toEqual([
      { type: 'shop-bot:limit-results', id: 1, results: [{ allowed: true, startMs: 0 }] },
    ]);
  });

  test('a worker whose primary never answers gets LimitStoreUnavailableError, not a hang', async () => {
    const silent: IpcChannel = { send: () => true, on: () => undefined, off: () => undefined };
    const store = new ClusterLimitStore(silent);
    const pending = store.take('k', perMinute(1, 1), 0);
    await store.close();
    await expect(pending).rejects.toBeInstanceOf(LimitStoreUnavailableError);
  });
});
