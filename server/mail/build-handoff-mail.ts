/**
 * Builds the handoff mails from an escalation and its transcript: the mail to the support mailbox (reason
 * and short id in the subject; the full transcript as plain text and HTML with the bot's decision and
 * score per line; extracted entities; a console link; Reply-To the shopper) and the optional copy for
 * the shopper. Pure. Shopper text goes only into bodies (escaped in HTML, indented in text so it cannot
 * fake a transcript line); headers hold config values, fixed sentences, ids and the validated Reply-To.
 */
import { toLocal } from '../../bot/calendar/zoned-time.ts';
import { type Entity, type EntityKind, extractEntities } from '../../bot/entities/extract-entities.ts';
import { formatInterval } from '../../bot/flows/format.ts';
import type { ReplyPromise } from '../../bot/handoff/reply-promise.ts';
import { type MessageKey, message } from '../../bot/i18n/messages.ts';
import type { SubscriptionSnapshot } from '../../bot/shop/shop-data.ts';
import type {
  ConversationChannel,
  Locale,
  NewEscalation,
  NewOutboxMail,
  StoredMessage,
} from '../storage/repository.ts';

/** Everything a handoff mail is built from. */
export interface HandoffMailInput {
  escalation: NewEscalation;
  /** The shopper's language (the copy is written in it). */
  locale: Locale;
  /** Where the shopper asked; absent: the web widget. A LINE conversation is named in the staff mail. */
  channel?: ConversationChannel;
  /** The transcript, in seq order. */
  messages: readonly StoredMessage[];
  /** What the shopper was told about the reply time. */
  promise: ReplyPromise;
  shopName: Record<Locale, string>;
  /** The support mailbox: the `To` of both mails, from the shop config only. */
  supportEmail: string;
  /** Zone for the times in the mail. */
  timeZone: string;
  /** Right-hand side of Message-IDs (the sender's domain). */
  messageIdDomain: string;
  /** Base URL of the console; no link without it. */
  publicUrl: string | undefined;
  staffLocale: Locale;
}

const REASON_LABELS: Record<string, MessageKey> = {
  'user-requested': 'mailReasonUserRequested',
  'repeated-fallback': 'mailReasonRepeatedFallback',
  'low-confidence': 'mailReasonLowConfidence',
};

const ENTITY_LABELS: Record<EntityKind, MessageKey> = {
  orderNumber: 'mailEntityOrderNumber',
  phone: 'mailEntityPhone',
  email: 'mailEntityEmail',
  postalCode: 'mailEntityPostalCode',
};

/** The short id shown to the shopper and in the subject: the first 8 hex digits, upper case. */
export function ticketOf(escalationId: string): string {
  return escalationId.replace(/-/gu, '').slice(0, 8).toUpperCase();
}

/** `<escalation-id@domain>`: stable per escalation, so a retried send is recognisably the same mail. */
export function messageIdOf(escalationId: string, domain: string, variant?: 'copy'): string {
  return `<${escalationId}${variant ? `.${variant}` : ''}@${domain}>`;
}

/** The console page of an escalation, when PUBLIC_URL is set. */
export function consoleLink(publicUrl: string | undefined, escalationId: string): string | undefined {
  return publicUrl ? `${publicUrl}/console/escalations/${encodeURIComponent(escalationId)}` : undefined;
}

/** HTML-escapes text for element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&#39;');
}

/**
 * Shopper (and bot) text made safe for a mail body: line breaks unified to LF (U+2028 and U+2029 too:
 * mail clients break lines there, so they are indented like any other), every other control character
 * (and bidi overrides, which can disguise text) shown as U+FFFD.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/gu, '\n')
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (ch) => (ch === '\n' || ch === '\t' ? ch : '\uFFFD'));
}

function timestamp(date: Date, timeZone: string): string {
  const l = toLocal(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(l.seconds / 3600);
  const m = Math.floor((l.seconds % 3600) / 60);
  const s = l.seconds % 60;
  return `${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

function score(value: number | null): string {
  return value === null ? '–' : value.toFixed(2);
}

/** `answer · shipping.fee · 0.98` for a bot line; empty for a shopper line. */
function decisionOf(m: StoredMessage): string {
  if (m.role !== 'bot') return '';
  return [m.decision ?? '–', m.intent ?? '–', score(m.score)].join(' · ');
}

function reasonLabel(reason: string, locale: Locale): string {
  const key = REASON_LABELS[reason];
  return key ? message(locale, key) : reason;
}

function entitiesOf(messages: readonly StoredMessage[]): Entity[] {
  return extractEntities(
    messages.filter((m) => m.role === 'shopper').map((m) => ({ seq: m.seq, text: m.text })),
  );
}

/** One labelled fact: plain text, or a link when `link` (only ever set for config-built URLs). */
type Row = [label: string, value: string, link?: true];

const STATUS_LABELS: Record<SubscriptionSnapshot['status'], MessageKey> = {
  active: 'mailStatusActive',
  paused: 'mailStatusPaused',
  cancelled: 'mailStatusCancelled',
};

/** 「熟成黒酢カプセル 90粒 × 1 · 2ヶ月ごと · 次回 2026-12-18 · お届け中 (demo-sub-taro-kurozu)」 */
function subscriptionLine(s: SubscriptionSnapshot, l: Locale): string {
  // The shop's text on one line: a line break in a product name cannot pose as another fact.
  const oneLine = (text: string) => cleanText(text).replace(/\s+/gu, ' ');
  return [
    `${oneLine(s.productName)} × ${s.quantity}`,
    formatInterval(s.interval, l),
    ...(s.nextDeliveryDate ? [`${message(l, 'mailNextDelivery')} ${s.nextDeliveryDate}`] : []),
    `${message(l, STATUS_LABELS[s.status])} (${oneLine(s.id)})`,
  ].join(' · ');
}

/** The labelled facts at the top of the staff mail. */
function facts(input: HandoffMailInput, ticket: string): Row[] {
  const { escalation, staffLocale: l } = input;
  const t = (key: MessageKey) => message(l, key);
  const rows: Row[] = [
    [t('mailTicket'), ticket],
    [t('mailReason'), `${reasonLabel(escalation.reason, l)} (${escalation.reason})`],
    [t('mailDecision'), `${escalation.intent ?? '–'} (${t('mailScore')} ${score(escalation.score)})`],
    [t('mailReceivedAt'), `${timestamp(escalation.createdAt, input.timeZone)} (${input.timeZone})`],
    [t('mailPromise'), input.promise.text],
    [t('mailReplyTo'), escalation.email],
    // Staff look the shopper up in the shop's system by it; only a verified conversation has one.
    ...(escalation.customerId ? [[t('mailCustomerId'), escalation.customerId] satisfies Row] : []),
    ...(escalation.subscriptions ?? []).map(
      (s) => [t('mailSubscription'), subscriptionLine(s, l)] satisfies Row,
    ),
    [t('mailSummary'), escalation.summary ?? t('mailNone')],
    [t('mailLocale'), input.locale],
    ...(input.channel === 'line' ? [[t('mailChannel'), t('mailChannelLine')] satisfies Row] : []),
  ];
  const link = consoleLink(input.publicUrl, escalation.id);
  if (link) rows.push([t('mailConsole'), link, true]);
  return rows;
}

function entityRows(entities: readonly Entity[], locale: Locale): Row[] {
  return entities.map((e) => [message(locale, ENTITY_LABELS[e.kind]), `${e.value} (#${e.seq})`]);
}

/** Text with every line after the first indented, so a shopper's line break cannot pose as a new line. */
function indentContinuation(text: string): string {
  return cleanText(text)
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : `    ${line}`))
    .join('\n');
}

/** Who wrote a transcript line, in the mail's language. */
function authorOf(m: StoredMessage, locale: Locale): string {
  return message(locale, m.role === 'shopper' ? 'mailShopper' : m.role === 'staff' ? 'mailStaff' : 'mailBot');
}

/** One transcript line as plain text. */
function textLine(m: StoredMessage, locale: Locale, timeZone: string, withDecisions: boolean): string {
  const who = authorOf(m, locale);
  const decision = withDecisions && m.role === 'bot' ? ` (${decisionOf(m)})` : '';
  return `[${timestamp(m.createdAt, timeZone)}] #${m.seq} ${who}${decision}: ${indentContinuation(m.text)}`;
}

function htmlRows(rows: readonly Row[]): string {
  return rows
    .map(([label, value, link]) => {
      // Shopper text is never a link, even when it looks like a URL.
      const cell = link
        ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`
        : escapeHtml(cleanText(value));
      return `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(label)}</th><td>${cell}</td></tr>`;
    })
    .join('\n');
}

function htmlTranscript(
  messages: readonly StoredMessage[],
  locale: Locale,
  timeZone: string,
  withDecisions: boolean,
): string {
  const rows = messages.map((m) => {
    const who = authorOf(m, locale);
    const text = escapeHtml(cleanText(m.text)).replace(/\n/gu, '<br>');
    const background = m.role === 'shopper' ? '#f4f8ff' : '#ffffff';
    return [
      `<tr style="background:${background};vertical-align:top">`,
      `<td style="white-space:nowrap;padding:4px">${escapeHtml(timestamp(m.createdAt, timeZone))}</td>`,
      `<td style="white-space:nowrap;padding:4px">#${m.seq} ${escapeHtml(who)}</td>`,
      withDecisions ? `<td style="white-space:nowrap;padding:4px">${escapeHtml(decisionOf(m))}</td>` : '',
      `<td style="padding:4px">${text}</td>`,
      '</tr>',
    ].join('');
  });
  return `<table style="border-collapse:collapse" border="1" cellspacing="0">\n${rows.join('\n')}\n</table>`;
}

function html(body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"></head><body style="font-family:sans-serif">\n${body}\n</body></html>\n`;
}

/** Outbox bookkeeping of a built mail: its row id and when it is queued (due at once). */
export interface OutboxSlot {
  id: string;
  queuedAt: Date;
}

/** The mail to the support mailbox. */
export function buildSupportMail(input: HandoffMailInput, slot: OutboxSlot): NewOutboxMail {
  const { escalation, staffLocale: l, timeZone } = input;
  const ticket = ticketOf(escalation.id);
  const t = (key: MessageKey, params: Record<string, string> = {}) => message(l, key, params);
  const subject = t('mailSubject', {
    shopName: input.shopName[l],
    reason: reasonLabel(escalation.reason, l),
    closed: input.promise.open ? '' : t('mailClosedMark'),
    ticket,
  });
  const rows = facts(input, ticket);
  const entities = entityRows(entitiesOf(input.messages), l);
  const intro = t('mailIntro', { email: escalation.email });

  const text = [
    intro,
    '',
    ...rows.map(([label, value]) => `${label}: ${indentContinuation(value)}`),
    '',
    `${t('mailEntities')}:`,
    ...(entities.length > 0
      ? entities.map(([label, value]) => `  ${label}: ${value}`)
      : [`  ${t('mailNone')}`]),
    '',
    `--- ${t('mailTranscript')} ---`,
    ...input.messages.map((m) => textLine(m, l, timeZone, true)),
    '',
  ].join('\n');

  const htmlBody = html(
    [
      `<p>${escapeHtml(intro)}</p>`,
      `<table>\n${htmlRows(rows)}\n</table>`,
      `<h3>${escapeHtml(t('mailEntities'))}</h3>`,
      entities.length > 0
        ? `<table>\n${htmlRows(entities)}\n</table>`
        : `<p>${escapeHtml(t('mailNone'))}</p>`,
      `<h3>${escapeHtml(t('mailTranscript'))}</h3>`,
      htmlTranscript(input.messages, l, timeZone, true),
    ].join('\n'),
  );

  return {
    id: slot.id,
    escalationId: escalation.id,
    to: input.supportEmail,
    replyTo: escalation.email,
    subject,
    text,
    html: htmlBody,
    messageId: messageIdOf(escalation.id, input.messageIdDomain),
    envelopeTo: null,
    createdAt: slot.queuedAt,
  };
}

/**
 * The shopper's copy, in their language, without the bot's scores or the console link. Its headers
 * name only the shop (To and Reply-To the support mailbox); the shopper address is the SMTP envelope
 * recipient, like a Bcc.
 */
export function buildShopperCopy(input: HandoffMailInput, slot: OutboxSlot): NewOutboxMail {
  const { escalation, locale: l, timeZone } = input;
  const ticket = ticketOf(escalation.id);
  const t = (key: MessageKey, params: Record<string, string> = {}) => message(l, key, params);
  const rows: Row[] = [
    [t('mailTicket'), ticket],
    [t('mailSummary'), escalation.summary ?? t('mailNone')],
  ];
  const text = [
    t('mailCopyIntro'),
    input.promise.text,
    '',
    ...rows.map(([label, value]) => `${label}: ${indentContinuation(value)}`),
    '',
    `--- ${t('mailTranscript')} ---`,
    ...input.messages.map((m) => textLine(m, l, timeZone, false)),
    '',
    t('mailCopyFooter'),
    '',
  ].join('\n');
  const htmlBody = html(
    [
      `<p>${escapeHtml(t('mailCopyIntro'))}<br>${escapeHtml(input.promise.text)}</p>`,
      `<table>\n${htmlRows(rows)}\n</table>`,
      `<h3>${escapeHtml(t('mailTranscript'))}</h3>`,
      htmlTranscript(input.messages, l, timeZone, false),
      `<p>${escapeHtml(t('mailCopyFooter'))}</p>`,
    ].join('\n'),
  );
  return {
    id: slot.id,
    escalationId: escalation.id,
    to: input.supportEmail,
    replyTo: input.supportEmail,
    subject: t('mailCopySubject', { shopName: input.shopName[l], ticket }),
    text,
    html: htmlBody,
    messageId: messageIdOf(escalation.id, input.messageIdDomain, 'copy'),
    envelopeTo: escalation.email,
    createdAt: slot.queuedAt,
  };
}
