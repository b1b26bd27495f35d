/**
 * The keys a shop's shopper tokens are checked with, read once at start from the configuration: an HS256
 * secret, a PEM public key (its type decides RS256 or ES256) or a JWKS URL. Each key is tied to the
 * algorithms it may verify, so a token never chooses how it is checked (the HS/RS confusion: an HS256
 * token "signed" with the public key's PEM as its secret) — jose's `algorithms` allow-list is built here.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';

/** Shortest HS256 secret, in bytes (RFC 7518 §3.2: a key at least as long as the hash output). */
export const MIN_SECRET_BYTES = 32;

/** The algorithms a configured key may verify: the allow-list, nothing else is ever accepted. */
export type ShopperTokenAlgorithm = 'HS256' | 'RS256' | 'ES256';

/** A PEM public key, parsed, with the one algorithm its type allows. */
export interface PublicKeyInfo {
  key: KeyObject;
  algorithm: 'RS256' | 'ES256';
}

/** Why a configured key cannot be used, for the config error (never quotes the key). */
export type KeyResult<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Environment files cannot always hold line breaks: a PEM given on one line with `\n` escapes is read
 * as the multi-line text it stands for.
 */
function unescapePem(text: string): string {
  return text.includes('\\n') ? text.replace(/\\n/gu, '\n') : text;
}

/** Parses a PEM public key (SPKI): RSA (2048 bits or more) → RS256, EC P-256 → ES256. */
export function parsePublicKey(pem: string): KeyResult<PublicKeyInfo> {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: unescapePem(pem).trim(), format: 'pem' });
  } catch {
    return { ok: false, problem: 'is not a PEM public key (-----BEGIN PUBLIC KEY-----)' };
  }
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') {
    if ((details?.modulusLength ?? 0) < 2048)
      return { ok: false, problem: 'RSA keys need 2048 bits or more' };
    return { ok: true, value: { key, algorithm: 'RS256' } };
  }
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') {
    return { ok: true, value: { key, algorithm: 'ES256' } };
  }
  return { ok: false, problem: 'must be an RSA (RS256) or EC P-256 (ES256) public key' };
}

/** Checks an HS256 secret's length (bytes of its UTF-8 text). */
export function secretProblem(secret: string): string | undefined {
  const bytes = Buffer.byteLength(secret, 'utf8');
  return bytes < MIN_SECRET_BYTES
    ? `must be at least ${MIN_SECRET_BYTES} bytes (got ${bytes}); generate one with: openssl rand -base64 48`
    : undefined;
}

/**
 * Checks a JWKS URL: https, or http only to this machine (a test's or a sidecar's loopback server): the
 * keys that decide who a shopper is must not travel in clear text.
 */
export function jwksUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol === 'https:') return undefined;
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol === 'http:' && loopback) return undefined;
  return 'must be an https:// URL (http:// only to localhost)';
}
