/**
 * Logs refusals without letting a flood fill the disk: the first refusal of an event per client is
 * logged at warn, the rest are counted and reported with the next line for that client once `everyMs`
 * has passed. One short line without a stack: a flood of oversized frames logged 2.1 KB with stacks per
 * handshake (about 4.8 GiB an hour from one client).
 */
import { clientKey } from './client-key.ts';

/** Distinct (event, client) pairs remembered before the oldest windows are forgotten. */
const MAX_TRACKED = 10_000;

/** The sampled logger: `refused(event, ip, fields)`. */
export type RefusalLog = (event: string, ip: string, fields?: Record<string, unknown>) => void;

/** Creates a sampled refusal log over `log`; `clock` in ms (tests pass their own). */
export function createRefusalLog(
  log: { warn(obj: object, msg: string): void },
  everyMs: number,
  clock: () => number = Date.now,
): RefusalLog {
  const windows = new Map<string, { startedMs: number; suppressed: number }>();
  return (event, ip, fields = {}) => {
    const now = clock();
    const key = `${event}|${clientKey(ip)}`;
    const window = windows.get(key);
    if (window && now - window.startedMs < everyMs) {
      window.suppressed++;
      return;
    }
    if (windows.size >= MAX_TRACKED) {
      for (const [k, w] of windows) if (now - w.startedMs >= everyMs) windows.delete(k);
      // Still full: every window is live; forget the oldest (Map order is insertion order).
      if (windows.size >= MAX_TRACKED) windows.delete(windows.keys().next().value!);
    }
    windows.delete(key);
    windows.set(key, { startedMs: now, suppressed: 0 });
    log.warn(
      { ...fields, ip, ...(window?.suppressed ? { suppressedSinceLast: window.suppressed } : {}) },
      event,
    );
  };
}
