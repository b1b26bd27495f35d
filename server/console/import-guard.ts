/**
 * Guards an import of the corpus: replacing every current intent (an empty import above all: 80 intents
 * became 0 with one request) needs the importer to say so. Today's corpus stays in the history either way.
 */

/** An intent as the guard sees it: its locale and id. */
export interface IntentKey {
  locale: string;
  id: string;
}

/** True when the current corpus has intents and the imported one keeps none of them. */
export function removesEveryIntent(current: readonly IntentKey[], imported: readonly IntentKey[]): boolean {
  if (current.length === 0) return false;
  const incoming = new Set(imported.map((i) => `${i.locale}\u0000${i.id}`));
  return !current.some((i) => incoming.has(`${i.locale}\u0000${i.id}`));
}
