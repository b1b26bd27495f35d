/**
 * Open connections per key (the client IP), for the per-IP cap on /chat. A slot is taken before the
 * upgrade and given back exactly once when the connection's TCP socket closes, whether the upgrade
 * succeeded or not.
 */
export class ConnectionCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot for `key`; returns the release function, or undefined when the key is at the cap. */
  acquire(key: string): (() => void) | undefined {
    const count = this.counts.get(key) ?? 0;
    if (count >= this.max) return undefined;
    this.counts.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left <= 0) this.counts.delete(key);
      else this.counts.set(key, left);
    };
  }

  /** Open connections of `key`. */
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}
