/**
 * Sends one outbox mail over SMTP with nodemailer. The last line of header defence: `Reply-To` and the
 * envelope recipient are validated again right before sending (a stored row could predate a rule, or be
 * edited by hand), and nodemailer may not read files or URLs named in the message.
 * @see https://nodemailer.com/smtp/
 */
import nodemailer from 'nodemailer';
import { validateEmail } from '../../bot/handoff/validate-email.ts';
import { ServerError } from '../errors.ts';
import type { OutboxMail } from '../storage/repository.ts';

/** Delivers one mail; throws when the server did not accept it. */
export interface MailSender {
  send(mail: OutboxMail): Promise<void>;
  /** Releases connections. */
  close(): void;
}

/** A mail that must never be sent as stored (a header would carry unsafe text). Not retried. */
export class UnsafeMailError extends ServerError {
  constructor(header: string) {
    super('MAIL_ERR_UNSAFE_HEADER', `${header} is not a single valid address; the mail was not sent`);
  }
}

/** Options of `createSmtpSender`. */
export interface SmtpSenderOptions {
  /** `smtp://user:pass@host:587` or `smtps://…` (nodemailer URL syntax). */
  smtpUrl: string;
  /** The sender: address from MAIL_FROM (or the shop's support address), display name the shop's name. */
  from: { name: string; address: string };
  /** Connection, greeting and socket inactivity timeout, ms. */
  timeoutMs: number;
}

/** Throws UnsafeMailError unless every address header is one valid address (no CR/LF, comments, lists). */
export function assertSafeAddresses(mail: Pick<OutboxMail, 'to' | 'replyTo' | 'envelopeTo'>): void {
  const check = (header: string, value: string | null) => {
    if (value === null) return;
    const result = validateEmail(value);
    if (!result.ok || result.email.toLowerCase() !== value.toLowerCase()) throw new UnsafeMailError(header);
  };
  check('To', mail.to);
  check('Reply-To', mail.replyTo);
  check('envelope recipient', mail.envelopeTo);
}

/** An SMTP sender; one connection per mail (handoffs are few, and no pooled socket can go stale). */
export function createSmtpSender(options: SmtpSenderOptions): MailSender {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    async send(mail) {
      assertSafeAddresses(mail);
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        ...(mail.envelopeTo ? { envelope: { from: options.from.address, to: [mail.envelopeTo] } } : {}),
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
    close() {
      transport.close();
    },
  };
}
