import { afterEach, describe, expect, test, vi } from 'vitest';
import { PhoneLayoutController } from '../../../widget/controllers/phone-layout-controller.ts';
import { FakeHost } from '../../helpers/controller-host.ts';

/** A viewport whose media query the test switches, remembering the query asked and its listeners. */
function viewport(matches: boolean) {
  const listeners = new Set<() => void>();
  const media = {
    query: '',
    matches,
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal('window', {
    matchMedia: (query: string) => {
      media.query = query;
      return media;
    },
  });
  const change = (next: boolean) => {
    media.matches = next;
    for (const listener of listeners) listener();
  };
  return { media, listeners, change };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PhoneLayoutController', () => {
  test('asks for the phone width of the styles', () => {
    const { media } = viewport(false);
    new PhoneLayoutController(new FakeHost());
    expect(media.query).toBe('(max-width: 480px)');
  });

  test('is full screen on a phone from the moment the host connects', () => {
    viewport(true);
    const host = new FakeHost();
    const layout = new PhoneLayoutController(host);
    host.connect();
    expect(layout.fullScreen).toBe(true);
  });

  test('follows the viewport (rotation) and re-renders only on a change', () => {
    const { change, listeners } = viewport(false);
    const host = new FakeHost();
    const layout = new PhoneLayoutController(host);
    host.connect();
    expect([layout.fullScreen, host.updates]).toEqual([false, 0]);
    change(true);
    expect([layout.fullScreen, host.updates]).toEqual([true, 1]);
    change(true);
    expect(host.updates).toBe(1);
    host.disconnect();
    expect(listeners.size).toBe(0);
  });

  test('without matchMedia the window is never full screen', () => {
    vi.stubGlobal('window', {});
    const host = new FakeHost();
    const layout = new PhoneLayoutController(host);
    host.connect();
    expect(layout.fullScreen).toBe(false);
  });
});
