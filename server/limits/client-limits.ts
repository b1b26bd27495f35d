/**
 * The per-client limits of the chat, counted in one LimitStore shared by every process and instance:
 * handshakes, conversations started or resumed, shopper messages and handoffs, each a rate per minute
 * after a burst (CLIENT_* in env-schema.ts). Also the fair outbox (one client's handoff mails leave at
 * most at its handoff rate) and the flood alert (one alert per client per CLIENT_FLOOD_ALERT_MINUTES).
 *
 * A store that fails (PostgreSQL restarting, a primary that does not answer) admits the event: the
 * limits guard the shop against one client, and must not refuse every shopper while the store is away.
 * The failure is logged at most once a minute.
 */
import type { Env } from '../config/env-schema.ts';
import { clientKey } from './client-key.ts';
import { NEVER_REFUSE_MS, perMinute, type RateRule, type TakeResult } from './gcra.ts';
import type { LimitStore } from './limit-store.ts';

/** What one client is counted for. */
export const LIMIT_KINDS = ['handshake', 'conversation', 'message', 'handoff'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** The rules, from the environment. */
export interface ClientLimitRules {
  rates: Record<LimitKind, RateRule>;
  /** Spacing of one client's handoff mails in the outbox, ms. */
  mailSpacingMs: number;
  /** At most one flood alert per client this often, ms. */
  alertEveryMs: number;
}

/** The rules the CLIENT_* variables describe. */
export function clientLimitRules(env: Env): ClientLimitRules {
  return {
    rates: {
      handshake: perMinute(env.CLIENT_HANDSHAKES_PER_MINUTE, env.CLIENT_HANDSHAKES_BURST),
      conversation: perMinute(env.CLIENT_CONVERSATIONS_PER_MINUTE, env.CLIENT_CONVERSATIONS_BURST),
      message: perMinute(env.CLIENT_MESSAGES_PER_MINUTE, env.CLIENT_MESSAGES_BURST),
      handoff: perMinute(env.CLIENT_HANDOFFS_PER_MINUTE, env.CLIENT_HANDOFFS_BURST),
    },
    mailSpacingMs: 60_000 / env.CLIENT_HANDOFFS_PER_MINUTE,
    alertEveryMs: env.CLIENT_FLOOD_ALERT_MINUTES * 60_000,
  };
}

/** The limits, per client IP. */
export interface ClientLimits {
  readonly store: LimitStore;
  /** Counts one event of `kind` for the client at `ip`. */
  admit(kind: LimitKind, ip: string): Promise<TakeResult>;
  /** When this client's next handoff mail may leave the outbox: now, or after its earlier ones. */
  mailNotBefore(ip: string, now: Date): Promise<Date>;
  /** True for the first refused handoff of a flood: queue one alert, then none for alertEveryMs. */
  alertDue(ip: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Failures of the store are logged at most this often, ms. */
const FAILURE_LOG_EVERY_MS = 60_000;

/** Creates the limits over a store. `clock` is the real clock in ms (tests pass their own). */
export function createClientLimits(deps: {
  store: LimitStore;
  rules: ClientLimitRules;
  log: { warn(obj: object, msg: string): void };
  clock?: () => number;
}): ClientLimits {
  const { store, rules, log } = deps;
  const clock = deps.clock ?? Date.now;
  let lastFailureLog = Number.NEGATIVE_INFINITY;

  async function take(key: string, rule: RateRule, nowMs: number): Promise<TakeResult> {
    try {
      return await store.take(key, rule, nowMs);
    } catch (error) {
      if (nowMs - lastFailureLog >= FAILURE_LOG_EVERY_MS) {
        lastFailureLog = nowMs;
        log.warn({ err: error, store: store.kind }, 'client limit store failed; admitting meanwhile');
      }
      return { allowed: true, startMs: nowMs };
    }
  }

  return {
    store,
    admit(kind, ip) {
      return take(`${kind}:${clientKey(ip)}`, rules.rates[kind], clock());
    },
    async mailNotBefore(ip, now) {
      const result = await take(
        `mail:${clientKey(ip)}`,
        { intervalMs: rules.mailSpacingMs, toleranceMs: NEVER_REFUSE_MS },
        now.getTime(),
      );
      return result.allowed ? new Date(Math.max(result.startMs, now.getTime())) : now;
    },
    async alertDue(ip) {
      const result = await take(
        `alert:${clientKey(ip)}`,
        { intervalMs: rules.alertEveryMs, toleranceMs: 0 },
        clock(),
      );
      return result.allowed;
    },
    close: () => store.close(),
  };
}
