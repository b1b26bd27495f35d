/**
 * Intent titles (`GET /escalations/intents`) for the escalation pages: the intent filter's choices and
 * the titles shown instead of ids. Asked once per session (a new sign-in asks again), shared by pages.
 */
import type { IntentTitle, IntentTitleList } from '../../server/schemas/console-api.ts';
import { api } from './api-client.ts';
import { session } from './session.ts';

let loaded: { session: string; titles: Promise<IntentTitle[]> } | undefined;

/** Every intent's locale, id and title; empty when they cannot be had (the next call asks again). */
export function intentTitles(): Promise<IntentTitle[]> {
  const current = session.info?.csrfToken;
  if (!current || !session.can('escalations:read')) return Promise.resolve([]);
  if (loaded?.session !== current) {
    const titles = api.get<IntentTitleList>('/escalations/intents').then(
      (list) => list.intents,
      () => {
        if (loaded?.titles === titles) loaded = undefined;
        return [];
      },
    );
    loaded = { session: current, titles };
  }
  return loaded.titles;
}

/** The title of `id` in `locale` (else in any locale), or undefined when the corpus has no such intent. */
export function titleOf(titles: readonly IntentTitle[], id: string, locale?: string): string | undefined {
  return (titles.find((t) => t.id === id && t.locale === locale) ?? titles.find((t) => t.id === id))?.title;
}
