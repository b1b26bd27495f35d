/**
 * The one mail a flood of handoffs from one client causes: instead of a mail per refused handoff, the
 * support mailbox gets one alert naming the client, the limit and what happens meanwhile, then none for
 * CLIENT_FLOOD_ALERT_MINUTES (client-limits.ts decides when). It goes through the outbox like every mail,
 * without an escalation. Pure builder plus the insert.
 */
import { randomUUID } from 'node:crypto';
import { toLocal } from '../../bot/calendar/zoned-time.ts';
import { message } from '../../bot/i18n/messages.ts';
import { escapeHtml } from '../mail/build-handoff-mail.ts';
import type { Locale, NewOutboxMail, Storage } from '../storage/repository.ts';
import { outboxRow } from '../storage/row-mappers.ts';

/** What an alert says. */
export interface FloodAlertInput {
  /** The client's counting key (client-key.ts): an IP or an IPv6 /64. */
  client: string;
  /** The handoff limit that was exceeded. */
  perMinute: number;
  burst: number;
  /** Minutes until the next alert about this client. */
  alertEveryMinutes: number;
  /** When the first handoff was refused. */
  now: Date;
  shopName: Record<Locale, string>;
  supportEmail: string;
  /** Right-hand side of the Message-ID. */
  messageIdDomain: string;
  timeZone: string;
  staffLocale: Locale;
}

/** The shop-local time, YYYY-MM-DD HH:MM. */
function localTime(date: Date, timeZone: string): string {
  const l = toLocal(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(Math.floor(l.seconds / 3600))}:${pad(Math.floor((l.seconds % 3600) / 60))}`;
}

/** The alert mail to the support mailbox. */
export function buildFloodAlertMail(input: FloodAlertInput): NewOutboxMail {
  const id = randomUUID();
  const params = {
    shopName: input.shopName[input.staffLocale],
    // An IP only has digits, dots, colons and hex letters: safe in a header.
    client: input.client.replace(/[^0-9A-Za-z.:/]/gu, ''),
    perMinute: input.perMinute,
    burst: input.burst,
    minutes: input.alertEveryMinutes,
    time: localTime(input.now, input.timeZone),
  };
  const text = message(input.staffLocale, 'mailFloodBody', params);
  return {
    id,
    escalationId: null,
    to: input.supportEmail,
    replyTo: null,
    subject: message(input.staffLocale, 'mailFloodSubject', params),
    text: `${text}\n`,
    html: `<p>${escapeHtml(text)}</p>`,
    messageId: `<alert.${id}@${input.messageIdDomain}>`,
    createdAt: input.now,
  };
}

/** Puts an alert into the outbox. */
export async function queueFloodAlert(storage: Storage, mail: NewOutboxMail): Promise<void> {
  await storage.database().insertInto('outbox').values(outboxRow(mail)).execute();
}
