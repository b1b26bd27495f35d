import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ChatSession } from '../../../server/chat/chat-session.ts';
import type { ShopperTokenVerifier } from '../../../server/identity/shopper-token-verifier.ts';
import type { ServerFrame } from '../../../server/schemas/protocol.ts';
import type { Storage } from '../../../server/storage/repository.ts';
import { chatDependencies, type Event, recordedStorage, scriptedBot } from '../../helpers/chat-turn.ts';

/** A verifier that accepts `good:<id>` tokens and counts its calls. */
function countingVerifier(): ShopperTokenVerifier & { calls: number } {
  const verifier = {
    calls: 0,
    async verify(token: string) {
      verifier.calls += 1;
      return token.startsWith('good:')
        ? { ok: true as const, shopper: { customerId: token.slice(5) } }
        : { ok: false as const, code: 'CHAT_ERR_SHOPPER_TOKEN_INVALID' as const, reason: 'test' };
    },
  };
  return verifier;
}

describe('identity step', () => {
  let storage: Storage;
  let close: () => Promise<void>;
  let sent: ServerFrame[];
  const warnings: object[] = [];

  beforeEach(async () => {
    const events: Event[] = [];
    sent = [];
    warnings.length = 0;
    ({ storage, close } = await recordedStorage(events));
  });
  afterEach(async () => close());

  function session(verifier?: ShopperTokenVerifier): ChatSession {
    const deps = chatDependencies(storage, scriptedBot(), {
      ...(verifier ? { shopperTokens: verifier } : {}),
      log: { warn: (obj: object) => warnings.push(obj), error: () => {} },
    });
    return new ChatSession(deps, (f) => sent.push(f));
  }

  test('verifies the token once per connection, at hello, not for each message', async () => {
    const verifier = countingVerifier();
    const chat = session(verifier);
    await chat.handleRaw(JSON.stringify({ type: 'hello', shopper: 'good:c-1' }));
    for (const seq of [1, 2, 3])
      await chat.handleRaw(JSON.stringify({ type: 'message', text: '送料は？', seq }));
    expect(verifier.calls).toBe(1);
    expect(sent.filter((f) => f.type === 'reply')).toHaveLength(3);
    expect((await storage.getConversation(chat.conversationId!))?.customerId).toBe('c-1');
  });

  test('a token sent while no key is configured is refused, logged without the token, and the chat goes on', async () => {
    const chat = session();
    await chat.handleRaw(JSON.stringify({ type: 'hello', shopper: 'good:c-1' }));
    expect(sent.map((f) => (f.type === 'error' ? f.code : f.type))).toEqual([
      'CHAT_ERR_SHOPPER_TOKEN_INVALID',
      'welcome',
    ]);
    expect(warnings).toEqual([expect.objectContaining({ reason: 'SHOPPER_TOKEN_NOT_CONFIGURED' })]);
    expect(JSON.stringify(warnings)).not.toContain('good:c-1');
    expect((await storage.getConversation(chat.conversationId!))?.customerId).toBeNull();
  });

  test('a shopper frame before any conversation only changes who is chatting; the first message binds', async () => {
    const chat = session(countingVerifier());
    await chat.handleRaw(JSON.stringify({ type: 'shopper', shopper: 'good:c-2' }));
    expect(sent).toEqual([{ type: 'shopper-ack', verified: true }]);
    await chat.handleRaw(JSON.stringify({ type: 'message', text: '送料は？', seq: 1 }));
    expect((await storage.getConversation(chat.conversationId!))?.customerId).toBe('c-2');
  });

  test('a refused refresh leaves a bound conversation: the connection is anonymous now', async () => {
    const chat = session(countingVerifier());
    await chat.handleRaw(JSON.stringify({ type: 'hello', shopper: 'good:c-3' }));
    const bound = chat.conversationId;
    await chat.handleRaw(JSON.stringify({ type: 'shopper', shopper: 'bad' }));
    expect(sent.slice(1).map((f) => (f.type === 'error' ? f.code : f.type))).toEqual([
      'CHAT_ERR_SHOPPER_TOKEN_INVALID',
      'welcome',
      'shopper-ack',
    ]);
    expect(chat.conversationId).not.toBe(bound);
    expect((await storage.getConversation(chat.conversationId!))?.customerId).toBeNull();
  });
});
