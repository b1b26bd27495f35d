import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readBotMessagePayload } from '../../../server/chat/bot-message-payload.ts';
import { newMessageId } from '../../../server/chat/message-id.ts';
import { botMessageOf, conversationPatchOf, payloadOf, Transcript } from '../../../server/chat/transcript.ts';
import type { CompletedTurn } from '../../../server/chat/turn.ts';
import type { NewShopperMessage, Storage } from '../../../server/storage/repository.ts';
import { botReply, type Event, recordedStorage, trace } from '../../helpers/chat-turn.ts';

const NOW = new Date('2026-12-01T03:00:00Z');

function completed(messageId: string, overrides: Partial<CompletedTurn> = {}): CompletedTurn {
  const reply = botReply({ state: { misses: 0, greeting: { shownAt: NOW.toISOString() } } });
  return { messageId, now: NOW, reply, markdown: reply.markdown, ...overrides };
}

describe('Transcript', () => {
  let events: Event[];
  let storage: Storage;
  let close: () => Promise<void>;
  let conversationId: string;

  beforeEach(async () => {
    events = [];
    ({ storage, close } = await recordedStorage(events));
    conversationId = (
      await storage.createConversation({ id: newMessageId(), tokenHash: 'h', locale: 'ja', createdAt: NOW })
    ).id;
    events.length = 0;
  });
  afterEach(async () => close());

  const shopper = (clientSeq: number | null): NewShopperMessage => ({
    id: newMessageId(),
    conversationId,
    clientSeq,
    text: '送料は？',
    createdAt: NOW,
  });

  test('a common exchange is one storage write: question, answer and state together', async () => {
    const question = shopper(1);
    const result = await new Transcript(storage, conversationId).commitExchange(
      question,
      completed(question.id),
    );
    expect(trace(events)).toEqual(['store:appendExchange']);
    expect(result.duplicate).toBe(false);
    const messages = await storage.listMessages(conversationId);
    expect(messages.map((m) => m.role)).toEqual(['shopper', 'bot']);
    expect(messages[1]?.replyTo).toBe(question.id);
    expect((await storage.getConversation(conversationId))?.state).toEqual({
      misses: 0,
      greeting: { shownAt: NOW.toISOString() },
    });
  });

  test('the same seq committed again writes nothing and returns the first message', async () => {
    const transcript = new Transcript(storage, conversationId);
    const first = shopper(4);
    await transcript.commitExchange(first, completed(first.id));
    const again = shopper(4);
    const result = await transcript.commitExchange(again, completed(again.id));
    expect(result).toMatchObject({ duplicate: true, message: { id: first.id } });
    expect(await storage.listMessages(conversationId)).toHaveLength(2);
    expect((await transcript.earlierReply(first.id))?.replyTo).toBe(first.id);
  });

  test('a shopper message stored alone is found again by its seq', async () => {
    const transcript = new Transcript(storage, conversationId);
    const first = shopper(2);
    expect((await transcript.storeShopper(first)).duplicate).toBe(false);
    expect(await transcript.storeShopper(shopper(2))).toMatchObject({
      duplicate: true,
      message: { id: first.id },
    });
    expect(await transcript.earlierReply(first.id)).toBeUndefined();
  });

  test('a turn with effects commits its reply and the new state in one write', async () => {
    const transcript = new Transcript(storage, conversationId);
    const question = shopper(3);
    await transcript.storeShopper(question);
    events.length = 0;
    const turn = completed(question.id, { markdown: 'ticket T-1', handoff: { step: 'done', ticket: 'T-1' } });
    const stored = await transcript.commit(turn);
    expect(trace(events)).toEqual(['store:appendReply']);
    expect(stored).toMatchObject({ text: 'ticket T-1', replyTo: question.id });
    expect(readBotMessagePayload(stored.payload).handoff).toEqual({ step: 'done', ticket: 'T-1' });
  });
});

describe('stored forms of a turn', () => {
  test('the payload keeps the reply facts the widget and staff read, and nothing empty', () => {
    const turn = completed('m', {
      reply: botReply({
        outcome: { flow: 'cancellation', result: 'cancelled' },
        dispute: { messageId: 'm-0', signal: 'negation' },
        nluReason: 'low-score',
      }),
      action: { id: 'm', type: 'subscription.skip', ok: true },
    });
    expect(payloadOf(turn)).toEqual({
      quickReplies: [],
      reason: null,
      locale: 'ja',
      outcome: { flow: 'cancellation', result: 'cancelled' },
      action: { id: 'm', type: 'subscription.skip', ok: true },
      dispute: { messageId: 'm-0', signal: 'negation' },
      nluReason: 'low-score',
    });
    expect(payloadOf(completed('m'))).toEqual({ quickReplies: [], reason: null, locale: 'ja' });
  });

  test('the bot message answers the turn’s shopper message with the turn’s text and time', () => {
    expect(botMessageOf('c', completed('m', { markdown: 'text' }))).toMatchObject({
      conversationId: 'c',
      replyTo: 'm',
      text: 'text',
      decision: 'answer',
      createdAt: NOW,
    });
  });

  test('a handoff keeps its address on the conversation for a later handoff', () => {
    const handoff = {
      id: 'h',
      reason: 'user-requested' as const,
      email: 'a@example.jp',
      summary: null,
      startedAt: NOW.toISOString(),
      promise: { open: true, nextOpening: null, text: '' },
    };
    expect(conversationPatchOf(completed('m', { reply: botReply({ handoff }) })).email).toBe('a@example.jp');
    expect('email' in conversationPatchOf(completed('m'))).toBe(false);
  });
});
