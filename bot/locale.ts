/**
 * The languages the bot speaks: the one definition of `Locale` for the whole repository (NLU, dialogue,
 * storage, wire protocol, console). A TypeBox schema, so wire and stored shapes validate against it.
 */
import { type Static, Type } from '@sinclair/typebox';

/** A locale the bot understands and answers in. */
export const LocaleSchema = Type.Union([Type.Literal('ja'), Type.Literal('en')]);
/** A locale the bot understands and answers in. */
export type Locale = Static<typeof LocaleSchema>;
