/**
 * The corpus editor's API against the real app: an import cannot wipe the corpus by accident, every
 * change is kept in the history and any earlier corpus can be restored, and a body from someone not
 * signed in (or without the role) is refused before it is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import { type BuiltTestApp, buildTestApp } from '../../../helpers/test-app.ts';

interface Change {
  changeId: string;
  change: string;
  byName: string | null;
  revisions: number;
}

describe('console corpus', () => {
  let app: BuiltTestApp;
  let editor: ConsoleClient;
  let operator: ConsoleClient;

  beforeAll(async () => {
    app = await buildTestApp();
    editor = await staffClient(app.fastify, 'editor');
    operator = await staffClient(app.fastify, 'operator');
  });
  afterAll(async () => app.close());

  const intentIds = async (): Promise<string[]> =>
    (await editor.call('GET', '/intents')).body.intents.map(
      (i: { locale: string; id: string }) => `${i.locale}:${i.id}`,
    );

  it('refuses an empty import, and one that keeps none of the intents, without removeAll', async () => {
    const before = await intentIds();
    expect(before.length).toBeGreaterThan(0);
    const empty = await editor.call('POST', '/corpus/import', { files: [] });
    expect(empty.status).toBe(409);
    expect(empty.body.code).toBe('CONSOLE_ERR_IMPORT_REMOVES_ALL');
    const other = await editor.call('POST', '/corpus/import', {
      files: [
        {
          path: 'ja/other.yaml',
          content:
            'locale: ja\ndomain: other\nintents:\n  - id: other.thing\n    title: 別\n    utterances: [べつのこと]\n',
        },
      ],
    });
    expect(other.status).toBe(409);
    expect(await intentIds()).toEqual(before);
  });

  it('restores the corpus from before an import that removed everything', async () => {
    const before = await intentIds();
    const wiped = await editor.call('POST', '/corpus/import', { files: [], removeAll: true });
    expect(wiped.status).toBe(200);
    expect(await intentIds()).toEqual([]);

    const history = await editor.call('GET', '/corpus/history');
    expect(history.status).toBe(200);
    const changes = history.body.changes as Change[];
    expect(changes[0]).toMatchObject({ change: 'import', byName: 'editor tester', revisions: before.length });
    const restored = await editor.call('POST', `/corpus/history/${changes[1]!.changeId}/restore`);
    expect(restored).toMatchObject({ status: 200, body: { intents: before.length } });
    expect(await intentIds()).toEqual(before);
    const after = (await editor.call('GET', '/corpus/history')).body.changes as Change[];
    expect(after[0]?.change).toBe('restore');
  });

  it('keeps a deleted intent in the history and can bring it back', async () => {
    const deleted = await editor.call('DELETE', '/intents/ja/shipping.fee');
    expect(deleted.status).toBe(204);
    const [deletion, beforeDeletion] = (await editor.call('GET', '/corpus/history')).body.changes as Change[];
    expect(deletion?.change).toBe('delete');
    await editor.call('POST', `/corpus/history/${beforeDeletion!.changeId}/restore`);
    expect((await editor.call('GET', '/intents/ja/shipping.fee')).status).toBe(200);
  });

  it('answers 404 for an unknown change and keeps restoring from operators', async () => {
    const unknown = await editor.call('POST', '/corpus/history/00000000-0000-4000-8000-000000000000/restore');
    expect(unknown.status).toBe(404);
    const [latest] = (await editor.call('GET', '/corpus/history')).body.changes as Change[];
    const forbidden = await operator.call('POST', `/corpus/history/${latest!.changeId}/restore`);
    expect(forbidden.status).toBe(403);
  });

  it('refuses an anonymous body before parsing it (401, not a JSON error)', async () => {
    const response = await app.fastify.inject({
      method: 'POST',
      url: '/api/console/corpus/import',
      headers: { 'content-type': 'application/json' },
      payload: '{"files": [',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('CONSOLE_ERR_UNAUTHENTICATED');
  });

  it('refuses a 19 MiB import from someone not signed in, or without the role, before reading it', async () => {
    const big = `{"files":[{"path":"ja/x.yaml","content":"${'a'.repeat(19 * 1024 * 1024)}"}]}`;
    const anonymous = await app.fastify.inject({
      method: 'POST',
      url: '/api/console/corpus/import',
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    expect(anonymous.statusCode).toBe(401);
    const wrongRole = await app.fastify.inject({
      method: 'POST',
      url: '/api/console/corpus/import',
      headers: {
        'content-type': 'application/json',
        cookie: operator.cookie,
        'x-csrf-token': operator.csrfToken,
      },
      payload: big,
    });
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().code).toBe('CONSOLE_ERR_FORBIDDEN');
  });

  it('refuses a body above the general limit on other console routes even when signed in', async () => {
    const response = await editor.call('POST', '/corpus/lint', {
      draft: { filler: 'a'.repeat(2 * 1024 * 1024) },
    });
    expect(response.status).toBe(413);
  });
});
