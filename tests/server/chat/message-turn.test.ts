import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HandoffRequest } from '../../../bot/handoff/handoff-flow.ts';
import type { ChatDependencies } from '../../../server/chat/chat-dependencies.ts';
import { ConversationBinding } from '../../../server/chat/conversation-binding.ts';
import { errorFrame } from '../../../server/chat/error-frame.ts';
import { handleMessage, type MessageTurnContext } from '../../../server/chat/message-turn.ts';
import type { Storage } from '../../../server/storage/repository.ts';
import {
  botReply,
  chatDependencies,
  type Event,
  nluResult,
  recordedStorage,
  scriptedBot,
  sentFrames,
  trace,
} from '../../helpers/chat-turn.ts';

const HANDOFF: HandoffRequest = {
  id: 'h-1',
  reason: 'user-requested',
  email: 'shopper@example.jp',
  summary: null,
  startedAt: '2026-12-01T03:00:00.000Z',
  promise: { open: true, nextOpening: null, text: '2時間以内にご返信します。' },
};

describe('handleMessage', () => {
  let events: Event[];
  let storage: Storage;
  let close: () => Promise<void>;

  beforeEach(async () => {
    events = [];
    ({ storage, close } = await recordedStorage(events));
  });
  afterEach(async () => close());

  /** A context over `deps` whose frames are recorded into `events`. */
  function context(deps: ChatDependencies): MessageTurnContext {
    const binding = new ConversationBinding();
    const send: MessageTurnContext['send'] = (frame) => events.push({ kind: 'sent', frame });
    return {
      deps,
      binding,
      send,
      refuse: (code, seq, locale = binding.locale) => send(errorFrame(code, seq, locale, deps.maxTextLength)),
    };
  }

  /** The trace from the first frame of the turn after `mark` events. */
  const since = (mark: number) => trace(events.slice(mark));

  test('reports the chat opened, the prediction, the commit and the answer, and a retry only once', async () => {
    const reported: string[] = [];
    const metrics = {
      chatOpened: () => reported.push('opened'),
      messageAnswered: (decision: string) => reported.push(`answered:${decision}`),
      chatError: (code: string) => reported.push(`error:${code}`),
      predicted: () => reported.push('predicted'),
      committed: (operation: string) => reported.push(`committed:${operation}`),
    };
    const ctx = context(chatDependencies(storage, scriptedBot(), { metrics }));
    await handleMessage(ctx, { text: '送料はいくら', seq: 1, intent: undefined });
    expect(reported).toEqual(['opened', 'predicted', 'committed:exchange', 'answered:answer']);
    reported.length = 0;
    // The same seq again: its stored reply is sent again, but nothing new was answered.
    await handleMessage(ctx, { text: '送料はいくら', seq: 1, intent: undefined });
    expect(reported).toEqual(['predicted', 'committed:exchange']);
  });

  test('a common exchange is one commit, acknowledged after it is durable, then answered', async () => {
    const ctx = context(chatDependencies(storage, scriptedBot()));
    await handleMessage(ctx, { text: 'こんにちは', seq: 1, intent: undefined });
    const mark = events.length;
    await handleMessage(ctx, { text: '送料はいくら', seq: 2, intent: undefined });
    expect(since(mark)).toEqual(['store:appendExchange', 'send:ack', 'send:reply']);
    const [ack, reply] = sentFrames(events.slice(mark));
    expect(ack).toMatchObject({ type: 'ack', seq: 2, duplicate: false });
    expect(reply).toMatchObject({ type: 'reply', replyTo: 2, intent: 'shipping.fee', locale: 'ja' });
  });

  test('a first message starts its conversation in the language it is written in', async () => {
    const bot = scriptedBot((input) => botReply({ locale: input.locale }));
    const ctx = context(chatDependencies(storage, bot));
    await handleMessage(ctx, { text: 'hello there', seq: 1, intent: undefined });
    expect(trace(events).slice(0, 3)).toEqual([
      'store:createConversation',
      'send:welcome',
      'store:appendExchange',
    ]);
    expect(sentFrames(events)[0]).toMatchObject({
      type: 'welcome',
      locale: 'en',
      resumed: false,
      greeting: null,
    });
    expect(bot.asked[0]?.locale).toBe('en');
  });

  test('a retry with the same seq is stored once and gets the stored reply again', async () => {
    const bot = scriptedBot();
    const ctx = context(chatDependencies(storage, bot));
    await handleMessage(ctx, { text: '送料はいくら', seq: 7, intent: undefined });
    await handleMessage(ctx, { text: '送料はいくら', seq: 7, intent: undefined });
    const frames = sentFrames(events).filter((f) => f.type === 'ack' || f.type === 'reply');
    expect(frames.map((f) => f.type)).toEqual(['ack', 'reply', 'ack', 'reply']);
    const [firstAck, firstReply, secondAck, secondReply] = frames;
    expect(secondAck).toMatchObject({
      duplicate: true,
      messageId: firstAck?.type === 'ack' && firstAck.messageId,
    });
    expect(secondReply?.type === 'reply' && secondReply.messageId).toBe(
      firstReply?.type === 'reply' && firstReply.messageId,
    );
    // The common path asks the bot before its one commit; the retry's new answer is dropped unstored.
    expect(bot.asked).toHaveLength(2);
    const conversationId = ctx.binding.conversationId ?? '';
    expect(await storage.listMessages(conversationId)).toHaveLength(2);
  });

  test('a retried message that was stored but never answered is answered now, under its stored id', async () => {
    const bot = scriptedBot();
    const ctx = context(chatDependencies(storage, bot));
    await handleMessage(ctx, { text: 'こんにちは', seq: 1, intent: undefined });
    const conversationId = ctx.binding.conversationId ?? '';
    const stored = await storage.appendShopperMessage({
      id: '00000000-0000-4000-8000-000000000002',
      conversationId,
      clientSeq: 2,
      text: '送料はいくら',
      createdAt: new Date('2026-12-01T02:59:00Z'),
    });
    const mark = events.length;
    await handleMessage(ctx, { text: '送料はいくら', seq: 2, intent: undefined });
    expect(since(mark)).toEqual([
      'store:appendExchange',
      'send:ack',
      'store:findReplyTo',
      'store:appendReply',
      'send:reply',
    ]);
    expect(bot.asked.at(-1)?.messageId).toBe(stored.message.id);
    expect((await storage.findReplyTo(stored.message.id))?.replyTo).toBe(stored.message.id);
  });

  test('a handoff stores and acknowledges the question, records the escalation, then stores and sends the reply', async () => {
    const bot = scriptedBot(() =>
      botReply({
        decision: 'handoff',
        reason: 'user-requested',
        markdown: 'スタッフにつなぎます。',
        handoff: HANDOFF,
      }),
    );
    const deps = chatDependencies(storage, bot, {
      escalations: {
        async record() {
          events.push({ kind: 'stored', method: 'escalation' });
          return { escalationId: 'e-1', ticket: 'T-42', created: true };
        },
      },
    });
    const ctx = context(deps);
    await handleMessage(ctx, { text: 'こんにちは', seq: 1, intent: 'human_agent' });
    const mark = trace(events).indexOf('send:welcome') + 1;
    expect(since(mark)).toEqual([
      'store:appendShopperMessage',
      'send:ack',
      'store:escalation',
      'store:appendReply',
      'send:reply',
    ]);
    const reply = sentFrames(events).at(-1);
    expect(reply).toMatchObject({
      type: 'reply',
      decision: 'handoff',
      handoff: { step: 'done', ticket: 'T-42' },
    });
    expect(reply?.type === 'reply' && reply.markdown).toContain('T-42');
  });

  test('without a model the message is stored and acknowledged, then refused as not ready', async () => {
    const ctx = context(chatDependencies(storage, undefined));
    await handleMessage(ctx, { text: '送料はいくら', seq: 1, intent: undefined });
    expect(trace(events).slice(2)).toEqual(['store:appendShopperMessage', 'send:ack', 'send:error']);
    expect(sentFrames(events).at(-1)).toMatchObject({ code: 'CHAT_ERR_NOT_READY', seq: 1 });
  });

  test("the bot failing still keeps and acknowledges the shopper's words", async () => {
    const bot = scriptedBot(() => {
      throw new Error('bot broke');
    });
    const ctx = context(chatDependencies(storage, bot));
    await expect(handleMessage(ctx, { text: '送料はいくら', seq: 1, intent: undefined })).rejects.toThrow(
      'bot broke',
    );
    expect(trace(events).slice(2)).toEqual(['store:appendShopperMessage', 'send:ack']);
  });

  test('predicts in the locale the bot reads the message in, and hands the bot that prediction', async () => {
    const asked: string[] = [];
    const bot = scriptedBot();
    const ctx = context(
      chatDependencies(storage, bot, {
        model: () => ({
          bot,
          predict: async (text, locale) => {
            asked.push(`${locale}:${text}`);
            return nluResult(text, locale);
          },
        }),
      }),
    );
    ctx.binding.locale = 'ja';
    await handleMessage(ctx, { text: 'How much is shipping?', seq: 1, intent: undefined });
    await handleMessage(ctx, { text: '24.5cm', seq: 2, intent: undefined });
    await handleMessage(ctx, { text: 'はい', seq: 3, intent: 'shipping.fee' });
    expect(asked).toEqual(['en:How much is shipping?', 'ja:24.5cm']);
    expect(bot.asked[0]?.prediction).toMatchObject({ text: 'How much is shipping?', fallback: 'en' });
    expect(bot.asked[2]?.prediction).toBeUndefined();
    expect(bot.asked[2]?.chosenIntent).toBe('shipping.fee');
  });

  test("the bot gets the conversation's stored state parsed by bot/, a damaged part dropped", async () => {
    const bot = scriptedBot();
    const ctx = context(chatDependencies(storage, bot));
    await handleMessage(ctx, { text: 'こんにちは', seq: 1, intent: undefined });
    const conversation = ctx.binding.conversation;
    if (!conversation) throw new Error('no conversation bound');
    ctx.binding.apply(conversation, {
      state: { misses: 2, flow: { name: 'no-such-flow' }, greeting: { shownAt: '2026-12-01T02:00:00.000Z' } },
      updatedAt: new Date(),
    });
    await handleMessage(ctx, { text: '送料は？', seq: 2, intent: undefined });
    expect(bot.asked[1]?.state).toEqual({ misses: 2, greeting: { shownAt: '2026-12-01T02:00:00.000Z' } });
  });

  test.each([
    { name: 'too long', text: 'あ'.repeat(201), code: 'CHAT_ERR_TEXT_TOO_LONG' },
    { name: 'blank', text: ' \u0000 ', code: 'CHAT_ERR_INVALID_FRAME' },
  ])('a $name message is refused before anything is stored', async ({ text, code }) => {
    const ctx = context(chatDependencies(storage, scriptedBot()));
    await handleMessage(ctx, { text, seq: 4, intent: undefined });
    expect(trace(events)).toEqual(['send:error']);
    expect(sentFrames(events)[0]).toMatchObject({ code, seq: 4 });
  });
});
