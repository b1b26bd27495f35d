/**
 * NLU_THREADS=1: the chat predicts on a worker thread and answers exactly as without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, startTestApp, type TestApp } from '../../helpers/test-app.ts';

describe('/chat with prediction threads', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { NLU_THREADS: '1' } });
  });
  afterAll(async () => app.close());

  it('answers through the prediction thread', async () => {
    const bot = app.fastify.botRuntime.current();
    expect(bot).toBeDefined();
    const predict = app.fastify.botRuntime.predictorFor(bot!);
    expect(predict).toBeDefined();
    expect((await predict!('送料はいくら', 'ja')).result.decision.intent).toBe('shipping.fee');

    const client = await ChatClient.connect(app.url);
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    await client.next('ack');
    expect(await client.next('reply')).toMatchObject({ decision: 'answer', intent: 'shipping.fee' });
    client.send({ type: 'message', text: 'how much is shipping', seq: 2 });
    await client.next('ack');
    expect(await client.next('reply')).toMatchObject({ intent: 'shipping.fee', locale: 'en' });
    client.close();
  });
});
