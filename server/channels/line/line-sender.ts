/**
 * Sends an event's answer to LINE with the official SDK (docs/line.md). The reply token first: free,
 * but single-use and short-lived (about a minute after the event), so it is used only while the event
 * is younger than REPLY_TOKEN_MAX_AGE_MS. LINE refusing a fresh token (400) on a first attempt, or an
 * older event (answered after a restart), falls back to a push, which costs the shop money and is
 * counted. On a later attempt, a fresh token refused means an earlier attempt used it and died before
 * recording it: the answer was delivered, and is not pushed a second time. A push carries an X-Line-Retry-Key made from the event's id, so
 * LINE delivers it once however often it is retried (409 on a repeat: already delivered).
 */
import { createHash } from 'node:crypto';
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import type { LineMetrics } from '../../metrics/instruments.ts';
import type { InboxEvent } from './line-inbox-store.ts';

/** Reply tokens are valid for about a minute after the event; past this age the push is used. */
export const REPLY_TOKEN_MAX_AGE_MS = 50_000;
/** LINE takes at most 5 messages in one reply or push. */
const MAX_MESSAGES = 5;

/** The Messaging API calls the sender makes (the SDK's MessagingApiClient). */
export type LineApi = Pick<messagingApi.MessagingApiClient, 'replyMessage' | 'pushMessage'>;

/**
 * A UUID made from the event's id: the push's X-Line-Retry-Key, the same for every attempt at the
 * same event (LINE wants the UUID format; the version nibble is set so it is one).
 */
export function retryKeyOf(webhookEventId: string): string {
  const hex = createHash('sha256').update(`line-push:${webhookEventId}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Sends answers to LINE users. */
export class LineSender {
  constructor(
    private readonly api: LineApi,
    private readonly metrics: LineMetrics,
    private readonly now: () => Date,
  ) {}

  /**
   * Sends `messages` as the answer to `event`; resolves with how. Throws when LINE did not take them.
   * `retried`: an earlier attempt got as far as sending (it may have used the reply token).
   */
  async send(
    event: InboxEvent,
    messages: readonly messagingApi.Message[],
    retried = false,
  ): Promise<'reply' | 'push'> {
    const batch = messages.slice(0, MAX_MESSAGES);
    const age = this.now().getTime() - event.eventAt.getTime();
    if (event.replyToken && age < REPLY_TOKEN_MAX_AGE_MS) {
      try {
        await this.api.replyMessage({ replyToken: event.replyToken, messages: batch });
        this.metrics.lineMessagesSent('reply');
        return 'reply';
      } catch (error) {
        // 400: the token expired or was used; anything else (5xx, network) is tried again later.
        if (!(error instanceof HTTPFetchError) || error.status !== 400) throw error;
        if (retried) return 'reply';
      }
    }
    try {
      await this.api.pushMessage({ to: event.lineUserId, messages: batch }, retryKeyOf(event.webhookEventId));
    } catch (error) {
      // 409: a push with this retry key was accepted before (an attempt that died unrecorded).
      if (error instanceof HTTPFetchError && error.status === 409) return 'push';
      throw error;
    }
    this.metrics.lineMessagesSent('push');
    return 'push';
  }

  /**
   * Pushes `messages` that answer no event (a staff reply, docs/line.md) to `lineUserId`, with
   * `retryKey` (the same for every attempt at the same reply) so LINE delivers it once. Throws when LINE
   * did not take them; a 409 means an earlier attempt with this key was delivered.
   */
  async push(lineUserId: string, messages: readonly messagingApi.Message[], retryKey: string): Promise<void> {
    try {
      await this.api.pushMessage({ to: lineUserId, messages: messages.slice(0, MAX_MESSAGES) }, retryKey);
    } catch (error) {
      if (error instanceof HTTPFetchError && error.status === 409) return;
      throw error;
    }
    this.metrics.lineMessagesSent('push');
  }
}
