/**
 * Who may read the metrics: exactly the METRICS_TOKEN bearer token; metrics are on only when a port or a
 * token asks for them.
 */
import { describe, expect, it } from 'vitest';
import { bearerTokenMatches, metricsEnabled } from '../../../server/metrics/metrics-access.ts';

const TOKEN = 'a-token-of-twenty-chars';

describe('bearerTokenMatches', () => {
  it.each([
    ['the token', `Bearer ${TOKEN}`, true],
    ['a lower-case scheme', `bearer ${TOKEN}`, true],
    ['no header', undefined, false],
    ['the token without the scheme', TOKEN, false],
    ['another scheme', `Basic ${TOKEN}`, false],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`, false],
    ['the token and more', `Bearer ${TOKEN}x`, false],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`, false],
  ])('%s → %s', (_name, header, expected) => {
    expect(bearerTokenMatches(header, TOKEN)).toBe(expected);
  });
});

describe('metricsEnabled', () => {
  it('is on with a port or a token, off with neither', () => {
    expect(metricsEnabled({ METRICS_HOST: '127.0.0.1' })).toBe(false);
    expect(metricsEnabled({ METRICS_HOST: '127.0.0.1', METRICS_PORT: 9464 })).toBe(true);
    expect(metricsEnabled({ METRICS_HOST: '127.0.0.1', METRICS_TOKEN: TOKEN })).toBe(true);
  });
});
