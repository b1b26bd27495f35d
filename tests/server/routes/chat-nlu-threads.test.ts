/**
 * NLU_THREADS=1: the chat predicts on a worker thread and answers exactly as without it.
 */
import { describe, expect, it } from 'vitest';
import { useChatRoute } from '../../helpers/chat-route.ts';

describe('/chat with prediction threads', () => {
  const app = useChatRoute({ env: { NLU_THREADS: '1' } });

  it('answers through the prediction thread', async () => {
    const bot = app.fastify.botRuntime.current();
    expect(bot).toBeDefined();
    const predict = app.fastify.botRuntime.predictorFor(bot!);
    expect(predict).toBeDefined();
    expect((await predict!('送料はいくら', 'ja')).result.decision.intent).toBe('shipping.fee');

    const client = await app.open();
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    await client.next('ack');
    expect(await client.next('reply')).toMatchObject({ decision: 'answer', intent: 'shipping.fee' });
    client.send({ type: 'message', text: 'how much is shipping', seq: 2 });
    await client.next('ack');
    expect(await client.next('reply')).toMatchObject({ intent: 'shipping.fee', locale: 'en' });
    client.close();
  });
});
