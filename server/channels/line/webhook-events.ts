/**
 * The part of a LINE webhook request the server reads (docs/line.md), as a TypeBox schema: LINE's own
 * types (@line/bot-sdk `webhook.CallbackRequest`) describe what LINE sends, this checks what arrived.
 * Read only after the signature was verified. Only one-to-one chats are answered: events from groups
 * and rooms, and events without a user id, are not stored.
 */
import { type Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { NewInboxEvent } from './line-inbox-store.ts';

/** One event, as far as the inbox needs it; every other field is kept as sent. */
const WebhookEventSchema = Type.Object({
  type: Type.String({ minLength: 1, maxLength: 64 }),
  webhookEventId: Type.String({ minLength: 1, maxLength: 128 }),
  timestamp: Type.Number(),
  replyToken: Type.Optional(Type.String({ maxLength: 256 })),
  source: Type.Optional(
    Type.Object({ type: Type.String(), userId: Type.Optional(Type.String({ maxLength: 128 })) }),
  ),
  deliveryContext: Type.Optional(Type.Object({ isRedelivery: Type.Boolean() })),
});

/** A webhook request's body. */
export const WebhookRequestSchema = Type.Object({
  destination: Type.Optional(Type.String()),
  events: Type.Array(WebhookEventSchema, { maxItems: 500 }),
});
/** A webhook request's body. */
export type WebhookRequest = Static<typeof WebhookRequestSchema>;

const requestCheck = TypeCompiler.Compile(WebhookRequestSchema);

/** The body parsed and checked, or undefined when it is not a webhook request. */
export function parseWebhookRequest(raw: Buffer): WebhookRequest | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  return requestCheck.Check(parsed) ? parsed : undefined;
}

/** The events of a request the inbox stores, in the order LINE sent them, and how many were left out. */
export function inboxEventsOf(request: WebhookRequest): { events: NewInboxEvent[]; ignored: number } {
  const events: NewInboxEvent[] = [];
  for (const event of request.events) {
    const userId = event.source?.type === 'user' ? event.source.userId : undefined;
    if (!userId) continue;
    events.push({
      webhookEventId: event.webhookEventId,
      lineUserId: userId,
      type: event.type,
      event: event as Record<string, unknown>,
      replyToken: event.replyToken ?? null,
      eventAt: new Date(event.timestamp),
    });
  }
  return { events, ignored: request.events.length - events.length };
}
