/** The bot's actions (`/actions`): changes asked of the shop's system for verified shoppers. */
import { type Static, Type } from '@sinclair/typebox';
import { SubscriptionChangeSchema } from '../../../bot/shop/shop-data.ts';

export const BotActionsQuery = Type.Object(
  {
    conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type BotActionsQuery = Static<typeof BotActionsQuery>;

/** One change asked of the shop (or refused by the server before asking). */
export const BotActionView = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  /** The shop's customer id of the verified shopper; null when there was none. */
  customerId: Type.Union([Type.String(), Type.Null()]),
  /** `skip`, `interval`, `next_date`, `pause`, `resume`, `cancel`. */
  kind: Type.String(),
  subscriptionId: Type.String(),
  /** The change as asked; null when a stored one no longer fits the schema. */
  change: Type.Union([SubscriptionChangeSchema, Type.Null()]),
  result: Type.Union([Type.Literal('done'), Type.Literal('failed')]),
  /** Why not: a `CONNECTOR_ERR_…` or `ACTION_ERR_…` code; null when done. */
  code: Type.Union([Type.String(), Type.Null()]),
  /** ISO-8601. */
  createdAt: Type.String(),
});
export type BotActionView = Static<typeof BotActionView>;

export const BotActionList = Type.Object({ actions: Type.Array(BotActionView) });
export type BotActionList = Static<typeof BotActionList>;
