/**
 * The per-client cap on open chat sockets (CHAT_MAX_CONNECTIONS_PER_IP), counted where the per-client
 * rates are: in this process (MemoryConnectionCap), by the cluster primary (cluster-connection-cap.ts)
 * or in PostgreSQL (postgres-connection-cap.ts), so several processes or instances hold one cap, not one
 * each.
 */
import { ConnectionCounter } from '../chat/connection-counter.ts';

/** Open sockets per client, shared however the deployment shares them. */
export interface ConnectionCap {
  /** Takes a slot for `key` under `max`; resolves to the release (call it once), or undefined at the cap. */
  acquire(key: string, max: number): Promise<(() => void) | undefined>;
  /** Gives back this process's slots and stops timers. */
  close(): Promise<void>;
}

/** The cap of this process alone. */
export class MemoryConnectionCap implements ConnectionCap {
  private counter: ConnectionCounter | undefined;

  async acquire(key: string, max: number): Promise<(() => void) | undefined> {
    this.counter ??= new ConnectionCounter(max);
    return this.counter.acquire(key);
  }

  async close(): Promise<void> {}
}
