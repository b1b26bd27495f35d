import { describe, expect, test } from 'vitest';
import { clientKey } from '../../../server/limits/client-key.ts';

describe('clientKey', () => {
  test.each([
    { name: 'IPv4 as is', ip: '203.0.113.7', key: '203.0.113.7' },
    { name: 'IPv4-mapped IPv6 as IPv4', ip: '::ffff:203.0.113.7', key: '203.0.113.7' },
    { name: 'IPv6 by its /64', ip: '2001:db8:1:2:aaaa:bbbb:cccc:dddd', key: '2001:db8:1:2::/64' },
    { name: 'compressed IPv6', ip: '2001:db8::1', key: '2001:db8:0:0::/64' },
    { name: 'loopback IPv6', ip: '::1', key: '0:0:0:0::/64' },
    { name: 'leading zeros dropped', ip: '2001:0db8:0001:0002::', key: '2001:db8:1:2::/64' },
  ])('$name', ({ ip, key }) => {
    expect(clientKey(ip)).toBe(key);
  });

  test('two addresses of one /64 are one client, of two /64s two', () => {
    expect(clientKey('2001:db8:1:2::1')).toBe(clientKey('2001:db8:1:2:ffff::9'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
  });
});
