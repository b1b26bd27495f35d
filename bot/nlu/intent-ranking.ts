/** Network outputs as a ranking of intents, best first. */
import type { IntentScore } from './types.ts';

/**
 * The intents ranked by their outputs, best first; equal outputs by intent name, so a ranking never
 * depends on training order. Built by insertion as the outputs come (a few dozen intents): Array#sort
 * copied the array on every call, and this runs for every span of every message.
 */
export function rankIntents(intents: readonly string[], outputs: ArrayLike<number>): IntentScore[] {
  const ranked: IntentScore[] = new Array(intents.length);
  for (let i = 0; i < intents.length; i += 1) {
    const entry: IntentScore = { intent: intents[i]!, score: outputs[i]! };
    let at = i;
    while (at > 0 && ranksBefore(entry, ranked[at - 1]!)) {
      ranked[at] = ranked[at - 1]!;
      at -= 1;
    }
    ranked[at] = entry;
  }
  return ranked;
}

function ranksBefore(a: IntentScore, b: IntentScore): boolean {
  return a.score > b.score || (a.score === b.score && a.intent < b.intent);
}
