/**
 * Small preferences in the browser's storage (the window was open, the greeting was asked for, the chosen
 * language). Blocked storage (sandboxed iframes, some private modes) must never break the widget: a
 * preference then just isn't remembered.
 */

/** `local` survives the browser's restart; `session` lives as long as the tab. */
export type PreferenceStorage = 'local' | 'session';

function storage(where: PreferenceStorage): Storage {
  return where === 'local' ? localStorage : sessionStorage;
}

/** The stored value, or null when there is none or storage is blocked. */
export function readPreference(where: PreferenceStorage, key: string): string | null {
  try {
    return storage(where).getItem(key);
  } catch {
    return null;
  }
}

/** Stores a value; null removes it. */
export function writePreference(where: PreferenceStorage, key: string, value: string | null): void {
  try {
    if (value === null) storage(where).removeItem(key);
    else storage(where).setItem(key, value);
  } catch {
    // Blocked storage: the preference just isn't remembered.
  }
}
