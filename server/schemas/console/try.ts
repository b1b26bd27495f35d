/** Trying a phrase on the live model or a given version (`POST /try`). */
import { type Static, Type } from '@sinclair/typebox';
import { LocaleSchema, Uuid } from './common.ts';

export const TryBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 1000 }),
    locale: Type.Optional(LocaleSchema),
    /** A model version id; default the live model. */
    versionId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type TryBody = Static<typeof TryBody>;

export const TryResult = Type.Object({
  locale: LocaleSchema,
  /** answer | clarify | none: what the bot would do with this text as a first message. */
  decision: Type.String(),
  intent: Type.Union([Type.String(), Type.Null()]),
  /** The estimated chance (0–1) that `intent` is right (bot/nlu/decide.ts). */
  score: Type.Number(),
  /**
   * Why it refused, when it did (none-intent, low-score, nearest-is-none, unknown-words, other-company,
   * empty).
   */
  reason: Type.Union([Type.String(), Type.Null()]),
  /** The clause of a longer message the decision was made on, or null when made on the whole message. */
  clause: Type.Union([Type.String(), Type.Null()]),
  /** Another company's service the message names (the other-company rule), or null. */
  otherCompany: Type.Union([Type.String(), Type.Null()]),
  /** The network's outputs for the whole message, best first (not probabilities: they can exceed 1). */
  candidates: Type.Array(Type.Object({ intent: Type.String(), score: Type.Number() })),
  /** The answer markdown with placeholders filled, when the decision is answer. */
  answer: Type.Union([Type.String(), Type.Null()]),
  versionId: Type.Union([Uuid, Type.Null()]),
});
export type TryResult = Static<typeof TryResult>;
