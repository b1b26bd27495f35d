import { describe, expect, test } from 'vitest';
import { api } from '../../../console/api/api-client.ts';
import { SessionStore } from '../../../console/api/session.ts';
import { sessionInfo } from '../../helpers/controller-host.ts';

describe('SessionStore', () => {
  test("answers from the signed-in user's permissions, and nothing once signed out", () => {
    const store = new SessionStore();
    expect(store.can('corpus:read')).toBe(false);
    store.set(sessionInfo('t1', 'operator'));
    expect([store.can('escalations:read'), store.can('corpus:write')]).toEqual([true, false]);
    store.set(null);
    expect([store.info, store.can('escalations:read')]).toEqual([null, false]);
  });

  test("gives the API client the session's CSRF token, and takes it back on sign-out", () => {
    const store = new SessionStore();
    store.set(sessionInfo('csrf-123', 'admin'));
    expect(api.csrfToken).toBe('csrf-123');
    store.set(null);
    expect(api.csrfToken).toBe('');
  });

  test('tells every listener of a change until it unsubscribes', () => {
    const store = new SessionStore();
    let calls = 0;
    const unsubscribe = store.subscribe(() => {
      calls += 1;
    });
    store.set(sessionInfo('t2', 'editor'));
    unsubscribe();
    store.set(null);
    expect(calls).toBe(1);
  });
});
