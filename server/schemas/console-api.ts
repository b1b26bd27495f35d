/**
 * The staff console's HTTP API (`/api/console/*`), as TypeBox schemas: the single source of its wire
 * types for the server routes and (via `import type`) the console in the browser. Documented for humans in
 * docs/console-api.md. Every route needs a signed-in staff session (cookie) with the role named in
 * server/console/roles.ts; every change also needs the session's CSRF token in `x-csrf-token`.
 * Errors are `{ code, message }` with a stable `CONSOLE_ERR_*` code.
 */
import { type Static, Type } from '@sinclair/typebox';
import { CorpusIntentSchema, INTENT_ID_PATTERN } from '../../bot/corpus/corpus-schema.ts';
import { LocaleSchema } from '../../bot/locale.ts';
import { DISPUTE_SIGNALS } from '../../bot/review/answer-signals.ts';

/** A locale the bot speaks (bot/locale.ts). */
export { LocaleSchema };
export const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('editor'),
  Type.Literal('operator'),
]);
/** Staff role: admin (everything), editor (corpus, models, unanswered), operator (escalations, outbox). */
export type Role = Static<typeof RoleSchema>;
const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
const IntentId = Type.String({ pattern: INTENT_ID_PATTERN, maxLength: 80 });
const IsoDate = Type.String({ format: 'date-time' });
/** A calendar day in the shop's time zone (Asia/Tokyo), YYYY-MM-DD. */
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Email = Type.String({ format: 'email', maxLength: 254 });

/** Every error body. */
export const ConsoleError = Type.Object({ code: Type.String(), message: Type.String() });
export type ConsoleError = Static<typeof ConsoleError>;

// ── Sign-in ─────────────────────────────────────────────────────────────────────────────────────────

export const StaffUser = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  disabled: Type.Boolean(),
  createdAt: IsoDate,
});
export type StaffUser = Static<typeof StaffUser>;

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/** `POST /login` and `GET /me`: who is signed in, and the CSRF token to send on changes. */
export const SessionInfo = Type.Object({
  user: StaffUser,
  csrfToken: Type.String(),
  /** What this user may do (server/console/roles.ts), so the console hides the rest. */
  permissions: Type.Array(Type.String()),
});
export type SessionInfo = Static<typeof SessionInfo>;

/** Passwords: at least 10 characters (a passphrase beats complexity rules). */
const Password = Type.String({ minLength: 10, maxLength: 1024 });

export const NewStaffUserBody = Type.Object(
  { email: Email, name: Type.String({ minLength: 1, maxLength: 80 }), role: RoleSchema, password: Password },
  { additionalProperties: false },
);
export type NewStaffUserBody = Static<typeof NewStaffUserBody>;

export const UpdateStaffUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
export type UpdateStaffUserBody = Static<typeof UpdateStaffUserBody>;

export const StaffUserList = Type.Object({ users: Type.Array(StaffUser) });
export type StaffUserList = Static<typeof StaffUserList>;

// ── Corpus ──────────────────────────────────────────────────────────────────────────────────────────

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

// ── Try a phrase ────────────────────────────────────────────────────────────────────────────────────

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

// ── Models: train, compare, publish, roll back ──────────────────────────────────────────────────────

/** Scores of one model on one locale's held-out tests (and cross-validation folds, when run). */
export const LocaleScores = Type.Object({
  inScopeAccuracy: Type.Number(),
  outOfScopeRecall: Type.Number(),
  tests: Type.Integer(),
  perIntent: Type.Record(Type.String(), Type.Object({ total: Type.Integer(), correct: Type.Integer() })),
  crossValidation: Type.Optional(
    Type.Object({ folds: Type.Integer(), inScopeAccuracy: Type.Number(), outOfScopeRecall: Type.Number() }),
  ),
});
export type LocaleScores = Static<typeof LocaleScores>;

/** A model's evaluation, and the live model's on the same tests, taken when training finished. */
export const ModelEvaluation = Type.Object({
  candidate: Type.Record(Type.String(), LocaleScores),
  /** The live model scored on the candidate's tests (null when nothing was live). */
  live: Type.Union([Type.Record(Type.String(), LocaleScores), Type.Null()]),
  liveVersionId: Type.Union([Uuid, Type.Null()]),
});
export type ModelEvaluation = Static<typeof ModelEvaluation>;

/** One line of the comparison table: an intent of a locale, live vs candidate. */
export const IntentComparison = Type.Object({
  locale: LocaleSchema,
  intent: Type.String(),
  total: Type.Integer(),
  liveCorrect: Type.Union([Type.Integer(), Type.Null()]),
  candidateCorrect: Type.Integer(),
});
export type IntentComparison = Static<typeof IntentComparison>;

/** The publish gate's verdict. `worse` lists each measure that dropped (e.g. "ja in-scope 90.1% → 88.7%"). */
export const ModelComparison = Type.Object({
  worse: Type.Boolean(),
  reasons: Type.Array(Type.String()),
  intents: Type.Array(IntentComparison),
});
export type ModelComparison = Static<typeof ModelComparison>;

export const TrainingProgress = Type.Object({
  /** queued | training | evaluating | cross-validating | done */
  stage: Type.String(),
  /** 0–1. */
  fraction: Type.Number(),
  detail: Type.Optional(Type.String()),
});
export type TrainingProgress = Static<typeof TrainingProgress>;

export const ModelVersionSummary = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  status: Type.Union([Type.Literal('training'), Type.Literal('ready'), Type.Literal('failed')]),
  progress: Type.Union([TrainingProgress, Type.Null()]),
  createdAt: IsoDate,
  createdBy: Type.Union([Type.String(), Type.Null()]),
  /** The staff member's name (null for the server's first model or a deleted account). */
  createdByName: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([IsoDate, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  live: Type.Boolean(),
  /** Was it ever published (rollback targets). */
  published: Type.Boolean(),
  utterances: Type.Integer(),
});
export type ModelVersionSummary = Static<typeof ModelVersionSummary>;

export const Publication = Type.Object({
  id: Uuid,
  versionId: Uuid,
  versionNumber: Type.Integer(),
  publishedAt: IsoDate,
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  /** The staff member's name (null for the server's first model or a deleted account). */
  publishedByName: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  overridden: Type.Boolean(),
});
export type Publication = Static<typeof Publication>;

export const ModelList = Type.Object({
  liveVersionId: Type.Union([Uuid, Type.Null()]),
  versions: Type.Array(ModelVersionSummary),
  publications: Type.Array(Publication),
});
export type ModelList = Static<typeof ModelList>;

export const ModelDetail = Type.Object({
  version: ModelVersionSummary,
  evaluation: Type.Union([ModelEvaluation, Type.Null()]),
  /** Against the model live now (null while training, when failed, or when nothing is live). */
  comparison: Type.Union([ModelComparison, Type.Null()]),
});
export type ModelDetail = Static<typeof ModelDetail>;

/** `:id` path parameter of a model version, escalation or staff account. */
export const IdParams = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParams>;
export const ModelParams = IdParams;
export type ModelParams = Static<typeof ModelParams>;

/** `POST /models/:id/publish`. A worse model needs `overrideReason` and the admin role. */
export const PublishBody = Type.Object(
  { overrideReason: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })) },
  { additionalProperties: false },
);
export type PublishBody = Static<typeof PublishBody>;

/** `POST /models/:id/rollback`: makes an earlier published version live again; the reason is kept. */
export const RollbackBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500 }) },
  { additionalProperties: false },
);
export type RollbackBody = Static<typeof RollbackBody>;

// ── Unanswered questions ────────────────────────────────────────────────────────────────────────────

export const UnansweredMessage = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  text: Type.String(),
  locale: LocaleSchema,
  /** none, clarify, downvote or disputed (the next line said the answer was wrong): why it is queued. */
  reason: Type.Union([
    Type.Literal('none'),
    Type.Literal('clarify'),
    Type.Literal('downvote'),
    Type.Literal('disputed'),
  ]),
  /** The bot's best guess and its score (`disputed`: the intent it answered). */
  intent: Type.Union([Type.String(), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  createdAt: IsoDate,
  /**
   * `none` only: why the engine refused it (none-intent, low-score, nearest-is-none, unknown-words,
   * other-company, empty), when the reply recorded it.
   */
  nluReason: Type.Union([Type.String(), Type.Null()]),
  /** `disputed` only: what said the answer was wrong (bot/review/answer-signals.ts), and that next line. */
  signal: Type.Union([...DISPUTE_SIGNALS.map((s) => Type.Literal(s)), Type.Null()]),
  followUp: Type.Union([Type.String(), Type.Null()]),
});
export type UnansweredMessage = Static<typeof UnansweredMessage>;

/** Similar questions grouped together, biggest group first. */
export const UnansweredGroup = Type.Object({
  /** The most typical message's text. */
  label: Type.String(),
  count: Type.Integer(),
  /** The intent most of the group's messages were guessed as, if any. */
  suggestedIntent: Type.Union([Type.String(), Type.Null()]),
  messages: Type.Array(UnansweredMessage),
});
export type UnansweredGroup = Static<typeof UnansweredGroup>;

export const UnansweredQuery = Type.Object(
  // At most 500: the grouping's work grows with the count, and no one reviews more in one sitting.
  { locale: Type.Optional(LocaleSchema), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  { additionalProperties: false },
);
export type UnansweredQuery = Static<typeof UnansweredQuery>;

export const UnansweredList = Type.Object({ total: Type.Integer(), groups: Type.Array(UnansweredGroup) });
export type UnansweredList = Static<typeof UnansweredList>;

/** Assign: the messages become utterances of the intent (in their locale); dismiss: they leave the queue. */
export const AssignUnansweredBody = Type.Object(
  { messageIds: Type.Array(Uuid, { minItems: 1, maxItems: 500 }), intent: IntentId },
  { additionalProperties: false },
);
export type AssignUnansweredBody = Static<typeof AssignUnansweredBody>;
export const DismissUnansweredBody = Type.Object(
  { messageIds: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type DismissUnansweredBody = Static<typeof DismissUnansweredBody>;
export const ReviewResult = Type.Object({ reviewed: Type.Integer() });
export type ReviewResult = Static<typeof ReviewResult>;

// ── Escalations ─────────────────────────────────────────────────────────────────────────────────────

export const EscalationQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])),
    reason: Type.Optional(Type.String({ maxLength: 40 })),
    intent: Type.Optional(Type.String({ maxLength: 80 })),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type EscalationQuery = Static<typeof EscalationQuery>;

/** An intent's title, for operators' intent filter and labels (`GET /escalations/intents`). */
export const IntentTitle = Type.Object({ locale: LocaleSchema, id: Type.String(), title: Type.String() });
export type IntentTitle = Static<typeof IntentTitle>;

/** Every intent of the corpus with its title, without utterances or answers (operators may not edit). */
export const IntentTitleList = Type.Object({ intents: Type.Array(IntentTitle) });
export type IntentTitleList = Static<typeof IntentTitleList>;

export const EscalationSummary = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
  reason: Type.String(),
  intent: Type.Union([Type.String(), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  email: Type.String(),
  summary: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDate,
  locale: LocaleSchema,
  resolvedAt: Type.Union([IsoDate, Type.Null()]),
  /** Name of the staff member who resolved it (null while open). */
  resolvedBy: Type.Union([Type.String(), Type.Null()]),
});
export type EscalationSummary = Static<typeof EscalationSummary>;

export const EscalationList = Type.Object({ escalations: Type.Array(EscalationSummary) });
export type EscalationList = Static<typeof EscalationList>;

export const TranscriptLine = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  role: Type.Union([Type.Literal('shopper'), Type.Literal('bot')]),
  text: Type.String(),
  decision: Type.Union([Type.String(), Type.Null()]),
  intent: Type.Union([Type.String(), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  feedback: Type.Union([Type.Literal('helpful'), Type.Literal('not-helpful'), Type.Null()]),
  createdAt: IsoDate,
});
export type TranscriptLine = Static<typeof TranscriptLine>;

export const MailView = Type.Object({
  id: Uuid,
  to: Type.String(),
  envelopeTo: Type.Union([Type.String(), Type.Null()]),
  replyTo: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(),
  text: Type.String(),
  /** The HTML body as sent; the console shows it in a sandboxed frame, never in its own DOM. */
  html: Type.String(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('sending'),
    Type.Literal('sent'),
    Type.Literal('failed'),
  ]),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDate,
  sentAt: Type.Union([IsoDate, Type.Null()]),
  nextAttemptAt: IsoDate,
  escalationId: Type.Union([Uuid, Type.Null()]),
});
export type MailView = Static<typeof MailView>;

export const EscalationNote = Type.Object({
  id: Uuid,
  authorName: Type.String(),
  text: Type.String(),
  createdAt: IsoDate,
});
export type EscalationNote = Static<typeof EscalationNote>;

export const EscalationDetail = Type.Object({
  escalation: EscalationSummary,
  transcript: Type.Array(TranscriptLine),
  mails: Type.Array(MailView),
  notes: Type.Array(EscalationNote),
});
export type EscalationDetail = Static<typeof EscalationDetail>;

export const EscalationParams = IdParams;
export type EscalationParams = Static<typeof EscalationParams>;

export const NoteBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export type NoteBody = Static<typeof NoteBody>;

/** Reply to the shopper by mail (queued in the outbox, sent by the relay). */
export const ReplyBody = Type.Object(
  {
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);
export type ReplyBody = Static<typeof ReplyBody>;

// ── Outbox ──────────────────────────────────────────────────────────────────────────────────────────

export const OutboxQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([
        Type.Literal('pending'),
        Type.Literal('sending'),
        Type.Literal('sent'),
        Type.Literal('failed'),
      ]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type OutboxQuery = Static<typeof OutboxQuery>;
export const OutboxList = Type.Object({
  /** False when no SMTP_URL is configured: mail waits here and in the server log. */
  smtpConfigured: Type.Boolean(),
  counts: Type.Object({
    pending: Type.Integer(),
    sending: Type.Integer(),
    sent: Type.Integer(),
    failed: Type.Integer(),
  }),
  mails: Type.Array(MailView),
});
export type OutboxList = Static<typeof OutboxList>;

// ── Analytics ───────────────────────────────────────────────────────────────────────────────────────

export const AnalyticsQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day), locale: Type.Optional(LocaleSchema) },
  { additionalProperties: false },
);
export type AnalyticsQuery = Static<typeof AnalyticsQuery>;

/** Counts of one bucket (a day or an hour of day, shop time). */
export const AnalyticsBucket = Type.Object({
  /** YYYY-MM-DD for days, "00"–"23" for hours. */
  key: Type.String(),
  conversations: Type.Integer(),
  /** Shopper messages. */
  messages: Type.Integer(),
  answered: Type.Integer(),
  clarified: Type.Integer(),
  unanswered: Type.Integer(),
  handoffs: Type.Integer(),
  /** answered / messages (0 when no messages). */
  answerRate: Type.Number(),
  /** handoffs / conversations (0 when none). */
  handoffRate: Type.Number(),
});
export type AnalyticsBucket = Static<typeof AnalyticsBucket>;

export const AnalyticsReport = Type.Object({
  from: Day,
  to: Day,
  totals: AnalyticsBucket,
  days: Type.Array(AnalyticsBucket),
  hours: Type.Array(AnalyticsBucket),
  handoffsByReason: Type.Array(Type.Object({ reason: Type.String(), count: Type.Integer() })),
  topIntents: Type.Array(Type.Object({ intent: Type.String(), count: Type.Integer() })),
  topUnanswered: Type.Array(Type.Object({ text: Type.String(), count: Type.Integer() })),
  feedbackByIntent: Type.Array(
    Type.Object({ intent: Type.String(), helpful: Type.Integer(), notHelpful: Type.Integer() }),
  ),
  /** Cancellation flow outcomes: retained with which alternative, or cancelled. */
  cancellation: Type.Object({
    started: Type.Integer(),
    retained: Type.Record(Type.String(), Type.Integer()),
    cancelled: Type.Integer(),
  }),
});
export type AnalyticsReport = Static<typeof AnalyticsReport>;

/** `GET /analytics.csv?report=…`: one table of the report as CSV (cells that start a formula are escaped). */
export const AnalyticsCsvQuery = Type.Composite(
  [
    AnalyticsQuery,
    Type.Object({
      report: Type.Union([
        Type.Literal('days'),
        Type.Literal('hours'),
        Type.Literal('intents'),
        Type.Literal('unanswered'),
        Type.Literal('feedback'),
        Type.Literal('handoffs'),
      ]),
    }),
  ],
  { additionalProperties: false },
);
export type AnalyticsCsvQuery = Static<typeof AnalyticsCsvQuery>;

// ── Privacy ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * `POST /privacy/delete` (admin, `privacy:delete`): everything of one shopper (`email`: conversations
 * that hold or mention the address, and mail addressed to or mentioning it) or of one conversation:
 * exactly one of the two (else 400 CONSOLE_ERR_PRIVACY_SUBJECT). `dryRun` only counts.
 */
export const PrivacyDeleteBody = Type.Object(
  {
    email: Type.Optional(Email),
    conversationId: Type.Optional(Uuid),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PrivacyDeleteBody = Static<typeof PrivacyDeleteBody>;

/** Rows deleted per table (or, in a dry run, that would be). */
export const PrivacyDeletionCounts = Type.Object({
  conversations: Type.Integer(),
  messages: Type.Integer(),
  escalations: Type.Integer(),
  escalationNotes: Type.Integer(),
  unansweredReviews: Type.Integer(),
  outbox: Type.Integer(),
  /** Of `outbox`: mails not sent yet, which now never will be. */
  outboxUnsent: Type.Integer(),
});
export type PrivacyDeletionCounts = Static<typeof PrivacyDeletionCounts>;

export const PrivacyDeleteResult = Type.Object({ dryRun: Type.Boolean(), counts: PrivacyDeletionCounts });
export type PrivacyDeleteResult = Static<typeof PrivacyDeleteResult>;
