/**
 * The Generic Cell Rate Algorithm: a token bucket kept per key as the theoretical arrival time (TAT) of
 * the next event. The new TAT follows from the old one and the clock alone, so a take is a single atomic
 * update in any shared store (a PostgreSQL upsert, a message to the cluster primary), where a bucket's
 * count and refill time need a read first. All times are in milliseconds; the clock is passed in, and
 * each key also keeps the latest clock it was counted at (GcraState says why).
 */

/** A rate: one event per `intervalMs` on average, `toleranceMs` of credit for a burst. */
export interface RateRule {
  /** Milliseconds per event (60 000 / events per minute). */
  intervalMs: number;
  /** How far ahead of now the TAT may run: (burst − 1) · intervalMs; NEVER_REFUSE_MS for a queue. */
  toleranceMs: number;
}

/**
 * A tolerance no TAT reaches (about three centuries, in ms): the rule then never refuses and only hands
 * out slots one interval apart (a fair queue). Finite, because the cluster's IPC serialises with JSON.
 */
export const NEVER_REFUSE_MS = 1e13;

/** The rule for "`perMinute` on average after a burst of `burst`". */
export function perMinute(perMinute: number, burst: number): RateRule {
  const intervalMs = 60_000 / perMinute;
  return { intervalMs, toleranceMs: (burst - 1) * intervalMs };
}

/** The outcome of one event. */
export type TakeResult =
  | {
      allowed: true;
      /** When this event's slot starts: now, or later when earlier events of the key used the credit. */
      startMs: number;
    }
  | {
      allowed: false;
      /** Milliseconds until the key may have one more event (may be an upper estimate). */
      retryAfterMs: number;
    };

/**
 * What a store keeps per key: the TAT, and the latest clock the key was counted at. Takes reach a shared
 * store out of the order their clocks were read in (two instances, two workers, two batches in
 * flight), a few milliseconds apart; counted at its own earlier clock, the second take of a burst
 * would find the TAT a little further ahead than the tolerance allows, and one of a burst of N would be
 * refused. So a take is counted at the latest clock the key has seen: the order the store saw them in.
 */
export interface GcraState {
  tat: number;
  seen: number;
}

/** One event for a key whose state is `state` (undefined: never seen); returns the outcome and the new state. */
export function gcraStep(
  state: GcraState | undefined,
  nowMs: number,
  rule: RateRule,
): { result: TakeResult; state: GcraState | undefined } {
  const now = Math.max(nowMs, state?.seen ?? nowMs);
  const start = Math.max(state?.tat ?? now, now);
  if (start - now > rule.toleranceMs) {
    // Refused events do not move the TAT: a flood does not push the client's own recovery further out.
    // The wait is told against the caller's own clock.
    const retryAfterMs = start - nowMs - rule.toleranceMs;
    return { result: { allowed: false, retryAfterMs }, state: state && { tat: state.tat, seen: now } };
  }
  return { result: { allowed: true, startMs: start }, state: { tat: start + rule.intervalMs, seen: now } };
}
