/**
 * The shop's values for answers' {{placeholders}} (`GET /shop`), for the answer preview: asked once per
 * session (a new sign-in asks again) and shared by every preview on the page.
 */
import type { ShopPlaceholders } from '../../server/schemas/console-api.ts';
import { api } from './api-client.ts';
import { session } from './session.ts';

/** The values, per session (its CSRF token names it). */
let loaded: { session: string; values: Promise<ShopPlaceholders['placeholders'] | undefined> } | undefined;

/**
 * The placeholder values per locale, or undefined when they cannot be had (no session, no `corpus:read`,
 * or the request failed: the preview then shows the placeholders as written, and the next call asks again).
 */
export function shopPlaceholders(): Promise<ShopPlaceholders['placeholders'] | undefined> {
  const current = session.info?.csrfToken;
  if (!current || !session.can('corpus:read')) return Promise.resolve(undefined);
  if (loaded?.session !== current) {
    const values = api.get<ShopPlaceholders>('/shop').then(
      (shop) => shop.placeholders,
      () => {
        if (loaded?.values === values) loaded = undefined;
        return undefined;
      },
    );
    loaded = { session: current, values };
  }
  return loaded.values;
}
