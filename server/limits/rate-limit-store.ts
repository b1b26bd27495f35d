/**
 * A store for @fastify/rate-limit (the console sign-in and the not-found limits) over the shared
 * LimitStore, so those limits too are counted once for every process and instance. @fastify/rate-limit
 * asks for a count in a window; the GCRA answers with the slots in use: `max` events at once, then `max`
 * more per window, spread over it. The LimitStore is looked up at request time (the plugin is
 * registered before storage is open); until then, and when the store fails, this process counts alone.
 * @see https://github.com/fastify/fastify-rate-limit#custom-store
 */
import type { RateRule } from './gcra.ts';
import { type LimitStore, MemoryLimitStore } from './limit-store.ts';

/** What @fastify/rate-limit's `incr` callback gets. */
interface RateLimitCount {
  current: number;
  /** Milliseconds until the count goes down (Retry-After when over the limit). */
  ttl: number;
}

/** The rate-limit store class for `fastifyRateLimit({ store })`. */
export function sharedRateLimitStore(getStore: () => LimitStore | undefined, clock: () => number = Date.now) {
  const local = new MemoryLimitStore();
  return class SharedRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly namespace: string = 'global',
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result: RateLimitCount) => void,
      timeWindow: number,
      max: number,
    ): void {
      const intervalMs = timeWindow / Math.max(1, max);
      const rule: RateRule = { intervalMs, toleranceMs: (Math.max(1, max) - 1) * intervalMs };
      const now = clock();
      const id = `http:${this.namespace}:${key}`;
      const store = getStore() ?? local;
      store
        .take(id, rule, now)
        .catch(() => local.take(id, rule, now))
        .then((result) => {
          if (!result.allowed) {
            callback(null, { current: max + 1, ttl: Math.ceil(result.retryAfterMs) });
            return;
          }
          // Slots in use after this event: how far the TAT now runs ahead of the clock, in intervals.
          const ahead = result.startMs + intervalMs - now;
          callback(null, {
            current: Math.max(1, Math.ceil(ahead / intervalMs - 1e-9)),
            ttl: Math.ceil(ahead),
          });
        });
    }

    /**
     * One store per limited route, its keys apart from the others'. (At run time @fastify/rate-limit
     * passes the route's merged limit options, with the route as `routeInfo`; its typings say otherwise.)
     */
    child(routeOptions: object): SharedRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      return new SharedRateLimitStore(
        undefined,
        typeof route?.url === 'string' ? `${String(route.method)} ${route.url}` : 'handler',
      );
    }
  };
}
