/**
 * Two app instances on one PostgreSQL schema: a model published through one instance's console reaches
 * the other through LISTEN/NOTIFY (the periodic check is off here), and a chat open on the other
 * instance gets the new answer without reconnecting.
 */
import { describe, expect, it } from 'vitest';
import { staffClient } from '../../helpers/console-client.ts';
import { ChatClient } from '../../helpers/test-app.ts';
import { twoInstancesOnPostgres } from '../../helpers/two-instances.ts';
import { waitFor } from '../../helpers/wait-for.ts';

describe('model sync between instances', () => {
  const instances = twoInstancesOnPostgres();

  it('swaps the model on the other instance within seconds of a publication', async () => {
    const { first, second } = instances;
    const chat = await ChatClient.connect(second.url);
    chat.send({ type: 'hello' });
    await chat.next('welcome');

    const editor = await staffClient(first.fastify, 'editor');
    const stored = await editor.call('GET', '/intents/ja/shipping.fee');
    const intent = { ...stored.body.intent, answer: '送料は全国一律です（全インスタンス）。' };
    expect((await editor.call('PUT', '/intents/ja/shipping.fee', { domain: 'test', intent })).status).toBe(
      200,
    );
    const started = await editor.call('POST', '/models/train');
    await first.fastify.training.settled(started.body.id);
    expect((await editor.call('POST', `/models/${started.body.id}/publish`, {})).status).toBe(200);

    await waitFor(
      () => second.fastify.botRuntime.live()?.versionId === started.body.id,
      'the model on the second instance',
      {
        timeoutMs: 5000,
      },
    );
    chat.send({ type: 'message', text: '送料はいくら', seq: 1 });
    await chat.next('ack');
    expect(String((await chat.next('reply')).markdown)).toContain('全インスタンス');
    expect(chat.closeCode).toBeUndefined();
    chat.close();
  });
});
