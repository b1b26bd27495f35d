/**
 * The corpus editor's API: list and search intents, read, save (create or replace) and delete one
 * intent of one locale, lint (with an unsaved draft), and export / import in the YAML file format.
 * Saving changes only the database corpus; shoppers see it after the next training is published.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { lintCorpus } from '../../../bot/corpus/lint-corpus.ts';
import { type Corpus, CorpusFormatError, type LoadedIntent } from '../../../bot/corpus/load-corpus.ts';
import { normalizeText } from '../../../bot/nlu/normalize.ts';
import { fromCorpusFiles, toCorpusFiles } from '../../console/corpus-files.ts';
import { corpusLimitProblem } from '../../console/corpus-limits.ts';
import { removesEveryIntent } from '../../console/import-guard.ts';
import { ConsoleHttpError } from '../../plugins/console-auth.ts';
import {
  CorpusChangeParams,
  CorpusFiles,
  CorpusHistory,
  ImportCorpusBody,
  IntentList,
  IntentListQuery,
  IntentParams,
  LintBody,
  LintResult,
  RestoreResult,
  SaveIntentBody,
  SaveIntentResult,
  StoredIntent,
} from '../../schemas/console-api.ts';
import { type StoredCorpusIntent, toLoadedIntent } from '../../storage/corpus-store.ts';
import { consoleRouteSchema } from './route-schema.ts';

function toView(stored: StoredCorpusIntent, names: Map<string, string>): StoredIntent {
  return {
    locale: stored.locale,
    domain: stored.domain,
    intent: stored.intent,
    updatedAt: stored.updatedAt.toISOString(),
    updatedBy: stored.updatedBy,
    updatedByName: stored.updatedBy === null ? null : (names.get(stored.updatedBy) ?? null),
  };
}

/** Does the intent mention the search text (id, title, description, utterances, tests, answer)? */
function matches(stored: StoredCorpusIntent, needle: string): boolean {
  const { intent } = stored;
  return [
    intent.id,
    intent.title,
    intent.description ?? '',
    intent.answer ?? '',
    ...intent.utterances,
    ...(intent.tests ?? []),
  ].some((text) => normalizeText(text).includes(needle));
}

/** The corpus with one intent replaced (or added). */
function withDraft(corpus: Corpus, draft: LoadedIntent): Corpus {
  const others = corpus.intents.filter((i) => !(i.locale === draft.locale && i.id === draft.id));
  return { intents: [...others, draft] };
}

/** Changes the history lists (the newest); older ones stay stored. */
const HISTORY_SHOWN = 200;

const corpusRoutes: FastifyPluginAsync<{ now: () => Date }> = async (fastify, options) => {
  const read = fastify.consoleAuth.requirePermission('corpus:read');
  const write = fastify.consoleAuth.requirePermission('corpus:write');
  const store = fastify.corpusStore;

  fastify.get<{ Querystring: IntentListQuery }>(
    '/intents',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'corpus',
        summary: 'The intents, optionally of one locale and matching a search',
        description: '`q` is searched in ids, titles, descriptions, utterances, tests and answers.',
        access: read,
        querystring: IntentListQuery,
        response: { 200: IntentList },
      }),
      onRequest: read,
    },
    async (request) => {
      const needle = request.query.q ? normalizeText(request.query.q.trim()) : '';
      const intents = (await store.list(request.query.locale)).filter((i) => !needle || matches(i, needle));
      return {
        intents: intents.map((i) => ({
          locale: i.locale,
          id: i.intent.id,
          domain: i.domain,
          title: i.intent.title,
          utterances: i.intent.utterances.length,
          tests: i.intent.tests?.length ?? 0,
          hasAnswer: Boolean(i.intent.answer),
          updatedAt: i.updatedAt.toISOString(),
        })),
      } satisfies IntentList;
    },
  );

  fastify.get<{ Params: IntentParams }>(
    '/intents/:locale/:id',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'corpus',
        summary: 'One intent of one locale',
        access: read,
        params: IntentParams,
        response: { 200: StoredIntent },
        refusals: { 404: ['CONSOLE_ERR_NOT_FOUND'] },
      }),
      onRequest: read,
    },
    async (request) => {
      const stored = await store.get(request.params.locale, request.params.id);
      if (!stored) throw new ConsoleHttpError(404, 'CONSOLE_ERR_NOT_FOUND', 'No such intent.');
      return toView(stored, await fastify.staff.namesById());
    },
  );

  fastify.put<{ Params: IntentParams; Body: SaveIntentBody }>(
    '/intents/:locale/:id',
    {
      schema: consoleRouteSchema('PUT', {
        tag: 'corpus',
        summary: 'Create or replace one intent of one locale; returns the lint of the whole corpus',
        description: 'Shoppers see the change once a model trained on it is published.',
        access: write,
        params: IntentParams,
        body: SaveIntentBody,
        response: { 200: SaveIntentResult },
        refusals: { 400: ['CONSOLE_ERR_INTENT_ID_MISMATCH'] },
      }),
      onRequest: write,
    },
    async (request) => {
      const { locale, id } = request.params;
      const { domain, intent } = request.body;
      if (intent.id !== id) {
        throw new ConsoleHttpError(
          400,
          'CONSOLE_ERR_INTENT_ID_MISMATCH',
          `The body's intent id is ${intent.id}, the URL's ${id}.`,
        );
      }
      const saved = await store.save(
        locale,
        domain,
        intent,
        request.staffSession?.user.id ?? null,
        options.now(),
      );
      const lint = lintCorpus(await store.loadCorpus());
      return { intent: toView(saved, await fastify.staff.namesById()), lint } satisfies SaveIntentResult;
    },
  );

  fastify.delete<{ Params: IntentParams }>(
    '/intents/:locale/:id',
    {
      schema: consoleRouteSchema('DELETE', {
        tag: 'corpus',
        summary: 'Delete one intent of one locale',
        access: write,
        params: IntentParams,
        response: { 204: Type.Null({ description: 'Deleted.' }) },
        refusals: { 404: ['CONSOLE_ERR_NOT_FOUND'] },
      }),
      onRequest: write,
    },
    async (request, reply) => {
      const userId = request.staffSession?.user.id ?? null;
      if (!(await store.delete(request.params.locale, request.params.id, userId, options.now()))) {
        throw new ConsoleHttpError(404, 'CONSOLE_ERR_NOT_FOUND', 'No such intent.');
      }
      return reply.code(204).send();
    },
  );

  fastify.post<{ Body: LintBody }>(
    '/corpus/lint',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'corpus',
        summary: 'Lint the stored corpus, with an unsaved draft in place of its stored version',
        access: read,
        body: LintBody,
        response: { 200: LintResult },
      }),
      onRequest: read,
    },
    async (request) => {
      let corpus = await store.loadCorpus();
      const draft = request.body.draft;
      if (draft) {
        corpus = withDraft(
          corpus,
          toLoadedIntent({
            locale: draft.locale,
            domain: draft.domain,
            intent: draft.intent,
            updatedAt: new Date(0),
            updatedBy: null,
          }),
        );
      }
      return { issues: lintCorpus(corpus) } satisfies LintResult;
    },
  );

  fastify.get(
    '/corpus/export',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'corpus',
        summary: 'The corpus in its YAML file format (<locale>/<domain>.yaml)',
        access: read,
        response: { 200: CorpusFiles },
      }),
      onRequest: read,
    },
    async () => ({
      files: toCorpusFiles(await store.list()),
    }),
  );

  fastify.post<{ Body: ImportCorpusBody }>(
    '/corpus/import',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'corpus',
        summary: 'Replace the corpus with YAML files; returns their lint',
        description:
          'Up to 20 MiB. Every file is validated first; nothing changes when one is wrong. The replaced corpus stays in the history.',
        access: write,
        body: ImportCorpusBody,
        response: { 200: LintResult },
        refusals: {
          400: ['BOT_ERR_CORPUS_FORMAT'],
          409: ['CONSOLE_ERR_IMPORT_REMOVES_ALL'],
          422: ['CONSOLE_ERR_CORPUS_TOO_LARGE'],
        },
      }),
      onRequest: write,
      bodyLimit: 20 * 1024 * 1024,
    },
    async (request) => {
      let intents: LoadedIntent[];
      try {
        intents = fromCorpusFiles(request.body.files);
      } catch (error) {
        if (error instanceof CorpusFormatError) throw new ConsoleHttpError(400, error.code, error.message);
        throw error;
      }
      const tooLarge = corpusLimitProblem({ intents });
      if (tooLarge) {
        throw new ConsoleHttpError(
          422,
          'CONSOLE_ERR_CORPUS_TOO_LARGE',
          `The corpus is too large to train: ${tooLarge}.`,
        );
      }
      const current = (await store.list()).map((i) => ({ locale: i.locale, id: i.intent.id }));
      if (!request.body.removeAll && removesEveryIntent(current, intents)) {
        throw new ConsoleHttpError(
          409,
          'CONSOLE_ERR_IMPORT_REMOVES_ALL',
          `The import keeps none of the ${current.length} intents; send "removeAll": true to replace them all.`,
          { current: current.length, imported: intents.length },
        );
      }
      // Lint findings are returned, not enforced: the publish gate is what protects shoppers, and a
      // corpus being built up in steps is allowed to be incomplete.
      const issues = lintCorpus({ intents });
      await store.replaceAll({ intents }, request.staffSession?.user.id ?? null, options.now());
      return { issues } satisfies LintResult;
    },
  );

  fastify.get(
    '/corpus/history',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'corpus',
        summary: `The corpus's changes, newest first (the last ${HISTORY_SHOWN})`,
        access: read,
        response: { 200: CorpusHistory },
      }),
      onRequest: read,
    },
    async () => {
      const names = await fastify.staff.namesById();
      const changes = await store.history(HISTORY_SHOWN);
      return {
        changes: changes.map((c) => ({
          changeId: c.changeId,
          change: c.change,
          at: c.at.toISOString(),
          by: c.by,
          byName: c.by === null ? null : (names.get(c.by) ?? null),
          revisions: c.revisions,
        })),
      } satisfies CorpusHistory;
    },
  );

  fastify.post<{ Params: CorpusChangeParams }>(
    '/corpus/history/:changeId/restore',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'corpus',
        summary: 'Make the corpus what it was right after a change (itself a new change)',
        access: write,
        params: CorpusChangeParams,
        response: { 200: RestoreResult },
        refusals: { 404: ['CONSOLE_ERR_NOT_FOUND'] },
      }),
      onRequest: write,
    },
    async (request) => {
      const corpus = await store.corpusAfter(request.params.changeId);
      if (!corpus) throw new ConsoleHttpError(404, 'CONSOLE_ERR_NOT_FOUND', 'No such change.');
      // A restore is one more change: the corpus it replaces can itself be restored.
      await store.replaceAll(corpus, request.staffSession?.user.id ?? null, options.now(), 'restore');
      return { intents: corpus.intents.length, issues: lintCorpus(corpus) } satisfies RestoreResult;
    },
  );
};

export default corpusRoutes;
