/**
 * Writes chat rows straight through `fastify.storage`, the way the chat stores them, for console tests
 * that need exact times and decisions (an engine's decision on a phrase is not a test's business), and a
 * handoff's outbox mail for the relay and outbox tests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Decision, Locale, Storage, StoredMessage } from '../../server/storage/repository.ts';

/** A new conversation; returns its id. */
export function conversationAt(fastify: FastifyInstance, at: Date, locale: Locale = 'ja'): Promise<string> {
  return storedConversation(fastify.storage, at, locale);
}

/** A new conversation in `storage` (a storage suite's own, no app around it); returns its id. */
export async function storedConversation(storage: Storage, at: Date, locale: Locale = 'ja'): Promise<string> {
  const conversation = await storage.createConversation({
    id: randomUUID(),
    tokenHash: randomBytes(32).toString('hex'),
    locale,
    createdAt: at,
  });
  return conversation.id;
}

/** A shopper line and the bot's reply to it, both at `at`. */
export async function exchangeAt(
  fastify: FastifyInstance,
  conversationId: string,
  text: string,
  reply: {
    at: Date;
    decision: Decision;
    intent?: string | null;
    locale?: Locale;
    payload?: Record<string, unknown>;
  },
): Promise<{ shopper: StoredMessage; bot: StoredMessage }> {
  const { message: shopper } = await fastify.storage.appendShopperMessage({
    id: randomUUID(),
    conversationId,
    clientSeq: null,
    text,
    createdAt: reply.at,
  });
  const bot = await fastify.storage.appendBotMessage({
    id: randomUUID(),
    conversationId,
    replyTo: shopper.id,
    text: 'reply',
    decision: reply.decision,
    intent: reply.intent ?? null,
    score: reply.intent ? 0.4 : null,
    payload: { locale: reply.locale ?? 'ja', ...reply.payload },
    createdAt: reply.at,
  });
  return { shopper, bot };
}

/**
 * A handoff queued at `at` in a conversation of its own: the escalation and its mail to the support
 * mailbox, due at once. Returns the mail's id.
 */
export async function queuedMailAt(
  storage: Pick<Storage, 'createConversation' | 'createEscalationWithMail'>,
  at: Date,
  options: { replyTo?: string | null } = {},
): Promise<string> {
  const conversation = await storage.createConversation({
    id: randomUUID(),
    tokenHash: randomBytes(32).toString('hex'),
    locale: 'ja',
    createdAt: at,
  });
  const escalationId = randomUUID();
  const id = randomUUID();
  await storage.createEscalationWithMail(
    {
      id: escalationId,
      conversationId: conversation.id,
      reason: 'user-requested',
      intent: 'human_agent',
      score: 0.9,
      email: 'hanako@example.jp',
      summary: null,
      createdAt: at,
    },
    {
      id,
      escalationId,
      to: 'support@shop.example',
      replyTo: options.replyTo === undefined ? 'hanako@example.jp' : options.replyTo,
      subject: 'handoff',
      text: 'text',
      html: '<p>html</p>',
      messageId: `<${escalationId}@shop.example>`,
      createdAt: at,
    },
  );
  return id;
}
