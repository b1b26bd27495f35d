/**
 * Verifying the bot's request signature (docs/connector.md, "Signing"). Copy this file as it is: the
 * canonical string must match the bot's byte for byte.
 *
 *   v1\n<X-Shop-Timestamp>\n<METHOD>\n<path with query, as received>\n<Idempotency-Key or ''>\n<hex SHA-256 of the raw body>
 *
 * signed with HMAC-SHA256 and the shared secret, sent as `X-Shop-Signature: v1=<hex>`. A timestamp more
 * than 300 s from this server's clock is refused, so a captured request cannot be replayed later.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Seconds a request's timestamp may differ from this server's clock. */
export const REPLAY_WINDOW_SECONDS = 300;

/** Why a request was refused, or undefined when its signature holds. */
export function signatureProblem(
  secret: string,
  request: {
    method: string;
    pathWithQuery: string;
    rawBody: string;
    idempotencyKey?: string;
    timestamp?: string;
    signature?: string;
  },
  now: Date = new Date(),
): 'missing' | 'stale' | 'mismatch' | undefined {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) return 'missing';
  if (
    !/^\d{1,12}$/u.test(timestamp) ||
    Math.abs(now.getTime() / 1000 - Number(timestamp)) > REPLAY_WINDOW_SECONDS
  ) {
    return 'stale';
  }
  const bodyHash = createHash('sha256').update(request.rawBody, 'utf8').digest('hex');
  const key = request.idempotencyKey ?? '';
  const canonical = `v1\n${timestamp}\n${request.method.toUpperCase()}\n${request.pathWithQuery}\n${key}\n${bodyHash}`;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(canonical, 'utf8').digest('hex')}`);
  const got = Buffer.from(signature);
  return expected.length === got.length && timingSafeEqual(expected, got) ? undefined : 'mismatch';
}
