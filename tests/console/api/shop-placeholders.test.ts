import { afterEach, describe, expect, test, vi } from 'vitest';
import { session } from '../../../console/api/session.ts';
import { shopPlaceholders } from '../../../console/api/shop-placeholders.ts';
import { jsonResponse, sessionInfo } from '../../helpers/controller-host.ts';

const PLACEHOLDERS = { ja: { shopName: 'テスト商店' }, en: { shopName: 'Test Shop' } };

afterEach(() => {
  vi.unstubAllGlobals();
  session.set(null);
});

describe('shopPlaceholders', () => {
  test("asks for the shop's values once per session and shares them", async () => {
    const fetch = vi.fn(async (_url: string) => jsonResponse({ placeholders: PLACEHOLDERS }));
    vi.stubGlobal('fetch', fetch);
    session.set(sessionInfo('session-a', 'editor'));
    const [first, second] = await Promise.all([shopPlaceholders(), shopPlaceholders()]);
    expect([first, second]).toEqual([PLACEHOLDERS, PLACEHOLDERS]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/console/shop');
  });

  test('without corpus:read the preview shows placeholders as written (no values, no request)', async () => {
    const fetch = vi.fn(async (_url: string) => jsonResponse({ placeholders: PLACEHOLDERS }));
    vi.stubGlobal('fetch', fetch);
    session.set(sessionInfo('session-b', 'operator'));
    expect(await shopPlaceholders()).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });

  test('a failed request gives no values and the next call asks again', async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('network down'))
      .mockResolvedValueOnce(jsonResponse({ placeholders: PLACEHOLDERS }));
    vi.stubGlobal('fetch', fetch);
    session.set(sessionInfo('session-c', 'admin'));
    expect(await shopPlaceholders()).toBeUndefined();
    expect(await shopPlaceholders()).toEqual(PLACEHOLDERS);
  });
});
