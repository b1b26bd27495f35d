/** The mail outbox (`/outbox`). */
import { type Static, Type } from '@sinclair/typebox';
import { MailView } from './escalations.ts';

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
