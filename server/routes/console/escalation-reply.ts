/**
 * An operator's reply to the shopper of an escalation (docs/handoff.md). It goes where the conversation
 * happens when that reaches the shopper: in the widget it is a `staff` message of the transcript, shown
 * at once by an open widget (whichever process or instance holds its socket: the conversation's news,
 * server/conversation-news/) and on the next visit otherwise, with an unread badge; on LINE it is pushed
 * (only to a user who still follows) and then stored. By mail (queued in the outbox, sent by the relay)
 * when the operator chooses it, or when the channel does not reach the shopper and they left an
 * address (server/console/reply-route.ts). The answer says where it went.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { replyRoute } from '../../console/reply-route.ts';
import { buildReplyMail } from '../../mail/build-reply-mail.ts';
import { ConsoleHttpError } from '../../plugins/console-auth.ts';
import { EscalationParams, ReplyBody, ReplyResult } from '../../schemas/console-api.ts';
import type { ReviewedEscalation } from '../../storage/escalation-review-store.ts';
import type { StoredMessage } from '../../storage/repository.ts';
import { notFound } from './escalations.ts';
import { toMailView, toTranscriptLine } from './mail-views.ts';
import { consoleRouteSchema } from './route-schema.ts';

const escalationReply: FastifyPluginAsync<{ now: () => Date }> = async (fastify, options) => {
  const write = fastify.consoleAuth.requirePermission('escalations:write');

  /** The LINE user a reply to this escalation can be pushed to, if its conversation is on LINE. */
  async function lineRecipient(escalation: ReviewedEscalation): Promise<string | undefined> {
    if (escalation.channel !== 'line' || !fastify.lineChannel) return undefined;
    return fastify.lineChannel.staffPush.recipient(escalation.conversationId);
  }

  fastify.post<{ Params: EscalationParams; Body: ReplyBody }>(
    '/escalations/:id/reply',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'escalations',
        summary: "Reply to the shopper: in the conversation's channel (widget, LINE) or by mail",
        description:
          "`via`: `chat` (the widget: live or on the next visit; LINE: a push) or `mail` (the outbox). Without it the conversation's channel when it reaches the shopper, else mail. `chat` to a LINE user who unfollowed goes by mail when the shopper left an address (`fallback: true`).",
        access: write,
        params: EscalationParams,
        body: ReplyBody,
        response: { 202: ReplyResult },
        refusals: {
          404: ['CONSOLE_ERR_NOT_FOUND'],
          409: ['CONSOLE_ERR_SHOPPER_UNREACHABLE'],
          502: ['CONSOLE_ERR_LINE_PUSH_FAILED'],
        },
      }),
      onRequest: write,
    },
    async (request, reply) => {
      const escalation = await fastify.escalationReview.get(request.params.id);
      if (!escalation) throw notFound();
      const user = request.staffSession!.user;
      const recipient = await lineRecipient(escalation);
      const route = replyRoute({
        requested: request.body.via,
        channel: escalation.channel,
        chatReachable: escalation.channel === 'web' || recipient !== undefined,
        hasEmail: escalation.email !== '',
      });
      if ('refused' in route) {
        throw new ConsoleHttpError(
          409,
          route.refused,
          'The shopper can be reached neither in the chat nor by mail.',
        );
      }
      const log = { escalationId: escalation.id, staffId: user.id, via: route.via, fallback: route.fallback };
      if (route.via === 'mail') {
        const settings = fastify.consoleSettings;
        const mail = buildReplyMail({
          escalation,
          locale: escalation.locale,
          subject: request.body.subject,
          text: request.body.text,
          shopName: settings.shopName,
          supportEmail: settings.supportEmail,
          messageIdDomain: settings.messageIdDomain,
          id: randomUUID(),
          // The relay's clock, like handoff mail: due at once by the time the relay compares with.
          queuedAt: new Date(),
        });
        const queued = await fastify.escalationReview.queueMail(mail);
        request.log.info({ ...log, mailId: queued.id }, 'operator reply queued');
        fastify.mailRelay?.wake();
        return reply.code(202).send({
          via: 'mail',
          fallback: route.fallback,
          message: null,
          mail: toMailView(queued),
        } satisfies ReplyResult);
      }
      const id = randomUUID();
      const store = () =>
        fastify.staffMessages.append({
          id,
          conversationId: escalation.conversationId,
          text: request.body.text,
          staffName: user.name,
          channel: route.via === 'line' ? 'line' : 'web',
          createdAt: options.now(),
        });
      let stored: StoredMessage;
      if (route.via === 'line' && recipient !== undefined && fastify.lineChannel) {
        // Pushed first: a push LINE refuses stores nothing, so the operator can simply send again.
        try {
          await fastify.lineChannel.staffPush.push(recipient, {
            messageId: id,
            text: request.body.text,
            locale: escalation.locale,
          });
        } catch (error) {
          request.log.warn({ ...log, err: error }, 'operator reply: LINE did not take the push');
          // Answered here, not thrown: the error handler makes every 5xx a 500 and counts it as ours.
          return reply.code(502).send({
            code: 'CONSOLE_ERR_LINE_PUSH_FAILED',
            message: 'LINE did not take the message; nothing was stored.',
          });
        }
        stored = await store();
      } else {
        stored = await store();
        fastify.conversationNews.publish(escalation.conversationId);
      }
      request.log.info({ ...log, messageId: stored.id }, 'operator reply sent in the conversation');
      return reply.code(202).send({
        via: route.via,
        fallback: false,
        message: toTranscriptLine(stored),
        mail: null,
      } satisfies ReplyResult);
    },
  );
};

export default escalationReply;
