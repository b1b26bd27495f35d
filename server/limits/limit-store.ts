/**
 * Where per-client rate counts live. Every implementation keeps one GCRA time per key (gcra.ts) and
 * updates it atomically, so processes and instances sharing a store share the limits:
 * MemoryLimitStore (this process), ClusterLimitStore (the cluster primary, cluster-limit-store.ts) and
 * PostgresLimitStore (postgres-limit-store.ts). docs/deployment.md "Abuse limits" says which fits when.
 */
import { type GcraState, gcraStep, type RateRule, type TakeResult } from './gcra.ts';

/** A shared store of GCRA times. */
export interface LimitStore {
  /** Which store this is (logs, health). */
  readonly kind: 'memory' | 'cluster' | 'postgres';
  /** Counts one event of `key` under `rule` at `nowMs`. */
  take(key: string, rule: RateRule, nowMs: number): Promise<TakeResult>;
  /** Stops timers and gives back connections. */
  close(): Promise<void>;
}

/** Takes between two sweeps of expired keys: bounds the map under a flood of distinct clients. */
const SWEEP_EVERY = 4096;

/** The GCRA times of this process. Also what the cluster primary runs for its workers. */
export class MemoryLimitStore implements LimitStore {
  readonly kind = 'memory';
  private readonly states = new Map<string, GcraState>();
  private takes = 0;

  /** Synchronous form, for the cluster primary. */
  takeNow(key: string, rule: RateRule, nowMs: number): TakeResult {
    if (++this.takes % SWEEP_EVERY === 0) this.sweep(nowMs);
    const step = gcraStep(this.states.get(key), nowMs, rule);
    if (step.state !== undefined) this.states.set(key, step.state);
    return step.result;
  }

  async take(key: string, rule: RateRule, nowMs: number): Promise<TakeResult> {
    return this.takeNow(key, rule, nowMs);
  }

  /** Keys held now (tests). */
  get size(): number {
    return this.states.size;
  }

  /** Forgets keys whose TAT has passed: for them, absent and present mean the same. */
  sweep(nowMs: number): void {
    for (const [key, { tat }] of this.states) if (tat <= nowMs) this.states.delete(key);
  }

  async close(): Promise<void> {
    this.states.clear();
  }
}
