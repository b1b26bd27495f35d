import { afterEach, describe, expect, test, vi } from 'vitest';
import { hashOf, parseHash, RouteController } from '../../../console/controllers/route-controller.ts';
import { FakeHost } from '../../helpers/controller-host.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parseHash', () => {
  test.each([
    { name: 'a page', hash: '#/intents', segments: ['intents'] },
    { name: 'no leading slash', hash: '#escalations/42', segments: ['escalations', '42'] },
    { name: 'empty segments are dropped', hash: '#//intents//ja/', segments: ['intents', 'ja'] },
    { name: 'an empty hash is the start page', hash: '', segments: [] },
    {
      name: 'segments are decoded',
      hash: '#/intents/ja/%E9%80%81%E6%96%99',
      segments: ['intents', 'ja', '送料'],
    },
  ])('$name', ({ hash, segments }) => {
    expect(parseHash(hash)).toEqual(segments);
  });
});

describe('hashOf', () => {
  test('encodes segments so a slash in an id stays one segment', () => {
    const hash = hashOf('intents', 'ja', 'a/b');
    expect(hash).toBe('#/intents/ja/a%2Fb');
    expect(parseHash(hash)).toEqual(['intents', 'ja', 'a/b']);
  });
});

describe('RouteController', () => {
  function browser(hash: string) {
    const listeners = new Map<string, () => void>();
    const window = {
      location: { hash },
      addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
      removeEventListener: (type: string) => listeners.delete(type),
    };
    vi.stubGlobal('window', window);
    return { window, listeners };
  }

  test('follows the hash and re-renders the host on every change', () => {
    const { window, listeners } = browser('#/intents');
    const host = new FakeHost();
    const route = new RouteController(host);
    host.connect();
    expect(route.segments).toEqual(['intents']);
    window.location.hash = '#/escalations/7';
    listeners.get('hashchange')?.();
    expect(route.segments).toEqual(['escalations', '7']);
    expect(host.updates).toBe(2);
    host.disconnect();
    expect(listeners.has('hashchange')).toBe(false);
  });

  test('navigate writes the encoded hash', () => {
    const { window } = browser('');
    const route = new RouteController(new FakeHost());
    route.navigate('intents', 'en', 'shipping fee');
    expect(window.location.hash).toBe('#/intents/en/shipping%20fee');
  });
});
