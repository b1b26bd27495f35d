/**
 * Demo shopper tokens: what a shop's server does for its logged-in shopper (README, "Signing shopper
 * tokens"), done by the demo for a demo customer: an HS256 JWT with `sub` = the customer id, `email`,
 * `name`, a one-hour `exp` and the `aud`/`iss` the chat is configured to require, signed with `jose`.
 */
import { jwtVerify, SignJWT } from 'jose';
import type { DemoCustomer } from './demo-data.ts';
import type { DemoTokenClaims } from './demo-mode.ts';

/** How long a demo token lasts, in seconds. */
export const DEMO_TOKEN_SECONDS = 3600;

/** Signs a token for a demo customer. */
export async function signDemoToken(
  customer: DemoCustomer,
  secret: string,
  now: Date,
  claims: DemoTokenClaims = {},
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const jwt = new SignJWT({ email: customer.email, name: customer.name });
  if (claims.audience !== undefined) jwt.setAudience(claims.audience);
  if (claims.issuer !== undefined) jwt.setIssuer(claims.issuer);
  return jwt
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(customer.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + DEMO_TOKEN_SECONDS)
    .sign(new TextEncoder().encode(secret));
}

/** The customer id of a valid demo token (HS256 only, `exp` required), or undefined. */
export async function demoTokenSubject(
  token: string,
  secret: string,
  now: Date,
): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
      currentDate: now,
    });
    return payload.sub;
  } catch {
    return undefined;
  }
}
