/**
 * Escalations for operators: the filtered list (newest first), one escalation with its whole transcript,
 * the mails as queued and sent, and notes; notes, resolve / reopen. The reply to the shopper is in
 * escalation-reply.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import { optionalInstantRange } from '../../console/day-range.ts';
import { MAX_TRANSCRIPT_MESSAGES } from '../../mail/escalation-service.ts';
import { ConsoleHttpError } from '../../plugins/console-auth.ts';
import {
  EscalationDetail,
  EscalationList,
  EscalationNote,
  EscalationParams,
  EscalationQuery,
  EscalationSummary,
  IntentTitleList,
  NoteBody,
} from '../../schemas/console-api.ts';
import type { ReviewedEscalation } from '../../storage/escalation-review-store.ts';
import { toEscalationSummary, toMailView, toNoteView, toTranscriptLine } from './mail-views.ts';
import { consoleRouteSchema } from './route-schema.ts';

/** The refusal of an unknown escalation id. */
export function notFound(): ConsoleHttpError {
  return new ConsoleHttpError(404, 'CONSOLE_ERR_NOT_FOUND', 'No such escalation.');
}

const escalations: FastifyPluginAsync<{ now: () => Date }> = async (fastify, options) => {
  const read = fastify.consoleAuth.requirePermission('escalations:read');
  const write = fastify.consoleAuth.requirePermission('escalations:write');
  const store = fastify.escalationReview;

  async function existing(id: string): Promise<ReviewedEscalation> {
    const found = await store.get(id);
    if (!found) throw notFound();
    return found;
  }

  fastify.get<{ Querystring: EscalationQuery }>(
    '/escalations',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'escalations',
        summary: 'Escalations, newest first, filtered by status, reason, intent and shop-time days',
        description: 'Default 200, `limit` up to 500; `from`/`to` are days in the shop time zone.',
        access: read,
        querystring: EscalationQuery,
        response: { 200: EscalationList },
        refusals: { 400: ['CONSOLE_ERR_BAD_DAY', 'CONSOLE_ERR_BAD_RANGE'] },
      }),
      onRequest: read,
    },
    async (request) => {
      const { status, reason, intent, from, to, limit } = request.query;
      const range = optionalInstantRange(from, to, fastify.consoleSettings.timeZone);
      const list = await store.list({
        ...range,
        ...(status === undefined ? {} : { status }),
        ...(reason === undefined ? {} : { reason }),
        ...(intent === undefined ? {} : { intent }),
        ...(limit === undefined ? {} : { limit }),
      });
      return { escalations: list.map(toEscalationSummary) };
    },
  );

  // The filter's choices and the labels of intents in lists and transcripts: operators have no
  // corpus:read, so they get ids and titles only.
  fastify.get(
    '/escalations/intents',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'escalations',
        summary: "Every intent's locale, id and title (the intent filter and labels)",
        access: read,
        response: { 200: IntentTitleList },
      }),
      preHandler: read,
    },
    async () => {
      const intents = await fastify.corpusStore.list();
      return {
        intents: intents.map((i) => ({ locale: i.locale, id: i.intent.id, title: i.intent.title })),
      } satisfies IntentTitleList;
    },
  );

  fastify.get<{ Params: EscalationParams }>(
    '/escalations/:id',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'escalations',
        summary: 'One escalation with its transcript, mails and notes',
        access: read,
        params: EscalationParams,
        response: { 200: EscalationDetail },
        refusals: { 404: ['CONSOLE_ERR_NOT_FOUND'] },
      }),
      onRequest: read,
    },
    async (request) => {
      const escalation = await existing(request.params.id);
      const [messages, mails, notes] = [
        await fastify.storage.listMessages(escalation.conversationId, { limit: MAX_TRANSCRIPT_MESSAGES }),
        await store.listMails(escalation.id),
        await store.listNotes(escalation.id),
      ];
      return {
        escalation: toEscalationSummary(escalation),
        transcript: messages.map(toTranscriptLine),
        mails: mails.map(toMailView),
        notes: notes.map(toNoteView),
      };
    },
  );

  fastify.post<{ Params: EscalationParams; Body: NoteBody }>(
    '/escalations/:id/notes',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'escalations',
        summary: 'Add a note to an escalation',
        access: write,
        params: EscalationParams,
        body: NoteBody,
        response: { 201: EscalationNote },
        refusals: { 404: ['CONSOLE_ERR_NOT_FOUND'] },
      }),
      onRequest: write,
    },
    async (request, reply) => {
      const escalation = await existing(request.params.id);
      const user = request.staffSession!.user;
      const note = await store.addNote({
        escalationId: escalation.id,
        authorId: user.id,
        authorName: user.name,
        text: request.body.text,
        now: options.now(),
      });
      return reply.code(201).send(toNoteView(note));
    },
  );

  fastify.post<{ Params: EscalationParams }>(
    '/escalations/:id/resolve',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'escalations',
        summary: 'Mark an escalation resolved (resolving again keeps the first who and when)',
        access: write,
        params: EscalationParams,
        response: { 200: EscalationSummary },
        refusals: { 404: ['CONSOLE_ERR_NOT_FOUND'] },
      }),
      onRequest: write,
    },
    async (request) => {
      const resolved = await store.resolve(request.params.id, request.staffSession!.user.id, options.now());
      if (!resolved) throw notFound();
      return toEscalationSummary(resolved);
    },
  );

  fastify.post<{ Params: EscalationParams }>(
    '/escalations/:id/reopen',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'escalations',
        summary: 'Reopen a resolved escalation',
        access: write,
        params: EscalationParams,
        response: { 200: EscalationSummary },
        refusals: { 404: ['CONSOLE_ERR_NOT_FOUND'] },
      }),
      onRequest: write,
    },
    async (request) => {
      const reopened = await store.reopen(request.params.id);
      if (!reopened) throw notFound();
      return toEscalationSummary(reopened);
    },
  );
};

export default escalations;
