/** The corpus: intents, lint, export and import, history, the shop placeholders of the answer preview. */
import { type Static, Type } from '@sinclair/typebox';
import { CorpusIntentSchema } from '../../../bot/corpus/corpus-schema.ts';
import { IntentId, IsoDate, LocaleSchema } from './common.ts';

export const IntentSummary = Type.Object({
  locale: LocaleSchema,
  id: Type.String(),
  domain: Type.String(),
  title: Type.String(),
  utterances: Type.Integer(),
  tests: Type.Integer(),
  hasAnswer: Type.Boolean(),
  updatedAt: IsoDate,
});
export type IntentSummary = Static<typeof IntentSummary>;

export const IntentListQuery = Type.Object(
  { locale: Type.Optional(LocaleSchema), q: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type IntentListQuery = Static<typeof IntentListQuery>;

export const IntentList = Type.Object({ intents: Type.Array(IntentSummary) });
export type IntentList = Static<typeof IntentList>;

export const IntentParams = Type.Object({ locale: LocaleSchema, id: IntentId });
export type IntentParams = Static<typeof IntentParams>;

/** One intent of one locale as stored: the corpus-file intent plus where it lives. */
export const StoredIntent = Type.Object({
  locale: LocaleSchema,
  domain: Type.String(),
  intent: CorpusIntentSchema,
  updatedAt: IsoDate,
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  /** The staff member's name (null for the seed, an import from the CLI, or a deleted account). */
  updatedByName: Type.Union([Type.String(), Type.Null()]),
});
export type StoredIntent = Static<typeof StoredIntent>;

/** `PUT /intents/:locale/:id`: create or replace; `intent.id` must equal `:id`. */
export const SaveIntentBody = Type.Object(
  { domain: Type.String({ pattern: '^[a-z][a-z0-9_-]*$', maxLength: 40 }), intent: CorpusIntentSchema },
  { additionalProperties: false },
);
export type SaveIntentBody = Static<typeof SaveIntentBody>;

export const LintIssue = Type.Object({
  code: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  message: Type.String(),
  locale: Type.Optional(LocaleSchema),
  intent: Type.Optional(Type.String()),
  file: Type.Optional(Type.String()),
});
export type LintIssue = Static<typeof LintIssue>;

/** Saving returns the stored intent and the linter's findings on the whole corpus after the change. */
export const SaveIntentResult = Type.Object({ intent: StoredIntent, lint: Type.Array(LintIssue) });
export type SaveIntentResult = Static<typeof SaveIntentResult>;

/** `POST /corpus/lint`: lints the stored corpus, with an unsaved draft in place of its stored version. */
export const LintBody = Type.Object(
  { draft: Type.Optional(Type.Composite([Type.Object({ locale: LocaleSchema }), SaveIntentBody])) },
  { additionalProperties: false },
);
export type LintBody = Static<typeof LintBody>;
export const LintResult = Type.Object({ issues: Type.Array(LintIssue) });
export type LintResult = Static<typeof LintResult>;

const CorpusFileList = Type.Array(
  Type.Object(
    {
      path: Type.String({ pattern: '^(ja|en)/[a-z][a-z0-9_-]*\\.ya?ml$' }),
      content: Type.String({ maxLength: 5_000_000 }),
    },
    { additionalProperties: false },
  ),
  { maxItems: 500 },
);

/** `GET /corpus/export`: the corpus in its file format (corpus/<locale>/<domain>.yaml). */
export const CorpusFiles = Type.Object({ files: CorpusFileList }, { additionalProperties: false });
export type CorpusFiles = Static<typeof CorpusFiles>;

/**
 * `POST /corpus/import`: the files replace the corpus. An import that keeps none of the current intents
 * (an empty one above all) is refused with `CONSOLE_ERR_IMPORT_REMOVES_ALL` unless `removeAll` is true.
 */
export const ImportCorpusBody = Type.Object(
  { files: CorpusFileList, removeAll: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type ImportCorpusBody = Static<typeof ImportCorpusBody>;

/** `GET /corpus/history`: the corpus's changes, newest first; any of them can be restored. */
export const CorpusChange = Type.Object({
  changeId: Type.String(),
  change: Type.Union([
    Type.Literal('seed'),
    Type.Literal('baseline'),
    Type.Literal('save'),
    Type.Literal('delete'),
    Type.Literal('assign'),
    Type.Literal('import'),
    Type.Literal('restore'),
  ]),
  at: IsoDate,
  by: Type.Union([Type.String(), Type.Null()]),
  byName: Type.Union([Type.String(), Type.Null()]),
  /** Intents written or deleted by the change. */
  revisions: Type.Integer(),
});
export type CorpusChange = Static<typeof CorpusChange>;
export const CorpusHistory = Type.Object({ changes: Type.Array(CorpusChange) });
export type CorpusHistory = Static<typeof CorpusHistory>;
export const CorpusChangeParams = Type.Object({ changeId: Type.String({ maxLength: 40 }) });
export type CorpusChangeParams = Static<typeof CorpusChangeParams>;
/** `POST /corpus/history/:changeId/restore`: the corpus is now as it was right after that change. */
export const RestoreResult = Type.Object({ intents: Type.Integer(), issues: Type.Array(LintIssue) });
export type RestoreResult = Static<typeof RestoreResult>;

/** `GET /shop`: the values answers' {{placeholders}} take, per locale, for the answer preview. */
export const ShopPlaceholders = Type.Object({
  placeholders: Type.Object({
    ja: Type.Record(Type.String(), Type.String()),
    en: Type.Record(Type.String(), Type.String()),
  }),
});
export type ShopPlaceholders = Static<typeof ShopPlaceholders>;
