/**
 * A staff reply written in the console, pushed to the LINE user whose conversation it answers
 * (docs/line.md): only while they follow the account. A push costs the shop money and is counted
 * (`shopbot_line_sends_total{method="push"}`); its X-Line-Retry-Key comes from the reply's message id,
 * so a retried push is delivered once. The text is sent as is (no Markdown to strip), opened by a label
 * that says staff wrote it, and split into LINE's 5,000-character messages.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { Locale } from '../../storage/repository.ts';
import { LINE_LIMITS } from './line-render.ts';
import { retryKeyOf } from './line-sender.ts';
import type { LineUserStore } from './line-user-store.ts';

/** The label before a staff reply, per language (ja first). */
const STAFF_LABEL: Record<Locale, string> = {
  ja: '【ショップスタッフからのご返信】',
  en: '[A reply from our staff]',
};

/** What pushing a staff reply needs. */
export interface LineStaffPushDependencies {
  users: Pick<LineUserStore, 'findByConversation'>;
  sender: {
    push(lineUserId: string, messages: readonly messagingApi.Message[], retryKey: string): Promise<void>;
  };
}

/** Staff replies to LINE users. */
export interface LineStaffPush {
  /** The LINE user of `conversationId` when they still follow the account; else undefined. */
  recipient(conversationId: string): Promise<string | undefined>;
  /** Pushes the reply `messageId` to `lineUserId`; throws when LINE did not take it. */
  push(lineUserId: string, reply: { messageId: string; text: string; locale: Locale }): Promise<void>;
}

/** The LINE text messages of a staff reply: the label, then the text in chunks LINE accepts. */
export function staffReplyMessages(text: string, locale: Locale): messagingApi.TextMessage[] {
  const points = [...`${STAFF_LABEL[locale]}\n${text}`];
  const messages: messagingApi.TextMessage[] = [];
  for (let start = 0; start < points.length; start += LINE_LIMITS.textChars) {
    messages.push({ type: 'text', text: points.slice(start, start + LINE_LIMITS.textChars).join('') });
  }
  return messages;
}

/** Staff replies pushed through the channel's sender. */
export function lineStaffPush(deps: LineStaffPushDependencies): LineStaffPush {
  return {
    async recipient(conversationId) {
      const user = await deps.users.findByConversation(conversationId);
      return user?.following ? user.lineUserId : undefined;
    },
    async push(lineUserId, reply) {
      await deps.sender.push(
        lineUserId,
        staffReplyMessages(reply.text, reply.locale),
        retryKeyOf(`staff-reply:${reply.messageId}`),
      );
    },
  };
}
