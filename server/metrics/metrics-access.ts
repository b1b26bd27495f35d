/**
 * Who may read the metrics: a request whose `Authorization: Bearer <token>` header carries METRICS_TOKEN.
 * Compared in constant time over SHA-256 digests (equal length whatever was sent), so the answer's timing
 * says nothing about how much of a guess was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MetricsSettings } from './metrics-server.ts';

/** Whether the configuration turns metrics on (a port to serve them, or a token to ask for them). */
export function metricsEnabled(env: MetricsSettings): boolean {
  return env.METRICS_PORT !== undefined || env.METRICS_TOKEN !== undefined;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** True when `authorization` is `Bearer <token>` (scheme case-insensitive, as RFC 6750 allows). */
export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer +(\S+) *$/iu.exec(authorization ?? '');
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** The answer to a request without the right token (also the scheme Prometheus should use). */
export const METRICS_UNAUTHORIZED = {
  status: 401,
  headers: { 'www-authenticate': 'Bearer realm="metrics"' },
  body: { code: 'METRICS_ERR_UNAUTHORIZED', message: 'GET /metrics needs the METRICS_TOKEN bearer token.' },
} as const;
