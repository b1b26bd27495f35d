/**
 * The per-client socket cap held by the cluster primary: a worker asks for a slot over IPC and gives it
 * back when the socket closes; the primary counts per worker too, so the slots of a worker that dies are
 * given back with it.
 */
import type { Worker } from 'node:cluster';
import { type IpcChannel, sendToPrimary } from './cluster-limit-store.ts';
import type { ConnectionCap } from './connection-cap.ts';

const ACQUIRE = 'shop-bot:conn-acquire';
const ACQUIRED = 'shop-bot:conn-acquired';
const RELEASE = 'shop-bot:conn-release';
/** A primary that does not answer within this time (ms) gets the socket admitted (the cap fails open). */
const ANSWER_TIMEOUT_MS = 5000;

interface AcquireRequest {
  type: typeof ACQUIRE;
  id: number;
  key: string;
  max: number;
}

/** A worker's view of the primary's counts. */
export class ClusterConnectionCap implements ConnectionCap {
  private nextId = 1;
  private readonly pending = new Map<number, (ok: boolean) => void>();
  private readonly onMessage = (message: unknown): void => {
    const answer = message as { type?: string; id?: number; ok?: boolean } | null;
    if (answer?.type !== ACQUIRED || typeof answer.id !== 'number') return;
    this.pending.get(answer.id)?.(answer.ok === true);
    this.pending.delete(answer.id);
  };

  constructor(private readonly channel: IpcChannel) {
    channel.on('message', this.onMessage);
  }

  acquire(key: string, max: number): Promise<(() => void) | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      // No answer in time, or no channel to ask on: the socket is admitted (the cap fails open).
      const failOpen = () => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(() => undefined);
      };
      const timer = setTimeout(failOpen, ANSWER_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, (ok) => {
        clearTimeout(timer);
        if (!ok) {
          resolve(undefined);
          return;
        }
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          // A primary that is gone took its counts with it: nothing to give back.
          sendToPrimary(this.channel, { type: RELEASE, key }, () => undefined);
        });
      });
      const request: AcquireRequest = { type: ACQUIRE, id, key, max };
      sendToPrimary(this.channel, request, failOpen);
    });
  }

  async close(): Promise<void> {
    this.channel.off('message', this.onMessage);
  }
}

/** In the primary: counts every worker's sockets per client; a dead worker's slots are given back. */
export function serveClusterConnectionCap(cluster: {
  on(event: 'message', listener: (worker: Worker, message: unknown) => void): unknown;
  on(event: 'exit', listener: (worker: Worker) => void): unknown;
}): { count(key: string): number } {
  const totals = new Map<string, number>();
  const perWorker = new Map<number, Map<string, number>>();
  const add = (worker: Worker, key: string, delta: number): void => {
    const mine = perWorker.get(worker.id) ?? new Map<string, number>();
    perWorker.set(worker.id, mine);
    const own = (mine.get(key) ?? 0) + delta;
    if (own <= 0) mine.delete(key);
    else mine.set(key, own);
    const total = (totals.get(key) ?? 0) + delta;
    if (total <= 0) totals.delete(key);
    else totals.set(key, total);
  };
  cluster.on('message', (worker, message) => {
    const request = message as { type?: unknown; id?: unknown; key?: unknown; max?: unknown } | null;
    if (request?.type === ACQUIRE && typeof request.id === 'number' && typeof request.key === 'string') {
      const ok = (totals.get(request.key) ?? 0) < (typeof request.max === 'number' ? request.max : 0);
      if (ok) add(worker, request.key, 1);
      if (worker.isConnected()) worker.send({ type: ACQUIRED, id: request.id, ok });
    } else if (request?.type === RELEASE && typeof request.key === 'string') {
      if ((perWorker.get(worker.id)?.get(request.key) ?? 0) > 0) add(worker, request.key, -1);
    }
  });
  cluster.on('exit', (worker) => {
    for (const [key, n] of perWorker.get(worker.id) ?? []) add(worker, key, -n);
    perWorker.delete(worker.id);
  });
  return { count: (key) => totals.get(key) ?? 0 };
}
