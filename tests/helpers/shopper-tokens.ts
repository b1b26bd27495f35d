/**
 * Signs shopper tokens for tests as a shop's server would (jose), and forges the bad ones a test must
 * see refused: `alg: none`, an HS256 token whose "secret" is an RSA public key's PEM, a token without
 * `exp`. Keys are generated per process (RSA 2048, EC P-256).
 */
import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';

/** The HS256 secret the tests configure (48 bytes). */
export const TEST_SHOPPER_SECRET = 'test-shopper-secret-0123456789-abcdefghijklmnop';

/** An RSA and an EC key pair, with the public keys as PEM text. */
export const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
export const rsaPublicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
export const ecPublicPem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** What a test token says and how it is signed. */
export interface TokenSpec {
  claims?: JWTPayload;
  /** Seconds from `now` to `exp`; null: no `exp` claim. Default 300. */
  expiresIn?: number | null;
  now?: Date;
  alg?: 'HS256' | 'RS256' | 'ES256';
  /** HS256 secret; default TEST_SHOPPER_SECRET. */
  secret?: string;
  /** RS256/ES256 private key; default the generated pair of `alg`. */
  privateKey?: KeyObject;
  kid?: string;
}

/** A token for `customerId`, signed as `spec` says. */
export async function signShopperToken(customerId: string, spec: TokenSpec = {}): Promise<string> {
  const now = spec.now ?? new Date();
  const alg = spec.alg ?? 'HS256';
  const iat = Math.floor(now.getTime() / 1000);
  const jwt = new SignJWT({ ...spec.claims })
    .setProtectedHeader({ alg, ...(spec.kid ? { kid: spec.kid } : {}) })
    .setSubject(customerId)
    .setIssuedAt(iat);
  const expiresIn = spec.expiresIn === undefined ? 300 : spec.expiresIn;
  if (expiresIn !== null) jwt.setExpirationTime(iat + expiresIn);
  if (alg === 'HS256') return jwt.sign(new TextEncoder().encode(spec.secret ?? TEST_SHOPPER_SECRET));
  return jwt.sign(spec.privateKey ?? (alg === 'RS256' ? rsa.privateKey : ec.privateKey));
}

/** An unsigned token (`alg: none`) for `customerId`, valid for five minutes. */
export function unsignedShopperToken(customerId: string, now = new Date()): string {
  const iat = Math.floor(now.getTime() / 1000);
  return new UnsecuredJWT({})
    .setSubject(customerId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .encode();
}

/**
 * The HS/RS confusion attack: an HS256 token whose HMAC key is the RSA public key's PEM text (which an
 * attacker knows). Built by hand: a careful signing library would not produce it.
 */
export function confusedShopperToken(customerId: string, publicPem: string, now = new Date()): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(now.getTime() / 1000);
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: customerId, iat, exp: iat + 300 })}`;
  const signature = createHmac('sha256', publicPem).update(input).digest('base64url');
  return `${input}.${signature}`;
}
