/**
 * The @fastify/rate-limit store over a LimitStore: the count and time-to-live it reports, keys apart
 * per limited route, and this process's own count while the shared store is missing or failing.
 */
import { describe, expect, test } from 'vitest';
import { type LimitStore, MemoryLimitStore } from '../../../server/limits/limit-store.ts';
import { sharedRateLimitStore } from '../../../server/limits/rate-limit-store.ts';

type Store = InstanceType<ReturnType<typeof sharedRateLimitStore>>;

function incr(store: Store, key: string, windowMs: number, max: number) {
  return new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    store.incr(key, (error, result) => (error ? reject(error) : resolve(result)), windowMs, max),
  );
}

describe('sharedRateLimitStore', () => {
  test('reports 1…max while allowed, max + 1 beyond, and when a slot comes back', async () => {
    const now = 1_000_000;
    const shared = new MemoryLimitStore();
    const Over = sharedRateLimitStore(
      () => shared,
      () => now,
    );
    const store = new Over();
    const counts = [];
    for (let i = 0; i < 4; i++) counts.push(await incr(store, '203.0.113.1', 60_000, 3));
    expect(counts.map((c) => c.current)).toEqual([1, 2, 3, 4]);
    expect(counts[2]!.ttl).toBe(60_000);
    expect(counts[3]!.ttl).toBe(20_000);
  });

  test('two stores over one LimitStore count together; two routes count apart', async () => {
    const shared = new MemoryLimitStore();
    const Store = sharedRateLimitStore(
      () => shared,
      () => 0,
    );
    const login = { routeInfo: { method: 'POST', url: '/api/console/login' } };
    const a = new Store().child(login);
    const b = new Store().child(login);
    const notFound = new Store().child({ routeInfo: {} });
    expect((await incr(a, 'k', 60_000, 2)).current).toBe(1);
    expect((await incr(b, 'k', 60_000, 2)).current).toBe(2);
    expect((await incr(b, 'k', 60_000, 2)).current).toBe(3);
    expect((await incr(notFound, 'k', 60_000, 2)).current).toBe(1);
  });

  test('counts in this process while the shared store fails', async () => {
    const broken: LimitStore = {
      kind: 'postgres',
      take: async () => {
        throw new Error('down');
      },
      close: async () => undefined,
    };
    const store = new (sharedRateLimitStore(
      () => broken,
      () => 0,
    ))();
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push((await incr(store, 'k', 60_000, 2)).current);
    expect(counts).toEqual([1, 2, 3]);
  });
});
