/**
 * Builds an operator's reply to a shopper from the console: `To` is the address the shopper gave in the
 * handoff (validated then), `Reply-To` the support mailbox (the shopper's answer reaches the staff), the
 * Message-ID new per reply. The operator's text goes into the plain-text body as is and into the HTML
 * escaped, line by line: no markup, link or script an operator pastes (or quotes from a shopper) survives.
 * The subject is the operator's, or the default in the shopper's language with the reference number;
 * control characters in it become spaces, so it can never add a header. Pure.
 */
import type { Locale, NewOutboxMail } from '../storage/repository.ts';
import { cleanText, escapeHtml, ticketOf } from './build-handoff-mail.ts';

/** Everything a reply is built from. */
export interface ReplyMailInput {
  escalation: { id: string; email: string };
  /** The shopper's language. */
  locale: Locale;
  /** The operator's subject; the default subject without it. */
  subject?: string | undefined;
  text: string;
  shopName: Record<Locale, string>;
  /** The support mailbox: Reply-To. */
  supportEmail: string;
  /** Right-hand side of the Message-ID (the sender's domain). */
  messageIdDomain: string;
  /** Outbox row id; also the left-hand side of the Message-ID. */
  id: string;
  queuedAt: Date;
}

/** The reply's fixed sentences, per language (ja first). */
const REPLY_TEXT: Record<Locale, { subject: string; footer: string }> = {
  ja: {
    subject: '【{{shopName}}】お問い合わせへのご返信 #{{ticket}}',
    footer: 'このメールにご返信いただくと、担当スタッフに届きます。（受付番号: {{ticket}}）',
  },
  en: {
    subject: '[{{shopName}}] Reply to your question #{{ticket}}',
    footer: 'Replying to this mail reaches our staff. (Reference: {{ticket}})',
  },
};

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/gu, (_, key: string) => params[key] ?? '');
}

/** A header-safe subject: every control character (CR, LF, TAB…) becomes a space. */
export function safeSubject(subject: string): string {
  return subject
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The reply mail, ready for the outbox. */
export function buildReplyMail(input: ReplyMailInput): NewOutboxMail {
  const ticket = ticketOf(input.escalation.id);
  const strings = REPLY_TEXT[input.locale];
  const params = { shopName: input.shopName[input.locale], ticket };
  const subject =
    (input.subject === undefined ? '' : safeSubject(input.subject)) || fill(strings.subject, params);
  const footer = fill(strings.footer, params);
  const body = cleanText(input.text);
  const text = `${body}\n\n--\n${footer}\n`;
  const html = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"></head><body style="font-family:sans-serif">',
    `<p>${escapeHtml(body).replace(/\n/gu, '<br>\n')}</p>`,
    `<hr><p style="color:#666">${escapeHtml(footer)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return {
    id: input.id,
    escalationId: input.escalation.id,
    to: input.escalation.email,
    replyTo: input.supportEmail,
    subject,
    text,
    html,
    messageId: `<reply.${input.id}@${input.messageIdDomain}>`,
    envelopeTo: null,
    createdAt: input.queuedAt,
  };
}
