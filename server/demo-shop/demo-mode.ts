/**
 * Whether the embedded demo shop is on, decided once at start from the environment, and the secrets it
 * runs with. The demo hands out shopper tokens for demo customers to anyone who asks, so it must never
 * be on by accident in front of real shoppers: on by default only on a loopback address outside
 * production, on elsewhere only with DEMO_SHOP=1 (and then a warning at start).
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { toLocal } from '../../bot/calendar/zoned-time.ts';
import type { Env } from '../config/env-schema.ts';

/** The demo's settings for this process. */
export type DemoShopMode =
  | { enabled: false }
  | {
      enabled: true;
      /** Set when the demo is on while listening on a non-loopback address. */
      warning?: string;
      /**
       * HMAC secret of the demo shop's connector routes: SHOP_CONNECTOR_SECRET when set (so
       * `npm run connector:check` can be run against a running demo), else random per start.
       */
      connectorSecret: string;
      /** HS256 secret of demo shopper tokens: SHOPPER_TOKEN_SECRET, or random per start. */
      tokenSecret: string;
      /** `aud` and `iss` of demo tokens: SHOPPER_TOKEN_AUDIENCE and _ISSUER, which the chat then requires. */
      tokenClaims: DemoTokenClaims;
    };

/** The registered claims a demo token carries so that the chat's verifier accepts it. */
export interface DemoTokenClaims {
  audience?: string;
  issuer?: string;
}

/** True for `localhost` and loopback addresses (127.0.0.0/8, ::1, ::ffff:127.x). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/gu, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./u.test(h);
  return false;
}

/** The demo's mode for this environment. */
export function demoShopMode(env: Env): DemoShopMode {
  const loopback = isLoopbackHost(env.HOST);
  const enabled =
    env.DEMO_SHOP === '1' || (env.DEMO_SHOP === undefined && loopback && env.NODE_ENV !== 'production');
  if (!enabled) return { enabled: false };
  return {
    enabled: true,
    ...(loopback
      ? {}
      : {
          warning: `DEMO_SHOP is on while listening on ${env.HOST}: anyone who can reach this server can sign in as a demo customer. Set DEMO_SHOP=0 in front of real shoppers.`,
        }),
    connectorSecret: env.SHOP_CONNECTOR_SECRET ?? randomBytes(32).toString('hex'),
    tokenSecret: env.SHOPPER_TOKEN_SECRET ?? randomBytes(32).toString('hex'),
    tokenClaims: {
      ...(env.SHOPPER_TOKEN_AUDIENCE === undefined ? {} : { audience: env.SHOPPER_TOKEN_AUDIENCE }),
      ...(env.SHOPPER_TOKEN_ISSUER === undefined ? {} : { issuer: env.SHOPPER_TOKEN_ISSUER }),
    },
  };
}

/** Today's shop-local date, `YYYY-MM-DD`. */
export function shopToday(now: Date, timeZone: string): string {
  const { year, month, day } = toLocal(now, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
