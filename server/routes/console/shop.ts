/**
 * `GET /shop`: the values of the answers' {{placeholders}} per locale (shop name, postage, My Page URL…),
 * so the console's answer preview shows an answer exactly as shoppers will read it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { placeholderValues } from '../../../bot/answers/render-answer.ts';
import { shopFacts } from '../../config/bot-settings.ts';
import type { ShopConfig } from '../../config/shop-config-schema.ts';
import { ShopPlaceholders } from '../../schemas/console-api.ts';
import { consoleRouteSchema } from './route-schema.ts';

const shopRoute: FastifyPluginAsync<{ shop: ShopConfig }> = async (fastify, options) => {
  const facts = shopFacts(options.shop);
  const body: ShopPlaceholders = {
    placeholders: { ja: placeholderValues(facts, 'ja'), en: placeholderValues(facts, 'en') },
  };
  const read = fastify.consoleAuth.requirePermission('corpus:read');
  fastify.get(
    '/shop',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'corpus',
        summary: "The values of answers' {{placeholders}} per locale, for the answer preview",
        access: read,
        response: { 200: ShopPlaceholders },
      }),
      onRequest: read,
    },
    async () => body,
  );
};

export default shopRoute;
