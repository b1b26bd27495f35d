/**
 * Two app instances on one PostgreSQL schema: an operator's reply written through one instance's
 * console reaches a widget whose socket is open on the other, at once (LISTEN/NOTIFY carries the news;
 * the other instance reads the stored message and sends it).
 */
import { describe, expect, it } from 'vitest';
import { staffClient } from '../../helpers/console-client.ts';
import { completeHandoff } from '../../helpers/handoff.ts';
import { ChatClient } from '../../helpers/test-app.ts';
import { twoInstancesOnPostgres } from '../../helpers/two-instances.ts';

describe('staff replies between instances', () => {
  const instances = twoInstancesOnPostgres();

  it('news travel by PostgreSQL', () => {
    const { first } = instances;
    expect(first.fastify.conversationNews.kind).toBe('postgres');
  });

  it('a reply through one instance reaches the chat open on the other at once', async () => {
    const { first, second } = instances;
    const chat = await ChatClient.connect(second.url);
    chat.send({ type: 'hello' });
    const welcome = await chat.next('welcome');
    await completeHandoff(chat, { seq: 1, email: 'hanako@example.jp' });
    const escalation = (await first.fastify.storage.listEscalations()).find(
      (e) => e.conversationId === welcome.conversationId,
    );
    const operator = await staffClient(first.fastify, 'operator');
    const response = await operator.call('POST', `/escalations/${escalation!.id}/reply`, {
      text: '別のインスタンスからのご返信です。',
    });
    expect(response.body.via).toBe('web');
    const live = await chat.next('staff-reply', 3000);
    expect(live.message).toMatchObject({
      id: response.body.message.id,
      text: '別のインスタンスからのご返信です。',
    });
    chat.close();
  });
});
