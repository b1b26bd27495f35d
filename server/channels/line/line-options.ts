/**
 * The LINE channel's settings, read once from the validated environment (server/config/env-schema.ts):
 * the channel is on only with both a secret and an access token (load-config.ts refuses one alone).
 */
import type { Env } from '../../config/env-schema.ts';

/**
 * How long a claimed event may take before another worker may claim it again, in ms: also how long an
 * event claimed by a process that died waits after the restart. Short is safe: a second attempt can
 * never answer twice (the transcript is idempotent by the event's sequence number, a reply token works
 * once, a push carries a retry key LINE accepts once).
 */
export const LINE_LEASE_MS = 10_000;

/** The LINE channel's settings. */
export interface LineOptions {
  channelSecret: string;
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
  /** LINE users answered at once by this process. */
  concurrency: number;
  /** Account linking's addresses (docs/line.md#account-linking); undefined: linking is off. */
  link: LineLinkOptions | undefined;
}

/** Where account linking sends the shopper. */
export interface LineLinkOptions {
  /** This server's public base URL (PUBLIC_URL): the link page and its return. */
  publicUrl: string;
  /** The shop's sign-in for linking (LINE_LINK_LOGIN_URL, or the demo shop's). */
  loginUrl: string;
  /** LINE's account-link dialog's base URL (LINE_ACCESS_BASE_URL). */
  accessBaseUrl: string;
}

/** The demo shop's sign-in for account linking (server/demo-shop/line-link-page.ts). */
export const DEMO_LINK_LOGIN_PATH = '/demo-shop/line-link';

/**
 * The settings, or undefined when the channel is off. Linking needs this server's public URL and a
 * sign-in page: LINE_LINK_LOGIN_URL, or the demo shop's while `demoShop` is on.
 */
export function lineOptions(env: Env, demoShop = false): LineOptions | undefined {
  if (!env.LINE_CHANNEL_SECRET || !env.LINE_CHANNEL_ACCESS_TOKEN) return undefined;
  const publicUrl = env.PUBLIC_URL?.replace(/\/+$/u, '');
  const loginUrl =
    env.LINE_LINK_LOGIN_URL ?? (demoShop && publicUrl ? `${publicUrl}${DEMO_LINK_LOGIN_PATH}` : undefined);
  return {
    link:
      publicUrl && loginUrl
        ? { publicUrl, loginUrl, accessBaseUrl: env.LINE_ACCESS_BASE_URL.replace(/\/+$/u, '') }
        : undefined,
    channelSecret: env.LINE_CHANNEL_SECRET,
    channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN,
    apiBaseUrl: env.LINE_API_BASE_URL.replace(/\/+$/u, ''),
    dataApiBaseUrl: env.LINE_DATA_API_BASE_URL.replace(/\/+$/u, ''),
    concurrency: env.LINE_WORKER_CONCURRENCY,
  };
}
