/** Shapes every part of the console API shares: locales, roles, ids, dates, the error body. */
import { type Static, Type } from '@sinclair/typebox';
import { INTENT_ID_PATTERN } from '../../../bot/corpus/corpus-schema.ts';
import { LocaleSchema } from '../../../bot/locale.ts';

/** A locale the bot speaks (bot/locale.ts). */
export { LocaleSchema };
export const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('editor'),
  Type.Literal('operator'),
]);
/** Staff role: admin (everything), editor (corpus, models, unanswered), operator (escalations, outbox). */
export type Role = Static<typeof RoleSchema>;
export const Uuid = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
});
export const IntentId = Type.String({ pattern: INTENT_ID_PATTERN, maxLength: 80 });
export const IsoDate = Type.String({ format: 'date-time' });
/** A calendar day in the shop's time zone (Asia/Tokyo), YYYY-MM-DD. */
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const Email = Type.String({ format: 'email', maxLength: 254 });

/**
 * Every error body: a stable code (the console translates it), the server's English message (logs, API
 * clients; the console shows it only for a code it does not know) and, with some 4xx answers, facts
 * for the client (409 CONSOLE_ERR_MODEL_WORSE: `details.comparison`, the publish gate's verdict).
 */
export const ConsoleError = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type ConsoleError = Static<typeof ConsoleError>;

/** `:id` path parameter of a model version, escalation or staff account. */
export const IdParams = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParams>;
