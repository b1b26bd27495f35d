/** First reconnect delay, doubled on each failure up to RECONNECT_MAX_MS (ms). */
const RECONNECT_BASE_MS = 1000;
/** Longest reconnect delay (ms). */
const RECONNECT_MAX_MS = 30_000;

/**
 * The delay before reconnect attempt `attempt` (0-based): exponential from 1 s, capped at 30 s, with
 * jitter in [50 %, 100 %] so that many widgets don't reconnect in step after a server restart.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}
