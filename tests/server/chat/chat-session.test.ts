import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ChatSession } from '../../../server/chat/chat-session.ts';
import { ChatLimitError } from '../../../server/limits/chat-limit-error.ts';
import type { ServerFrame } from '../../../server/schemas/protocol.ts';
import type { Storage } from '../../../server/storage/repository.ts';
import {
  botReply,
  chatDependencies,
  type Event,
  recordedStorage,
  scriptedBot,
} from '../../helpers/chat-turn.ts';

describe('ChatSession', () => {
  let storage: Storage;
  let close: () => Promise<void>;
  let sent: ServerFrame[];

  beforeEach(async () => {
    const events: Event[] = [];
    sent = [];
    ({ storage, close } = await recordedStorage(events));
  });
  afterEach(async () => close());

  const types = () => sent.map((f) => (f.type === 'error' ? `error:${f.code}` : f.type));

  test('answers frames one at a time, in the order they came', async () => {
    const session = new ChatSession(chatDependencies(storage, scriptedBot()), (f) => sent.push(f));
    void session.handleRaw(JSON.stringify({ type: 'hello' }));
    void session.handleRaw(JSON.stringify({ type: 'message', text: '送料は？', seq: 1 }));
    await session.handleRaw(JSON.stringify({ type: 'ping' }));
    expect(types()).toEqual(['welcome', 'ack', 'reply', 'pong']);
    expect(session.conversationId).toEqual(expect.any(String));
  });

  test('a frame over the socket rate is refused on arrival with its seq, and nothing is stored', async () => {
    let tokens = 1;
    const deps = chatDependencies(storage, scriptedBot(), { admit: () => tokens-- > 0 });
    const session = new ChatSession(deps, (f) => sent.push(f));
    void session.handleRaw(JSON.stringify({ type: 'ping' }));
    await session.handleRaw(JSON.stringify({ type: 'message', text: '送料は？', seq: 9 }));
    expect(sent).toEqual([
      { type: 'pong' },
      expect.objectContaining({ code: 'CHAT_ERR_RATE_LIMITED', seq: 9 }),
    ]);
    expect(session.conversationId).toBeUndefined();
  });

  test('the per-client limits are asked for the message and, before a conversation exists, for the conversation', async () => {
    const asked: string[] = [];
    const deps = chatDependencies(storage, scriptedBot(), {
      admitClient: async (kind) => {
        asked.push(kind);
        return kind === 'message';
      },
    });
    const session = new ChatSession(deps, (f) => sent.push(f));
    await session.handleRaw(JSON.stringify({ type: 'message', text: '送料は？', seq: 2 }));
    expect(asked).toEqual(['message', 'conversation']);
    expect(sent).toEqual([expect.objectContaining({ code: 'CHAT_ERR_CLIENT_RATE_LIMITED', seq: 2 })]);
  });

  test.each([
    { name: 'not JSON', raw: '{', code: 'CHAT_ERR_MALFORMED_JSON' },
    { name: 'an unknown type', raw: '{"type":"shout"}', code: 'CHAT_ERR_UNKNOWN_TYPE' },
    { name: 'a bad field', raw: '{"type":"message","text":""}', code: 'CHAT_ERR_INVALID_FRAME' },
  ])('a frame that is $name gets $code and the session keeps serving', async ({ raw, code }) => {
    const session = new ChatSession(chatDependencies(storage, scriptedBot()), (f) => sent.push(f));
    void session.handleRaw(raw);
    await session.handleRaw(JSON.stringify({ type: 'ping' }));
    expect(types()).toEqual([`error:${code}`, 'pong']);
  });

  test('a limit found deep in a message (the handoff limit) is its answer, not an internal error', async () => {
    const errors: string[] = [];
    const bot = scriptedBot(() =>
      botReply({
        decision: 'handoff',
        handoff: {
          id: 'h',
          reason: 'user-requested',
          email: 'a@example.jp',
          summary: null,
          startedAt: '2026-12-01T03:00:00.000Z',
          promise: { open: true, nextOpening: null, text: '' },
        },
      }),
    );
    const deps = chatDependencies(storage, bot, {
      escalations: {
        record: async () => {
          throw new ChatLimitError('CHAT_ERR_HANDOFF_RATE_LIMITED', 60_000);
        },
      },
      log: { warn() {}, error: (_obj, msg) => errors.push(msg) },
    });
    const session = new ChatSession(deps, (f) => sent.push(f));
    await session.handleRaw(
      JSON.stringify({ type: 'message', text: 'スタッフ', seq: 3, intent: 'human_agent' }),
    );
    expect(types()).toEqual(['welcome', 'ack', 'error:CHAT_ERR_HANDOFF_RATE_LIMITED']);
    expect(sent.at(-1)).toMatchObject({ seq: 3 });
    expect(errors).toEqual([]);
  });

  test('a failure while handling a message is logged and answered CHAT_ERR_INTERNAL with its seq', async () => {
    const errors: string[] = [];
    const bot = scriptedBot(() => {
      throw new Error('broken');
    });
    const deps = chatDependencies(storage, bot, {
      log: { warn() {}, error: (_obj, msg) => errors.push(msg) },
    });
    const session = new ChatSession(deps, (f) => sent.push(f));
    await session.handleRaw(JSON.stringify({ type: 'message', text: '送料は？', seq: 5 }));
    expect(types()).toEqual(['welcome', 'ack', 'error:CHAT_ERR_INTERNAL']);
    expect(sent.at(-1)).toMatchObject({ seq: 5 });
    expect(errors).toEqual(['chat frame failed']);
  });

  test('a hello with an unknown token is refused in the locale it asked for', async () => {
    const session = new ChatSession(chatDependencies(storage, scriptedBot()), (f) => sent.push(f));
    await session.handleRaw(JSON.stringify({ type: 'hello', token: 'x'.repeat(43), locale: 'en' }));
    expect(sent).toEqual([expect.objectContaining({ code: 'CHAT_ERR_TOKEN_INVALID', seq: null })]);
    expect(sent[0]?.type === 'error' && sent[0].message).toMatch(/[a-z]/u);
  });

  test('feedback and a dismissed greeting reach their steps', async () => {
    const session = new ChatSession(chatDependencies(storage, scriptedBot()), (f) => sent.push(f));
    void session.handleRaw(JSON.stringify({ type: 'message', text: '送料は？', seq: 1 }));
    await session.handleRaw(JSON.stringify({ type: 'greeting-dismissed' }));
    const reply = sent.find((f) => f.type === 'reply');
    const messageId = reply?.type === 'reply' ? reply.messageId : '';
    await session.handleRaw(JSON.stringify({ type: 'feedback', messageId, value: 'helpful' }));
    expect(sent.at(-1)).toEqual({ type: 'feedback-ack', messageId, value: 'helpful' });
    const conversation = await storage.getConversation(session.conversationId ?? '');
    expect(conversation?.state).toMatchObject({ greeting: { dismissedAt: expect.any(String) } });
  });
});
