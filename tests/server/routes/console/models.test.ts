/**
 * Training and publishing through the console API, against the real app: the corpus is edited in the
 * database, a model is trained in a worker, compared with the live one, published (a chat that stayed
 * connected gets the new answer), refused when worse unless an admin overrides, and rolled back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { ChatClient, startTestApp, type TestApp } from '../../../helpers/test-app.ts';

/** Trains the current corpus and waits until the version is ready; returns its id. */
async function trainAndWait(app: TestApp, client: ConsoleClient): Promise<string> {
  const started = await client.call('POST', '/models/train');
  expect(started.status).toBe(202);
  await app.fastify.training.settled(started.body.id);
  const detail = await client.call('GET', `/models/${started.body.id}`);
  expect(detail.body.version.status).toBe('ready');
  return started.body.id;
}

/** Asks one question on an open chat and returns the reply's markdown. */
async function ask(chat: ChatClient, text: string, seq: number): Promise<string> {
  chat.send({ type: 'message', text, seq });
  await chat.next('ack');
  return String((await chat.next('reply')).markdown);
}

describe('console training and publishing', () => {
  let app: TestApp;
  let editor: ConsoleClient;
  let admin: ConsoleClient;
  let operator: ConsoleClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { CONSOLE_CV_FOLDS: '2' } });
    editor = await staffClient(app.fastify, 'editor');
    admin = await staffClient(app.fastify, 'admin');
    operator = await staffClient(app.fastify, 'operator');
  });
  afterAll(async () => app.close());

  it('seeds the database corpus from the app corpus on first start', async () => {
    const list = await editor.call('GET', '/intents?locale=ja');
    expect(list.status).toBe(200);
    expect(list.body.intents.map((i: { id: string }) => i.id)).toContain('shipping.fee');
    const search = await editor.call('GET', `/intents?q=${encodeURIComponent('配送料')}`);
    expect(search.body.intents.map((i: { id: string }) => i.id)).toEqual(['shipping.fee']);
  });

  it('publishes an edited answer and an open chat gets it without reconnecting', async () => {
    const chat = await ChatClient.connect(app.url);
    chat.send({ type: 'hello' });
    await chat.next('welcome');
    expect(await ask(chat, '送料はいくら', 1)).toContain('送料は');

    const stored = await editor.call('GET', '/intents/ja/shipping.fee');
    const intent = {
      ...stored.body.intent,
      utterances: [...stored.body.intent.utterances, '配送料金はおいくらですか'],
      tests: ['送料っていくらですか', '配送料を教えてください'],
      answer: '送料は全国一律です（新しい回答）。',
    };
    const saved = await editor.call('PUT', '/intents/ja/shipping.fee', { domain: 'test', intent });
    expect(saved.status).toBe(200);
    expect(Array.isArray(saved.body.lint)).toBe(true);
    // Saved, not published: shoppers still get the old answer.
    expect(await ask(chat, '送料はいくら', 2)).not.toContain('新しい回答');

    const versionId = await trainAndWait(app, editor);
    const detail = await editor.call('GET', `/models/${versionId}`);
    expect(detail.body.evaluation.candidate.ja.crossValidation.folds).toBe(2);
    expect(detail.body.comparison.worse).toBe(false);
    expect(detail.body.comparison.intents).toContainEqual(
      expect.objectContaining({ locale: 'ja', intent: 'shipping.fee', total: 2 }),
    );

    const published = await editor.call('POST', `/models/${versionId}/publish`, {});
    expect(published.status).toBe(200);
    expect(published.body.liveVersionId).toBe(versionId);
    expect(published.body.publications[0]).toMatchObject({ versionId, publishedByName: 'editor tester' });
    expect(published.body.versions[0]).toMatchObject({ id: versionId, createdByName: 'editor tester' });
    expect((await editor.call('GET', '/intents/ja/shipping.fee')).body.updatedByName).toBe('editor tester');
    expect(await ask(chat, '送料はいくら', 3)).toContain('新しい回答');
    expect(chat.closeCode).toBeUndefined();
    chat.close();
  });

  it('gives the answer preview the shop values of every placeholder', async () => {
    const shop = await editor.call('GET', '/shop');
    expect(shop.status).toBe(200);
    expect(shop.body.placeholders.ja.shopName).toBe('すこやか定期便ストア');
    expect(shop.body.placeholders.en.shippingFee).toMatch(/^¥/);
    expect((await operator.call('GET', '/shop')).status).toBe(403);
  });

  it('tries a phrase on the live model and on a given version', async () => {
    const live = await editor.call('POST', '/try', { text: '送料はいくらですか' });
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ locale: 'ja', decision: 'answer', intent: 'shipping.fee' });
    expect(live.body.answer).toContain('新しい回答');
    expect(live.body.candidates[0]).toMatchObject({ intent: 'shipping.fee' });
    const none = await editor.call('POST', '/try', { text: '宇宙の大きさを知りたい' });
    expect(none.body.decision).toBe('none');
    expect(none.body.reason).toEqual(expect.any(String));
    const story = await editor.call('POST', '/try', {
      text: 'お試しのつもりで注文しました。今月また届きました。定期便を解約したいです。',
    });
    expect(story.body).toMatchObject({ clause: expect.stringContaining('解約'), otherCompany: null });
    const other = await editor.call('POST', '/try', { text: 'Amazonの定期便を解約したい' });
    expect(other.body).toMatchObject({ decision: 'none', reason: 'other-company', otherCompany: 'amazon' });
  });

  it('refuses a worse model, lets only an admin override it with a reason, and keeps the history', async () => {
    // Held-out tests the live model passes, then a corpus edit that wrecks the intent.
    const stored = await editor.call('GET', '/intents/ja/subscription.cancel');
    const withTests = {
      ...stored.body.intent,
      tests: ['定期便を解約したいです', '定期購入を止めたいです', '解約方法を知りたい'],
    };
    await editor.call('PUT', '/intents/ja/subscription.cancel', { domain: 'test', intent: withTests });
    const good = await trainAndWait(app, editor);
    expect((await editor.call('POST', `/models/${good}/publish`, {})).status).toBe(200);

    const wrecked = {
      ...withTests,
      utterances: ['ポイントの有効期限', 'クーポンの使い方', 'ギフト包装はできますか'],
    };
    await editor.call('PUT', '/intents/ja/subscription.cancel', { domain: 'test', intent: wrecked });
    const worse = await trainAndWait(app, editor);
    const detail = await editor.call('GET', `/models/${worse}`);
    expect(detail.body.comparison.worse).toBe(true);
    expect(detail.body.comparison.reasons).toContainEqual(
      expect.objectContaining({
        code: 'PUBLISH_GATE_SCORE_DROPPED',
        locale: 'ja',
        measure: 'in-scope-accuracy',
      }),
    );

    const refused = await editor.call('POST', `/models/${worse}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONSOLE_ERR_MODEL_WORSE');
    expect(refused.body.details.comparison.worse).toBe(true);
    const editorOverride = await editor.call('POST', `/models/${worse}/publish`, {
      overrideReason: 'trust me',
    });
    expect(editorOverride.status).toBe(403);
    expect((await editor.call('GET', '/models')).body.liveVersionId).toBe(good);

    const overridden = await admin.call('POST', `/models/${worse}/publish`, {
      overrideReason: 'campaign starts now',
    });
    expect(overridden.status).toBe(200);
    expect(overridden.body.liveVersionId).toBe(worse);
    expect(overridden.body.publications[0]).toMatchObject({
      versionId: worse,
      overridden: true,
      reason: 'campaign starts now',
    });

    const rolledBack = await editor.call('POST', `/models/${good}/rollback`, { reason: 'answers got worse' });
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body.liveVersionId).toBe(good);
    expect(app.fastify.botRuntime.live()?.versionId).toBe(good);
    const tried = await editor.call('POST', '/try', { text: '定期便を解約したいです' });
    expect(tried.body.intent).toBe('subscription.cancel');
    expect(rolledBack.body.publications.map((p: { versionId: string }) => p.versionId).slice(0, 3)).toEqual([
      good,
      worse,
      good,
    ]);
  });

  it('compares a version with the model live now, not the one live when it was trained', async () => {
    const first = await trainAndWait(app, editor);
    const second = await trainAndWait(app, editor);
    expect(
      (await admin.call('POST', `/models/${first}/publish`, { overrideReason: 'make it live' })).status,
    ).toBe(200);
    const detail = await editor.call('GET', `/models/${second}`);
    expect(detail.body.evaluation.liveVersionId).not.toBe(first);
    expect(detail.body.comparison.intents.length).toBeGreaterThan(0);
    for (const row of detail.body.comparison.intents) expect(row.liveCorrect).toEqual(expect.any(Number));
    expect((await editor.call('GET', `/models/${second}`)).body.comparison).toEqual(detail.body.comparison);
  });

  it('scores both models on the live tests too: a deleted intent counts as missed and blocks publishing', async () => {
    const stored = await editor.call('GET', '/intents/ja/subscription.cancel');
    // Utterances of its own again (an earlier test wrecked them), so the live model passes its tests.
    const withTests = {
      ...stored.body.intent,
      utterances: ['定期便を解約したい', '解約したい', '定期購入をやめたい', '解約の手続きをしたい'],
      tests: ['定期便を解約したいです', '解約方法を知りたい'],
    };
    await editor.call('PUT', '/intents/ja/subscription.cancel', { domain: 'test', intent: withTests });
    const good = await trainAndWait(app, editor);
    expect((await admin.call('POST', `/models/${good}/publish`, { overrideReason: 'baseline' })).status).toBe(
      200,
    );

    expect((await editor.call('DELETE', '/intents/ja/subscription.cancel')).status).toBe(204);
    const without = await trainAndWait(app, editor);
    const detail = await editor.call('GET', `/models/${without}`);
    expect(detail.body.comparison.worse).toBe(true);
    expect(detail.body.comparison.intents).toContainEqual(
      expect.objectContaining({ locale: 'ja', intent: 'subscription.cancel', total: 2, candidateCorrect: 0 }),
    );
    const refused = await editor.call('POST', `/models/${without}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONSOLE_ERR_MODEL_WORSE');
    await editor.call('PUT', '/intents/ja/subscription.cancel', { domain: 'test', intent: withTests });
  });

  it('needs an admin’s reason to publish a model without an intent shoppers were answered with', async () => {
    const stored = await editor.call('GET', '/intents/ja/shipping.fee');
    const chat = await ChatClient.connect(app.url);
    chat.send({ type: 'hello' });
    await chat.next('welcome');
    await ask(chat, '送料はいくら', 1);
    chat.close();
    expect((await editor.call('DELETE', '/intents/ja/shipping.fee')).status).toBe(204);
    // Without tests of its own in the candidate, only the traffic shows what the deletion costs.
    const without = await trainAndWait(app, editor);
    const detail = await editor.call('GET', `/models/${without}`);
    expect(detail.body.comparison.worse).toBe(true);
    expect(detail.body.comparison.reasons).toContainEqual(
      expect.objectContaining({ code: 'PUBLISH_GATE_INTENT_REMOVED', locale: 'ja', intent: 'shipping.fee' }),
    );
    const refused = await editor.call('POST', `/models/${without}/publish`, {});
    expect(refused.body.code).toBe('CONSOLE_ERR_MODEL_WORSE');
    await editor.call('PUT', '/intents/ja/shipping.fee', { domain: 'test', intent: stored.body.intent });
  });

  it('refuses a second training while one runs', async () => {
    const first = await editor.call('POST', '/models/train');
    const second = await editor.call('POST', '/models/train');
    expect(first.status).toBe(202);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('CONSOLE_ERR_TRAINING_RUNNING');
    await app.fastify.training.settled(first.body.id);
  });

  it('trains again at once after a training whose process died (no heartbeat for a minute)', async () => {
    const dead = await app.fastify.modelStore.createVersion({
      corpus: [],
      corpusHash: 'dead-process',
      engineVersion: 'e',
      createdBy: null,
      now: new Date(Date.now() - 2 * 60_000),
    });
    const started = await editor.call('POST', '/models/train');
    expect(started.status).toBe(202);
    await app.fastify.training.settled(started.body.id);
    const detail = await editor.call('GET', `/models/${dead.id}`);
    expect(detail.body.version.status).toBe('failed');
  });

  it('refuses to train a corpus beyond the documented limits', async () => {
    const stored = await editor.call('GET', '/intents/ja/shipping.fee');
    const huge = {
      ...stored.body.intent,
      utterances: Array.from({ length: 20_001 }, (_, i) => `送料${i}`),
    };
    expect(
      (await editor.call('PUT', '/intents/ja/shipping.fee', { domain: 'test', intent: huge })).status,
    ).toBe(200);
    const refused = await editor.call('POST', '/models/train');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CONSOLE_ERR_CORPUS_TOO_LARGE');
    await editor.call('PUT', '/intents/ja/shipping.fee', { domain: 'test', intent: stored.body.intent });
  });

  it('lets an operator neither train nor publish', async () => {
    const list = await editor.call('GET', '/models');
    const someVersion = list.body.versions[0].id;
    expect((await operator.call('POST', '/models/train')).status).toBe(403);
    const publish = await operator.call('POST', `/models/${someVersion}/publish`, {});
    expect(publish.status).toBe(403);
    expect(publish.body.code).toBe('CONSOLE_ERR_FORBIDDEN');
  });

  it('refuses an intent whose id differs from the URL and an intent that breaks the schema', async () => {
    const mismatch = await editor.call('PUT', '/intents/ja/shipping.fee', {
      domain: 'test',
      intent: { id: 'other.intent', title: 'x', utterances: ['a'] },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.code).toBe('CONSOLE_ERR_INTENT_ID_MISMATCH');
    const invalid = await editor.call('PUT', '/intents/ja/shipping.fee', {
      domain: 'test',
      intent: { id: 'shipping.fee', title: 'x', utterances: [] },
    });
    expect(invalid.status).toBe(400);
  });

  it('exports the corpus as YAML files and imports them back', async () => {
    const exported = await editor.call('GET', '/corpus/export');
    expect(exported.status).toBe(200);
    const paths = exported.body.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['ja/test.yaml', 'en/test.yaml']));
    const imported = await editor.call('POST', '/corpus/import', exported.body);
    expect(imported.status).toBe(200);
    const broken = await editor.call('POST', '/corpus/import', {
      files: [{ path: 'ja/test.yaml', content: 'locale: en\ndomain: test\nintents: []\n' }],
    });
    expect(broken.status).toBe(400);
    expect((await editor.call('GET', '/intents/ja/shipping.fee')).status).toBe(200);
  });
});
