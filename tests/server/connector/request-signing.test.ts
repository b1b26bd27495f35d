/**
 * Connector request signing: the canonical string is exact, a signed request verifies, and a change of
 * any signed part, a missing header or a timestamp outside the replay window is refused.
 */
import { describe, expect, test } from 'vitest';
import {
  canonicalString,
  signingHeaders,
  verifySignature,
} from '../../../server/connector/request-signing.ts';

const SECRET = 's'.repeat(32);
const NOW = new Date('2026-12-03T12:00:00Z');
const request = {
  idempotencyKey: 'conv-1:msg-2',
  method: 'POST',
  pathWithQuery: '/shop/customers/c1/subscriptions/s1/changes',
  body: '{"kind":"skip"}',
};

function received(overrides: Partial<typeof request> = {}, at = NOW) {
  const headers = signingHeaders(SECRET, request, at);
  return {
    ...request,
    ...overrides,
    timestampHeader: headers['x-shop-timestamp'],
    signatureHeader: headers['x-shop-signature'],
  };
}

describe('request signing', () => {
  test('builds the documented canonical string', () => {
    expect(
      canonicalString({ method: 'get', pathWithQuery: '/a?b=1', timestamp: '1700000000', body: '' }),
    ).toBe(
      // SHA-256 of the empty string.
      'v1\n1700000000\nGET\n/a?b=1\n\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  test('verifies a request signed with the same secret', () => {
    expect(verifySignature(SECRET, received(), NOW)).toEqual({ ok: true });
  });

  test.each([
    { name: 'the body', change: { body: '{"kind":"cancel"}' } },
    { name: 'the path', change: { pathWithQuery: '/shop/customers/c2/subscriptions/s1/changes' } },
    { name: 'the method', change: { method: 'PUT' } },
    { name: 'the Idempotency-Key', change: { idempotencyKey: 'another-key' } },
  ])('refuses a request whose $name changed after signing', ({ change }) => {
    expect(verifySignature(SECRET, received(change), NOW)).toEqual({ ok: false, problem: 'mismatch' });
  });

  test('refuses a request signed with another secret', () => {
    expect(verifySignature('t'.repeat(32), received(), NOW)).toEqual({ ok: false, problem: 'mismatch' });
  });

  test('refuses a request without its headers', () => {
    expect(verifySignature(SECRET, { ...received(), signatureHeader: undefined }, NOW)).toEqual({
      ok: false,
      problem: 'missing',
    });
  });

  test('refuses a timestamp outside the 300 s window either way, and accepts one inside', () => {
    const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
    expect(verifySignature(SECRET, received({}, at(-301)), NOW)).toEqual({ ok: false, problem: 'stale' });
    expect(verifySignature(SECRET, received({}, at(301)), NOW)).toEqual({ ok: false, problem: 'stale' });
    expect(verifySignature(SECRET, received({}, at(-299)), NOW)).toEqual({ ok: true });
  });
});
