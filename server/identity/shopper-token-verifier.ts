/**
 * Verifies a shopper token: the short-lived JWT a shop's server signs for its logged-in shopper
 * (docs/identity.md). Checked with `jose` against an allow-list of algorithms tied to the configured
 * keys (shopper-token-keys.ts); `exp` and `sub` are required, `nbf`/`exp` get a small clock skew, `aud`
 * and `iss` are checked when configured. Done once per connection (at `hello`, or when the page hands
 * the widget a new token), never per message. Never throws: a bad token is a result with a stable code,
 * and its reason (jose's error code) is for the log — the token itself is never returned or logged.
 */
import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { validateEmail } from '../../bot/handoff/validate-email.ts';
import type { VerifiedShopper } from '../../bot/shop/shop-data.ts';
import { parsePublicKey, type ShopperTokenAlgorithm } from './shopper-token-keys.ts';

/** Longest customer id (`sub`), in characters: ids are the shop's, opaque, and stored with conversations. */
export const MAX_CUSTOMER_ID_LENGTH = 200;
/** Longest `name` kept, in characters; a longer one is cut. */
export const MAX_NAME_LENGTH = 100;
/** Clock skew allowed on `exp` and `nbf`, in seconds (the shop's clock and ours may differ a little). */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

/** Why a token was refused, as the chat reports it (an `error` frame; the chat goes on anonymously). */
export type ShopperTokenErrorCode = 'CHAT_ERR_SHOPPER_TOKEN_INVALID' | 'CHAT_ERR_SHOPPER_TOKEN_EXPIRED';

/** A verification's result. `reason`: for the log only (jose's error code or ours), never the token. */
export type ShopperTokenResult =
  | { ok: true; shopper: VerifiedShopper }
  | { ok: false; code: ShopperTokenErrorCode; reason: string };

/** Checks shopper tokens. */
export interface ShopperTokenVerifier {
  verify(token: string): Promise<ShopperTokenResult>;
}

/** The configuration of the verifier (env SHOPPER_TOKEN_*); at least one key. */
export interface ShopperTokenOptions {
  /** HS256 secret (at least 32 bytes; checked at start by load-config.ts). */
  secret?: string;
  /** PEM public key: RSA → RS256, EC P-256 → ES256. */
  publicKey?: string;
  /** JWKS URL (RS256 and ES256 keys, chosen by `kid`). */
  jwksUrl?: string;
  audience?: string;
  issuer?: string;
  /** Seconds of clock skew allowed on `exp` and `nbf`; default 30. */
  clockToleranceSeconds?: number;
  /** The clock (tests); default the system clock. */
  now?: () => Date;
}

/** Control characters (C0, DEL, C1) and line/paragraph separators: never part of an id or a name. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** The shopper a verified payload names, or why its claims do not do (`sub` missing, too long, …). */
function shopperOf(payload: JWTPayload): VerifiedShopper | string {
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.length === 0) return 'SHOPPER_TOKEN_SUB_MISSING';
  if (sub.length > MAX_CUSTOMER_ID_LENGTH || CONTROL.test(sub)) return 'SHOPPER_TOKEN_SUB_INVALID';
  const shopper: VerifiedShopper = { customerId: sub };
  // Optional claims: a bad one is left out (the identity itself is sound; the handoff then asks).
  if (typeof payload.email === 'string') {
    const email = validateEmail(payload.email);
    if (email.ok) shopper.email = email.email;
  }
  if (typeof payload.name === 'string') {
    const name = payload.name.trim().slice(0, MAX_NAME_LENGTH);
    if (name !== '' && !CONTROL.test(name)) shopper.name = name;
  }
  return shopper;
}

/**
 * The key for a token's header: the secret only for HS256, the public key only for its own algorithm,
 * the JWKS for RS256/ES256. jose also checks the allow-list and that key and algorithm agree.
 */
function keyResolver(options: ShopperTokenOptions): {
  algorithms: ShopperTokenAlgorithm[];
  getKey: JWTVerifyGetKey;
} {
  const algorithms: ShopperTokenAlgorithm[] = [];
  // Imported once as a CryptoKey: handed to jose as bytes it would be imported again for every token
  // (WebCrypto), which costs about half of an HS256 verification (bench/shopper-token.ts).
  const secret =
    options.secret === undefined
      ? undefined
      : globalThis.crypto.subtle.importKey(
          'raw',
          new TextEncoder().encode(options.secret),
          { name: 'HMAC', hash: 'SHA-256' },
          false,
          ['verify'],
        );
  if (secret) algorithms.push('HS256');
  const parsed = options.publicKey === undefined ? undefined : parsePublicKey(options.publicKey);
  if (parsed && !parsed.ok) throw new Error(`SHOPPER_TOKEN_PUBLIC_KEY ${parsed.problem}`);
  const publicKey = parsed?.value;
  if (publicKey) algorithms.push(publicKey.algorithm);
  const jwks =
    options.jwksUrl === undefined
      ? undefined
      : createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 3000, cooldownDuration: 30_000 });
  if (jwks)
    for (const alg of ['RS256', 'ES256'] as const) if (!algorithms.includes(alg)) algorithms.push(alg);
  const getKey: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256' && secret) return secret;
    if (publicKey && header.alg === publicKey.algorithm) return publicKey.key;
    if (jwks && (header.alg === 'RS256' || header.alg === 'ES256')) return jwks(header, token);
    throw new errors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  };
  return { algorithms, getKey };
}

/**
 * Creates the verifier, or undefined when no key is configured (the chat is anonymous only). Throws on
 * a key that cannot be used (load-config.ts has already refused it with a clear message).
 */
export function createShopperTokenVerifier(options: ShopperTokenOptions): ShopperTokenVerifier | undefined {
  if (!options.secret && !options.publicKey && !options.jwksUrl) return undefined;
  const { algorithms, getKey } = keyResolver(options);
  const now = options.now ?? (() => new Date());
  const clockTolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, getKey, {
          algorithms,
          requiredClaims: ['exp', 'sub'],
          clockTolerance,
          currentDate: now(),
          ...(options.audience === undefined ? {} : { audience: options.audience }),
          ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
        });
        const shopper = shopperOf(payload);
        if (typeof shopper === 'string') {
          return { ok: false, code: 'CHAT_ERR_SHOPPER_TOKEN_INVALID', reason: shopper };
        }
        return { ok: true, shopper };
      } catch (error) {
        if (error instanceof errors.JWTExpired) {
          return { ok: false, code: 'CHAT_ERR_SHOPPER_TOKEN_EXPIRED', reason: error.code };
        }
        const reason = error instanceof errors.JOSEError ? error.code : 'SHOPPER_TOKEN_UNREADABLE';
        return { ok: false, code: 'CHAT_ERR_SHOPPER_TOKEN_INVALID', reason };
      }
    },
  };
}
