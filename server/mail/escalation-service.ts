/**
 * Records a completed handoff: the escalation and its outbox mail(s) in one storage transaction, before
 * the shopper sees the reply. The escalation id is derived from the conversation and the handoff's id
 * (the message that started it), so a retried or replayed last step records nothing new. Each queued mail is logged;
 * without SMTP_URL its full text is logged too, so nothing is lost while mail cannot go out.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { HandoffRequest } from '../../bot/handoff/handoff-flow.ts';
import type { SubscriptionSnapshot } from '../../bot/shop/shop-data.ts';
import type { Conversation, Locale, NewEscalation, Storage } from '../storage/repository.ts';
import { buildShopperCopy, buildSupportMail, type HandoffMailInput, ticketOf } from './build-handoff-mail.ts';

/** Longest transcript put into a mail, in messages (the conversation's first ones). */
export const MAX_TRANSCRIPT_MESSAGES = 1000;

/** Settings the service needs from the config. */
export interface EscalationSettings {
  shopName: Record<Locale, string>;
  /** The support mailbox (To). */
  supportEmail: string;
  /** The sender address; its domain names Message-IDs. */
  mailFrom: string;
  timeZone: string;
  publicUrl: string | undefined;
  staffLocale: Locale;
  copyToShopper: boolean;
  /** False without SMTP_URL: queued mail is logged in full. */
  smtpConfigured: boolean;
}

/** What the chat needs back. */
export interface RecordedEscalation {
  escalationId: string;
  /** Short id for the shopper and the subject. */
  ticket: string;
  /** False when this escalation had been recorded before (a retry). */
  created: boolean;
}

/** One completed handoff to record. */
export interface EscalationInput {
  conversation: Conversation;
  handoff: HandoffRequest;
  intent: string | null;
  score: number | null;
  locale: Locale;
  now: Date;
  /** The verified shopper's subscriptions as read for this turn (undefined: anonymous or not known). */
  subscriptions?: SubscriptionSnapshot[];
  /**
   * The earliest time its mail may leave the outbox (the client's fair slot, server/limits/); absent:
   * at once.
   */
  mailNotBefore?: Date;
}

/** Records escalations. */
export interface EscalationService {
  record(input: EscalationInput): Promise<RecordedEscalation>;
}

/** A UUID-shaped id from a hash of the conversation and the handoff's id: the same inputs, the same id. */
export function escalationIdFor(conversationId: string, handoffId: string): string {
  const hex = createHash('sha256').update(`escalation\0${conversationId}\0${handoffId}`).digest('hex');
  // RFC 9562 version 8 (custom) with the RFC variant bits, so it passes as a UUID everywhere.
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Creates the service. `onQueued` runs after new mail was committed (wakes the relay). */
export function createEscalationService(deps: {
  storage: Storage;
  settings: EscalationSettings;
  log: { info(obj: object, msg: string): void };
  onQueued(): void;
  /** The mail relay's clock: queued mail is due at once by the relay's time, not the conversation's. */
  mailClock?: () => Date;
}): EscalationService {
  const { storage, settings, log } = deps;
  const domain = settings.mailFrom.slice(settings.mailFrom.lastIndexOf('@') + 1);
  return {
    async record(input) {
      const { conversation, handoff } = input;
      const id = escalationIdFor(conversation.id, handoff.id);
      const ticket = ticketOf(id);
      const escalation: NewEscalation = {
        id,
        conversationId: conversation.id,
        reason: handoff.reason,
        intent: input.intent,
        score: input.score,
        email: handoff.email,
        summary: handoff.summary,
        customerId: conversation.customerId,
        // Only with the verified customer the conversation is bound to: it is their data.
        subscriptions: conversation.customerId ? (input.subscriptions ?? null) : null,
        createdAt: input.now,
      };
      const messages = await storage.listMessages(conversation.id, { limit: MAX_TRANSCRIPT_MESSAGES });
      const mailInput: HandoffMailInput = {
        escalation,
        locale: input.locale,
        channel: conversation.channel,
        messages,
        promise: handoff.promise,
        shopName: settings.shopName,
        supportEmail: settings.supportEmail,
        timeZone: settings.timeZone,
        messageIdDomain: domain,
        publicUrl: settings.publicUrl,
        staffLocale: settings.staffLocale,
      };
      const queuedAt = deps.mailClock?.() ?? new Date();
      const notBefore = input.mailNotBefore ? { notBefore: input.mailNotBefore } : {};
      const mails = [{ ...buildSupportMail(mailInput, { id: randomUUID(), queuedAt }), ...notBefore }];
      if (settings.copyToShopper) {
        mails.push({ ...buildShopperCopy(mailInput, { id: randomUUID(), queuedAt }), ...notBefore });
      }
      const created = await storage.createEscalationWithMail(escalation, mails);
      if (!created) return { escalationId: id, ticket, created };
      for (const mail of mails) {
        const summary = { mailId: mail.id, escalationId: id, ticket, subject: mail.subject };
        if (settings.smtpConfigured) {
          log.info(summary, 'handoff mail queued');
        } else {
          // Only the id: a mail body in the log would outlive a deletion on request (APPI). Staff read the
          // mail in the console's outbox page.
          log.info(
            summary,
            'handoff mail queued; SMTP_URL is not set, so it stays in the outbox (console: 送信箱)',
          );
        }
      }
      deps.onQueued();
      return { escalationId: id, ticket, created };
    },
  };
}
