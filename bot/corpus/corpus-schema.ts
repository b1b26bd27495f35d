/**
 * The corpus file format (corpus/<locale>/<domain>.yaml), as a TypeBox schema: the single source of the
 * types and of the validation staff see when a file is wrong. Documented for staff in docs/corpus.md.
 */
import { type Static, Type } from '@sinclair/typebox';

/** Intent ids: lower-case words joined by dots or underscores (subscription.cancel, human_agent). */
export const INTENT_ID_PATTERN = '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$';

/** Longest answer, in characters (Unicode code points): about six times the longest shipped answer. */
export const MAX_ANSWER_LENGTH = 2000;
/** Longest utterance or held-out test, in characters (Unicode code points). */
export const MAX_UTTERANCE_LENGTH = 500;

export const CorpusIntentSchema = Type.Object(
  {
    id: Type.String({
      pattern: INTENT_ID_PATTERN,
      description: 'Stable intent id, the same in every locale.',
    }),
    title: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'Short label for buttons (clarify, quick replies).',
    }),
    description: Type.Optional(
      Type.String({ description: 'For staff: what belongs here and what does not.' }),
    ),
    utterances: Type.Array(Type.String({ minLength: 1, maxLength: MAX_UTTERANCE_LENGTH }), { minItems: 1 }),
    tests: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: MAX_UTTERANCE_LENGTH }))),
    answer: Type.Optional(
      Type.String({
        maxLength: MAX_ANSWER_LENGTH,
        description: 'Markdown with {{placeholders}}; required except for none.',
      }),
    ),
    quickReplies: Type.Optional(Type.Array(Type.String({ pattern: INTENT_ID_PATTERN }))),
  },
  { additionalProperties: false },
);

export const CorpusFileSchema = Type.Object(
  {
    locale: Type.Union([Type.Literal('ja'), Type.Literal('en')]),
    domain: Type.String({ pattern: '^[a-z][a-z0-9_-]*$' }),
    intents: Type.Array(CorpusIntentSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

/** One intent of one locale. */
export type CorpusIntent = Static<typeof CorpusIntentSchema>;
/** One corpus file. */
export type CorpusFile = Static<typeof CorpusFileSchema>;
