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
}

/** The settings, or undefined when the channel is off. */
export function lineOptions(env: Env): LineOptions | undefined {
  if (!env.LINE_CHANNEL_SECRET || !env.LINE_CHANNEL_ACCESS_TOKEN) return undefined;
  return {
    channelSecret: env.LINE_CHANNEL_SECRET,
    channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN,
    apiBaseUrl: env.LINE_API_BASE_URL.replace(/\/+$/u, ''),
    dataApiBaseUrl: env.LINE_DATA_API_BASE_URL.replace(/\/+$/u, ''),
    concurrency: env.LINE_WORKER_CONCURRENCY,
  };
}
