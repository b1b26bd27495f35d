import { afterEach, describe, expect, test, vi } from 'vitest';
import { readPreference, writePreference } from '../../../widget/internal/preferences.ts';
import { MemoryStore } from '../../helpers/widget-chat.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('preferences', () => {
  test('keeps local and session preferences apart, and null removes one', () => {
    const local = new MemoryStore();
    const session = new MemoryStore();
    vi.stubGlobal('localStorage', local);
    vi.stubGlobal('sessionStorage', session);
    writePreference('local', 'k', 'en');
    writePreference('session', 'k', '1');
    expect([readPreference('local', 'k'), readPreference('session', 'k')]).toEqual(['en', '1']);
    writePreference('session', 'k', null);
    expect(session.data.has('k')).toBe(false);
  });

  test('blocked storage reads as nothing and writes are dropped without an error', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    vi.stubGlobal('localStorage', blocked);
    expect(readPreference('local', 'k')).toBeNull();
    expect(() => writePreference('local', 'k', 'x')).not.toThrow();
  });
});
