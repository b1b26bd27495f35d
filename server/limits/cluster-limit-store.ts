/**
 * GCRA times held by the cluster primary (SERVER_PROCESSES > 1 on SQLite): each worker asks the primary
 * over the cluster's IPC channel, the checks of one event-loop turn in one message, and the primary
 * answers from one MemoryLimitStore, so the workers share the limits without touching the database. The
 * primary does nothing else after start-up, so it answers at once; a round trip is a few tens of
 * microseconds (bench/limit-store.ts). Several machines need PostgreSQL (postgres-limit-store.ts), which
 * is also their database.
 */
import type { Worker } from 'node:cluster';
import { ServerError } from '../errors.ts';
import { TurnQueue } from '../storage/turn-queue.ts';
import type { RateRule, TakeResult } from './gcra.ts';
import { type LimitStore, MemoryLimitStore } from './limit-store.ts';

/** One check: the key, its rule, and the worker's clock when it was asked. */
interface Take {
  key: string;
  rule: RateRule;
  nowMs: number;
}

/** A worker's checks of one event-loop turn, in the order they were asked. */
interface TakesRequest {
  type: typeof TAKES_REQUEST;
  id: number;
  takes: Take[];
}

/** The primary's answer: one result per check, in the request's order. */
interface TakesResponse {
  type: typeof TAKES_RESPONSE;
  id: number;
  results: TakeResult[];
}

const TAKES_REQUEST = 'shop-bot:limit-takes';
const TAKES_RESPONSE = 'shop-bot:limit-results';
/**
 * An answer later than this (ms) means the primary is gone; the event is refused with this error. A check
 * queued behind two unanswered messages (the turn queue's cap) waits for one of them first: at most
 * twice this.
 */
const ANSWER_TIMEOUT_MS = 5000;

/** Thrown when the primary did not answer. */
export class LimitStoreUnavailableError extends ServerError {
  constructor(message: string) {
    super('LIMITS_ERR_STORE_UNAVAILABLE', message, { status: 503 });
  }
}

/** The minimal IPC channel of a worker process (process.send / process.on('message')). */
export interface IpcChannel {
  /**
   * `callback` gets the error of a message that could not be sent (Node calls it, if given, instead of
   * emitting the error on the process).
   */
  send(message: unknown, callback?: (error: Error | null) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/**
 * Sends `message` to the primary over `channel`; `onFailure` runs when it cannot go (the channel is
 * closed: the primary exited), whether Node reports that to send's callback or the channel throws.
 * Without a callback Node would emit the error on the process, which crashes a worker with no listener.
 */
export function sendToPrimary(channel: IpcChannel, message: unknown, onFailure: () => void): void {
  try {
    channel.send(message, (error) => {
      if (error) onFailure();
    });
  } catch {
    onFailure();
  }
}

/** A check waiting for its turn's message to be answered. */
interface PendingTake extends Take {
  resolve: (result: TakeResult) => void;
  reject: (error: Error) => void;
}

/**
 * A worker's view of the primary's store. The checks of one event-loop turn travel in one message and
 * come back in one. With a message each, the channel's writes took 6.5 % of a worker's main thread in a
 * CPU profile of the SQLite cluster's closed loop, 3.6 % batched (docs/benchmarks.md).
 */
export class ClusterLimitStore implements LimitStore {
  readonly kind = 'cluster';
  private nextId = 1;
  private closed = false;
  /** Sent batches by id: how many results each expects, and how to settle its checks. */
  private readonly sent = new Map<number, { count: number; settle(outcome: TakeResult[] | Error): void }>();
  private readonly queue = new TurnQueue<PendingTake>((takes) => this.send(takes));
  private readonly onMessage = (message: unknown): void => {
    const answer = message as Partial<TakesResponse> | null;
    if (answer?.type !== TAKES_RESPONSE || typeof answer.id !== 'number') return;
    const batch = this.sent.get(answer.id);
    if (!batch) return;
    batch.settle(
      Array.isArray(answer.results) && answer.results.length === batch.count
        ? answer.results
        : new LimitStoreUnavailableError('the cluster primary answered a limit check it was not asked'),
    );
  };

  constructor(private readonly channel: IpcChannel) {
    channel.on('message', this.onMessage);
  }

  take(key: string, rule: RateRule, nowMs: number): Promise<TakeResult> {
    return new Promise((resolve, reject) => this.queue.push({ key, rule, nowMs, resolve, reject }));
  }

  /** Sends one turn's checks; settles each of them when the answer comes, the store closes or time runs out. */
  private send(takes: PendingTake[]): Promise<void> {
    if (this.closed) {
      for (const take of takes) take.reject(new LimitStoreUnavailableError('limit store closed'));
      return Promise.resolve();
    }
    const id = this.nextId++;
    return new Promise<void>((done) => {
      const settle = (outcome: TakeResult[] | Error) => {
        if (!this.sent.has(id)) return; // settled already (answered, timed out or closed)
        clearTimeout(timer);
        this.sent.delete(id);
        for (const [i, take] of takes.entries()) {
          if (outcome instanceof Error) take.reject(outcome);
          else take.resolve(outcome[i]!);
        }
        done();
      };
      const timer = setTimeout(
        () => settle(new LimitStoreUnavailableError('the cluster primary did not answer a limit check')),
        ANSWER_TIMEOUT_MS,
      );
      timer.unref();
      this.sent.set(id, { count: takes.length, settle });
      const request: TakesRequest = {
        type: TAKES_REQUEST,
        id,
        takes: takes.map(({ key, rule, nowMs }) => ({ key, rule, nowMs })),
      };
      // A channel that is gone refuses the checks now rather than at the timeout.
      sendToPrimary(this.channel, request, () =>
        settle(new LimitStoreUnavailableError('the cluster primary cannot be reached for a limit check')),
      );
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.channel.off('message', this.onMessage);
    for (const batch of [...this.sent.values()])
      batch.settle(new LimitStoreUnavailableError('limit store closed'));
  }
}

/** A well-formed check from a worker (the channel carries whatever a worker sends). */
function isTake(take: Partial<Take> | null): take is Take {
  const rule = take?.rule as Partial<RateRule> | null | undefined;
  return (
    typeof take?.key === 'string' &&
    typeof take.nowMs === 'number' &&
    typeof rule?.intervalMs === 'number' &&
    typeof rule.toleranceMs === 'number'
  );
}

/** In the primary: answers every worker's limit checks from one store. Returns that store. */
export function serveClusterLimits(cluster: {
  on(event: 'message', listener: (worker: Worker, message: unknown) => void): unknown;
}): MemoryLimitStore {
  const store = new MemoryLimitStore();
  cluster.on('message', (worker, message) => {
    const request = message as Partial<TakesRequest> | null;
    if (request?.type !== TAKES_REQUEST || typeof request.id !== 'number') return;
    if (!Array.isArray(request.takes) || !request.takes.every(isTake)) return;
    // In the order asked: a key's later check sees the earlier one counted.
    const results = request.takes.map((take) => store.takeNow(take.key, take.rule, take.nowMs));
    const response: TakesResponse = { type: TAKES_RESPONSE, id: request.id, results };
    if (worker.isConnected()) worker.send(response);
  });
  return store;
}
