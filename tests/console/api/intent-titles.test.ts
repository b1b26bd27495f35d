import { afterEach, describe, expect, test, vi } from 'vitest';
import { intentTitles, titleOf } from '../../../console/api/intent-titles.ts';
import { session } from '../../../console/api/session.ts';
import { jsonResponse, sessionInfo } from '../../helpers/controller-host.ts';

const TITLES = [
  { locale: 'ja' as const, id: 'shipping.fee', title: '送料' },
  { locale: 'en' as const, id: 'shipping.fee', title: 'Shipping fee' },
  { locale: 'ja' as const, id: 'subscription.skip', title: 'スキップ' },
];

afterEach(() => {
  vi.unstubAllGlobals();
  session.set(null);
});

describe('titleOf', () => {
  test.each([
    { name: 'the title in the locale', id: 'shipping.fee', locale: 'en', title: 'Shipping fee' },
    { name: 'else in any locale', id: 'subscription.skip', locale: 'en', title: 'スキップ' },
    { name: 'no locale: the first', id: 'shipping.fee', locale: undefined, title: '送料' },
    { name: 'an intent the corpus lacks has none', id: 'gone', locale: 'ja', title: undefined },
  ])('$name', ({ id, locale, title }) => {
    expect(titleOf(TITLES, id, locale)).toBe(title);
  });
});

describe('intentTitles', () => {
  test('asks the server once per session and again after a new sign-in', async () => {
    const fetch = vi.fn(async (_url: string) => jsonResponse({ intents: TITLES }));
    vi.stubGlobal('fetch', fetch);
    session.set(sessionInfo('session-a', 'operator'));
    expect(await intentTitles()).toEqual(TITLES);
    await intentTitles();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/console/escalations/intents');
    session.set(sessionInfo('session-b', 'operator'));
    await intentTitles();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  test('is empty without a session or without the permission, and asks nothing', async () => {
    const fetch = vi.fn(async (_url: string) => jsonResponse({ intents: TITLES }));
    vi.stubGlobal('fetch', fetch);
    expect(await intentTitles()).toEqual([]);
    session.set(sessionInfo('session-c', 'editor'));
    expect(await intentTitles()).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
  });

  test('a failed request is empty and the next call asks again', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse({ code: 'CONSOLE_ERR_INTERNAL', message: 'x' }, 500))
      .mockResolvedValueOnce(jsonResponse({ intents: TITLES }));
    vi.stubGlobal('fetch', fetch);
    session.set(sessionInfo('session-d', 'admin'));
    expect(await intentTitles()).toEqual([]);
    expect(await intentTitles()).toEqual(TITLES);
  });
});
