/**
 * Deletion on request (APPI): an admin deletes everything of one shopper (by email), one conversation or
 * one LINE user (by LINE user id) in one transaction and gets the counts per table. The audit line in the log names the admin and a
 * hash of the subject, never the address.
 */
import type { FastifyPluginAsync } from 'fastify';
import { ConsoleHttpError } from '../../plugins/console-auth.ts';
import { PrivacyDeleteBody, PrivacyDeleteResult } from '../../schemas/console-api.ts';
import { consoleRouteSchema } from './route-schema.ts';

const privacy: FastifyPluginAsync = async (fastify) => {
  const remove = fastify.consoleAuth.requirePermission('privacy:delete');

  fastify.post<{ Body: PrivacyDeleteBody }>(
    '/privacy/delete',
    {
      schema: consoleRouteSchema('POST', {
        tag: 'privacy',
        summary:
          'Delete everything of one shopper (by email), one conversation or one LINE user, in one transaction',
        description:
          'Give exactly one of `email`, `conversationId` and `lineUserId`; `dryRun` counts and changes nothing.',
        access: remove,
        body: PrivacyDeleteBody,
        response: { 200: PrivacyDeleteResult },
        refusals: { 400: ['CONSOLE_ERR_PRIVACY_SUBJECT'] },
      }),
      onRequest: remove,
    },
    async (request) => {
      const { email, conversationId, lineUserId, dryRun = false } = request.body;
      // One schema object instead of a union: ajv's removeAdditional would quietly drop the second subject.
      if ([email, conversationId, lineUserId].filter((v) => v !== undefined).length !== 1) {
        throw new ConsoleHttpError(
          400,
          'CONSOLE_ERR_PRIVACY_SUBJECT',
          'Give one of email, conversationId and lineUserId (exactly one).',
        );
      }
      const subject =
        email !== undefined
          ? { email }
          : lineUserId !== undefined
            ? { lineUserId }
            : { conversationId: conversationId! };
      const counts = await fastify.privacy.deleteShopperData(subject, {
        dryRun,
        actor: { staffUserId: request.staffSession!.user.id },
      });
      return { dryRun, counts };
    },
  );
};

export default privacy;
