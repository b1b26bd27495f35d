/**
 * The unanswered queue for editors: questions the bot refused, asked to clarify, or whose answer was rated
 * not helpful or disputed by the shopper's next line, grouped by similar wording (bot/review/group-similar-questions.ts). Assign makes the
 * messages' texts utterances of an intent in their own locale (the corpus grows; a new model is trained
 * and published separately) and takes them off the queue; dismiss only takes them off.
 */
import type { FastifyPluginAsync } from 'fastify';
import { UnansweredGrouping } from '../../console/unanswered-grouping.ts';
import { ConsoleHttpError } from '../../plugins/console-auth.ts';
import {
  AssignUnansweredBody,
  DismissUnansweredBody,
  ReviewResult,
  UnansweredList,
  UnansweredQuery,
} from '../../schemas/console-api.ts';
import type { Locale } from '../../storage/repository.ts';
import { consoleRouteSchema } from './route-schema.ts';

/** Queue entries shown when the console asks for no limit (also the most it may ask for: the schema's cap). */
const DEFAULT_LIMIT = 500;

const unanswered: FastifyPluginAsync<{ now: () => Date }> = async (fastify, options) => {
  const review = fastify.consoleAuth.requirePermission('unanswered:review');
  const queue = fastify.unansweredQueue;
  const grouping = new UnansweredGrouping();

  fastify.get<{ Querystring: UnansweredQuery }>(
    '/unanswered',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'unanswered',
        summary: 'The unanswered queue, grouped by similar wording, biggest group first',
        description: `\`limit\` 1–${DEFAULT_LIMIT}, default ${DEFAULT_LIMIT}; \`total\` counts the queue (the newest 5000 at most).`,
        access: review,
        querystring: UnansweredQuery,
        response: { 200: UnansweredList },
      }),
      onRequest: review,
    },
    async (request) => {
      const { locale, limit } = request.query;
      const { total, questions } = await queue.list({
        ...(locale === undefined ? {} : { locale }),
        limit: limit ?? DEFAULT_LIMIT,
      });
      // In a worker and cached (server/console/unanswered-grouping.ts): the event loop stays free.
      const groups = await grouping.group(questions);
      const byId = new Map(questions.map((q) => [q.id, q]));
      return {
        total,
        groups: groups.map((g) => {
          const members = g.memberIds.map((id) => byId.get(id)!);
          return {
            label: members[0]!.text,
            count: members.length,
            suggestedIntent: g.suggestedIntent,
            messages: members.map((m) => ({
              id: m.id,
              conversationId: m.conversationId,
              text: m.text,
              locale: m.locale,
              reason: m.reason,
              intent: m.intent,
              score: m.score,
              createdAt: m.createdAt.toISOString(),
              nluReason: m.nluReason,
              signal: m.signal,
              followUp: m.followUp,
            })),
          };
        }),
      };
    },
  );

  fastify.post<{ Body: AssignUnansweredBody }>(
    '/unanswered/assign',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'unanswered',
        summary: "Add the messages' texts as utterances of an intent, in each message's locale",
        description: 'Nothing changes when the intent is missing in one of the locales (404).',
        access: review,
        body: AssignUnansweredBody,
        response: { 200: ReviewResult },
        refusals: { 404: ['CONSOLE_ERR_NOT_FOUND'] },
      }),
      onRequest: review,
    },
    async (request) => {
      const { intent } = request.body;
      const userId = request.staffSession!.user.id;
      const now = options.now();
      const messages = await queue.findShopperMessages(request.body.messageIds);
      const byLocale = new Map<Locale, string[]>();
      for (const m of messages) byLocale.set(m.locale, [...(byLocale.get(m.locale) ?? []), m.text]);
      // Check every locale first, so an intent missing in one locale adds nothing anywhere.
      for (const locale of byLocale.keys()) {
        if (!(await fastify.corpusStore.get(locale, intent))) {
          throw new ConsoleHttpError(404, 'CONSOLE_ERR_NOT_FOUND', `No intent ${intent} in ${locale}.`);
        }
      }
      for (const [locale, texts] of byLocale) {
        await fastify.corpusStore.addUtterances(locale, intent, texts, userId, now);
      }
      const reviewed = await queue.markReviewed({
        messageIds: messages.map((m) => m.id),
        status: 'assigned',
        intent,
        userId,
        now,
      });
      return { reviewed };
    },
  );

  fastify.post<{ Body: DismissUnansweredBody }>(
    '/unanswered/dismiss',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'unanswered',
        summary: 'Take messages off the unanswered queue',
        access: review,
        body: DismissUnansweredBody,
        response: { 200: ReviewResult },
      }),
      onRequest: review,
    },
    async (request) => {
      const messages = await queue.findShopperMessages(request.body.messageIds);
      const reviewed = await queue.markReviewed({
        messageIds: messages.map((m) => m.id),
        status: 'dismissed',
        intent: null,
        userId: request.staffSession!.user.id,
        now: options.now(),
      });
      return { reviewed };
    },
  );
};

export default unanswered;
