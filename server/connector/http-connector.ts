/**
 * The connector contract's HTTP client (docs/connector.md): signed JSON requests to the shop's base URL
 * with a whole-request timeout, answers validated against the contract's schemas (a shop's system is
 * input like any other), a short per-customer read cache, and an ownership check before any change: the
 * subscription id must be one of this customer's, from their own list, or the shop is not even asked.
 * A change is retried once on a network error or a 5xx with the same Idempotency-Key, so the shop applies
 * it at most once. Never throws: every failure is a result with a stable code.
 */
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Order, Subscription, SubscriptionChange } from '../../bot/shop/shop-data.ts';
import {
  connectorPaths,
  OrdersResponseSchema,
  SubscriptionResponseSchema,
  SubscriptionsResponseSchema,
} from './connector-wire.ts';
import { ReadCache } from './read-cache.ts';
import { IDEMPOTENCY_HEADER, signingHeaders } from './request-signing.ts';
import type { ConnectorResult, ShopConnector } from './shop-connector.ts';

/** Options of the HTTP connector. */
export interface HttpConnectorOptions {
  /** The shop's base URL (`https://shop.example.jp/bot-connector`); the contract's paths go under it. */
  baseUrl: string;
  /** The shared HMAC-SHA256 secret. */
  secret: string;
  /** Whole-request timeout (connect, send, answer, body), in ms. */
  timeoutMs: number;
  /** How long reads are reused, in ms (default 30 000; 0: never). */
  cacheTtlMs?: number;
  /** Cached reads kept at most (default 10 000, two per customer). */
  cacheMax?: number;
  /** Tries of a change on a network error or 5xx, same Idempotency-Key (default 2). */
  changeAttempts?: number;
  /** The fetch to use (default: the global one, undici); the embedded demo passes an in-process one. */
  fetch?: typeof fetch;
  /** Wall clock for signing (tests). */
  now?: () => Date;
  /** Monotonic ms clock for the cache (tests). */
  monotonicNow?: () => number;
}

/** Largest answer read, in bytes: a list of 100 subscriptions is far below it. */
const MAX_RESPONSE_BYTES = 1_048_576;

/** The connector for a shop that implements the HTTP contract. */
export function createHttpConnector(options: HttpConnectorOptions): ShopConnector {
  const base = new URL(options.baseUrl.replace(/\/+$/u, ''));
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const attempts = Math.max(1, options.changeAttempts ?? 2);
  const cache = new ReadCache({
    ttlMs: options.cacheTtlMs ?? 30_000,
    max: options.cacheMax ?? 10_000,
    ...(options.monotonicNow ? { now: options.monotonicNow } : {}),
  });
  // Reads already on their way, so two turns at once for one customer share one round trip.
  const inFlight = new Map<string, Promise<ConnectorResult<unknown>>>();

  async function call<S extends TSchema>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: { json: unknown; idempotencyKey: string },
  ): Promise<ConnectorResult<unknown>> {
    const url = new URL(base.pathname.replace(/\/+$/u, '') + path, base);
    const pathWithQuery = url.pathname + url.search;
    const payload = body === undefined ? '' : JSON.stringify(body.json);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...signingHeaders(
        options.secret,
        { method, pathWithQuery, body: payload, ...(body ? { idempotencyKey: body.idempotencyKey } : {}) },
        now(),
      ),
      ...(body ? { 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: body.idempotencyKey } : {}),
    };
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const response = await doFetch(url, {
        method,
        headers,
        ...(body ? { body: payload } : {}),
        redirect: 'error',
        signal,
      });
      const text = await readLimited(response);
      if (response.status === 404) return { ok: false, code: 'CONNECTOR_ERR_NOT_FOUND', status: 404 };
      if (response.status === 409 || response.status === 422) {
        return { ok: false, code: 'CONNECTOR_ERR_REFUSED', status: response.status };
      }
      if (response.status < 200 || response.status > 299) {
        return { ok: false, code: 'CONNECTOR_ERR_STATUS', status: response.status };
      }
      let data: unknown;
      try {
        data = text === undefined ? undefined : JSON.parse(text);
      } catch {
        return { ok: false, code: 'CONNECTOR_ERR_INVALID_RESPONSE', status: response.status };
      }
      return Value.Check(schema, data)
        ? { ok: true, value: data }
        : { ok: false, code: 'CONNECTOR_ERR_INVALID_RESPONSE', status: response.status };
    } catch (error) {
      if (error instanceof ResponseTooLarge) return { ok: false, code: 'CONNECTOR_ERR_INVALID_RESPONSE' };
      // The timeout's abort surfaces as TimeoutError, on the fetch or on reading the body.
      const timedOut = signal.aborted || (error instanceof Error && error.name === 'TimeoutError');
      return { ok: false, code: timedOut ? 'CONNECTOR_ERR_TIMEOUT' : 'CONNECTOR_ERR_NETWORK' };
    }
  }

  async function cachedRead<T extends object>(
    kind: 'subscriptions' | 'orders',
    customerId: string,
    read: () => Promise<ConnectorResult<T>>,
  ): Promise<ConnectorResult<T>> {
    const hit = cache.get<T>(kind, customerId);
    if (hit) return { ok: true, value: hit };
    const flightKey = `${kind}\n${customerId}`;
    const pending = inFlight.get(flightKey) as Promise<ConnectorResult<T>> | undefined;
    if (pending) return pending;
    const started = read().then((result) => {
      inFlight.delete(flightKey);
      if (result.ok) cache.set(kind, customerId, result.value);
      return result;
    });
    inFlight.set(flightKey, started);
    return started;
  }

  const connector: ShopConnector = {
    subscriptions: (customerId) =>
      cachedRead('subscriptions', customerId, async () => {
        const result = await call(
          'GET',
          connectorPaths.subscriptions(customerId),
          SubscriptionsResponseSchema,
        );
        return result.ok
          ? { ok: true, value: (result.value as { subscriptions: Subscription[] }).subscriptions }
          : result;
      }),

    orders: (customerId) =>
      cachedRead('orders', customerId, async () => {
        const result = await call('GET', connectorPaths.orders(customerId), OrdersResponseSchema);
        return result.ok ? { ok: true, value: (result.value as { orders: Order[] }).orders } : result;
      }),

    async changeSubscription(customerId, subscriptionId, change: SubscriptionChange, idempotencyKey) {
      // Ownership first, from the customer's own list: an id from someone else's quick reply never
      // reaches the shop, whatever the shop itself would check.
      const own = await connector.subscriptions(customerId);
      if (!own.ok) return own;
      if (!own.value.some((s) => s.id === subscriptionId))
        return { ok: false, code: 'CONNECTOR_ERR_NOT_FOUND' };
      let result: ConnectorResult<unknown> = { ok: false, code: 'CONNECTOR_ERR_NETWORK' };
      for (let attempt = 1; attempt <= attempts; attempt++) {
        result = await call(
          'POST',
          connectorPaths.changes(customerId, subscriptionId),
          SubscriptionResponseSchema,
          {
            json: change,
            idempotencyKey,
          },
        );
        const retryable =
          !result.ok &&
          (result.code === 'CONNECTOR_ERR_NETWORK' ||
            (result.code === 'CONNECTOR_ERR_STATUS' && (result.status ?? 0) >= 500));
        if (!retryable) break;
      }
      // Whatever happened, the cached list may be stale now.
      cache.invalidate(customerId);
      if (!result.ok) return result;
      const subscription = (result.value as { subscription: Subscription }).subscription;
      if (subscription.id !== subscriptionId) return { ok: false, code: 'CONNECTOR_ERR_INVALID_RESPONSE' };
      return { ok: true, value: subscription };
    },
  };
  return connector;
}

/** An answer beyond MAX_RESPONSE_BYTES: not the contract's. */
class ResponseTooLarge extends Error {}

/** The body as text, or undefined when empty; refuses (throws, caught above) beyond MAX_RESPONSE_BYTES. */
async function readLimited(response: Response): Promise<string | undefined> {
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw new ResponseTooLarge();
  }
  const buffer = await response.arrayBuffer();
  if (buffer.byteLength > MAX_RESPONSE_BYTES) throw new ResponseTooLarge();
  return buffer.byteLength === 0 ? undefined : new TextDecoder().decode(buffer);
}
