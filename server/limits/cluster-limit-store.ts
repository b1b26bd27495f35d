/**
 * GCRA times held by the cluster primary (SERVER_PROCESSES > 1 on SQLite): each worker asks the primary
 * over the cluster's IPC channel, the primary answers from one MemoryLimitStore, so the workers share
 * the limits without touching the database. The primary does nothing else after start-up, so it answers
 * at once; a round trip is a few tens of microseconds (bench/limit-store.ts). Several machines need
 * PostgreSQL (postgres-limit-store.ts), which is also their database.
 */
import type { Worker } from 'node:cluster';
import { ServerError } from '../errors.ts';
import type { RateRule, TakeResult } from './gcra.ts';
import { type LimitStore, MemoryLimitStore } from './limit-store.ts';

/** A worker's question. */
interface TakeRequest {
  type: typeof TAKE_REQUEST;
  id: number;
  key: string;
  rule: RateRule;
  nowMs: number;
}

/** The primary's answer. */
interface TakeResponse {
  type: typeof TAKE_RESPONSE;
  id: number;
  result: TakeResult;
}

const TAKE_REQUEST = 'shop-bot:limit-take';
const TAKE_RESPONSE = 'shop-bot:limit-result';
/** An answer later than this (ms) means the primary is gone; the event is refused with this error. */
const ANSWER_TIMEOUT_MS = 5000;

/** Thrown when the primary did not answer. */
export class LimitStoreUnavailableError extends ServerError {
  constructor(message: string) {
    super('LIMITS_ERR_STORE_UNAVAILABLE', message, { status: 503 });
  }
}

/** The minimal IPC channel of a worker process (process.send / process.on('message')). */
export interface IpcChannel {
  send(message: unknown): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** A worker's view of the primary's store. */
export class ClusterLimitStore implements LimitStore {
  readonly kind = 'cluster';
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve(result: TakeResult): void; reject(error: Error): void; timer: NodeJS.Timeout }
  >();
  private readonly onMessage = (message: unknown): void => {
    const answer = message as Partial<TakeResponse> | null;
    if (answer?.type !== TAKE_RESPONSE || typeof answer.id !== 'number' || !answer.result) return;
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    clearTimeout(waiting.timer);
    waiting.resolve(answer.result);
  };

  constructor(private readonly channel: IpcChannel) {
    channel.on('message', this.onMessage);
  }

  take(key: string, rule: RateRule, nowMs: number): Promise<TakeResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new LimitStoreUnavailableError('the cluster primary did not answer a limit check'));
      }, ANSWER_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      const request: TakeRequest = { type: TAKE_REQUEST, id, key, rule, nowMs };
      this.channel.send(request);
    });
  }

  async close(): Promise<void> {
    this.channel.off('message', this.onMessage);
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(new LimitStoreUnavailableError('limit store closed'));
    }
    this.pending.clear();
  }
}

/** In the primary: answers every worker's limit checks from one store. Returns that store. */
export function serveClusterLimits(cluster: {
  on(event: 'message', listener: (worker: Worker, message: unknown) => void): unknown;
}): MemoryLimitStore {
  const store = new MemoryLimitStore();
  cluster.on('message', (worker, message) => {
    const request = message as Partial<TakeRequest> | null;
    if (request?.type !== TAKE_REQUEST || typeof request.id !== 'number') return;
    if (typeof request.key !== 'string' || !request.rule || typeof request.nowMs !== 'number') return;
    const result = store.takeNow(request.key, request.rule, request.nowMs);
    const response: TakeResponse = { type: TAKE_RESPONSE, id: request.id, result };
    if (worker.isConnected()) worker.send(response);
  });
  return store;
}
