/**
 * The held-out tests the publish gate scores both models on: the candidate corpus's and the live
 * corpus's together. With the candidate's alone, deleting an intent also deleted its tests, and a model
 * that no longer knew 送料 or 解約 was "not worse". A test of an intent the candidate lacks is a miss.
 */
import type { Locale, TrainingExample } from './types.ts';

/** Tests per locale. */
export type LocaleTests = Partial<Record<Locale, TrainingExample[]>>;

/** Every test of every set, once per (text, intent), in the order first seen. */
export function unionTests(...sets: readonly LocaleTests[]): Record<Locale, TrainingExample[]> {
  const result: Record<Locale, TrainingExample[]> = { ja: [], en: [] };
  for (const locale of ['ja', 'en'] as const) {
    const seen = new Set<string>();
    for (const set of sets) {
      for (const test of set[locale] ?? []) {
        const key = `${test.intent}\u0000${test.text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result[locale].push(test);
      }
    }
  }
  return result;
}
