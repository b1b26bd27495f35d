/**
 * Signing of connector requests (docs/connector.md, "Signing"): HMAC-SHA256 with the shared secret over
 * a canonical string of the timestamp, the method, the path with its query, the Idempotency-Key (so a
 * captured change cannot be replayed under a fresh key) and the body's SHA-256, sent
 * as `X-Shop-Timestamp` (Unix seconds) and `X-Shop-Signature: v1=<hex>`. The timestamp bounds replays to
 * a window; the body hash binds the change to the signature without putting the body in the string.
 * Used by the HTTP client, the embedded demo shop (which verifies like any shop would) and the
 * conformance check.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying the request time, in Unix seconds. */
export const TIMESTAMP_HEADER = 'x-shop-timestamp';
/** Header carrying `v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'x-shop-signature';
/** Header carrying a change's idempotency key. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How far a request's timestamp may be from the receiver's clock, in seconds (either way). */
export const REPLAY_WINDOW_SECONDS = 300;

/** What is signed: the request as it goes on the wire. */
export interface SignedParts {
  method: string;
  /** Path with query, exactly as sent (percent-encoding included), e.g. `/shop/customers/c%201/orders`. */
  pathWithQuery: string;
  /** Unix seconds, as written in the header. */
  timestamp: string;
  /** The raw body ('' for none). */
  body: string;
  /** The Idempotency-Key header ('' or absent for none). */
  idempotencyKey?: string;
}

/** `v1\n<timestamp>\n<METHOD>\n<path with query>\n<Idempotency-Key or ''>\n<hex SHA-256 of the body>` */
export function canonicalString(parts: SignedParts): string {
  const bodyHash = createHash('sha256').update(parts.body, 'utf8').digest('hex');
  const key = parts.idempotencyKey ?? '';
  return `v1\n${parts.timestamp}\n${parts.method.toUpperCase()}\n${parts.pathWithQuery}\n${key}\n${bodyHash}`;
}

/** The `X-Shop-Signature` value for a request. */
export function signature(secret: string, parts: SignedParts): string {
  return `v1=${createHmac('sha256', secret).update(canonicalString(parts), 'utf8').digest('hex')}`;
}

/** The two signing headers for a request sent at `now`. */
export function signingHeaders(
  secret: string,
  request: Omit<SignedParts, 'timestamp'>,
  now: Date,
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: signature(secret, { ...request, timestamp }),
  };
}

/** Why a request's signature was refused. */
export type SignatureProblem = 'missing' | 'stale' | 'mismatch';

/**
 * Checks a received request: both headers present, the timestamp within the replay window of `now`,
 * and the signature equal (compared in constant time).
 */
export function verifySignature(
  secret: string,
  request: Omit<SignedParts, 'timestamp'> & {
    timestampHeader: string | undefined;
    signatureHeader: string | undefined;
  },
  now: Date,
  windowSeconds = REPLAY_WINDOW_SECONDS,
): { ok: true } | { ok: false; problem: SignatureProblem } {
  const { timestampHeader, signatureHeader } = request;
  if (!timestampHeader || !signatureHeader) return { ok: false, problem: 'missing' };
  if (!/^\d{1,12}$/u.test(timestampHeader)) return { ok: false, problem: 'stale' };
  if (Math.abs(now.getTime() / 1000 - Number(timestampHeader)) > windowSeconds) {
    return { ok: false, problem: 'stale' };
  }
  const expected = Buffer.from(signature(secret, { ...request, timestamp: timestampHeader }));
  const got = Buffer.from(signatureHeader);
  return expected.length === got.length && timingSafeEqual(expected, got)
    ? { ok: true }
    : { ok: false, problem: 'mismatch' };
}
