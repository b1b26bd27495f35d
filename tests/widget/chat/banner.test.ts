import { describe, expect, test } from 'vitest';
import { bannerOf } from '../../../widget/chat/banner.ts';

const contact = {
  email: 'support@example.jp',
  phone: '0120-000-000',
  hours: { ja: '平日 10:00〜18:00', en: 'weekdays 10:00–18:00' },
};
const closed = { open: false, nextOpening: '2026-12-07T10:00:00+09:00' };

describe('bannerOf', () => {
  test('a refused page shows the shop contacts, before any outage or closed hours', () => {
    expect(bannerOf({ state: 'unavailable', contact, shop: closed })).toEqual({
      kind: 'unavailable',
      contact,
    });
  });

  test('an outage outranks closed hours', () => {
    expect(bannerOf({ state: 'offline', contact: null, shop: closed })).toEqual({ kind: 'offline' });
  });

  test('closed hours show when the shop opens next', () => {
    expect(bannerOf({ state: 'online', contact: null, shop: closed })).toEqual({
      kind: 'closed',
      nextOpening: closed.nextOpening,
    });
  });

  test('no banner while online and open, or closed without a known opening', () => {
    expect(bannerOf({ state: 'online', contact: null, shop: { open: true, nextOpening: null } })).toBeNull();
    expect(bannerOf({ state: 'online', contact: null, shop: { open: false, nextOpening: null } })).toBeNull();
    expect(bannerOf({ state: 'connecting', contact: null, shop: null })).toBeNull();
  });
});
