/**
 * The shop config file (shop.yaml): facts about the shop that answers and flows use. TypeBox schema,
 * validated once at boot.
 */
import { type Static, Type } from '@sinclair/typebox';

const Localized = Type.Object({ ja: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) });

export const ShopConfigSchema = Type.Object(
  {
    name: Localized,
    supportEmail: Type.String({ format: 'email', description: 'Support mailbox: receives handoffs.' }),
    supportPhone: Type.String({ minLength: 1 }),
    supportHours: Localized,
    myPageUrl: Type.String({ pattern: '^https://' }),
    timeZone: Type.String({ default: 'Asia/Tokyo' }),
    shipping: Type.Object({
      cutoffTime: Type.String({
        pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
        description: 'Same-day cut-off, HH:MM.',
      }),
      fee: Type.Integer({ minimum: 0, description: 'Postage in yen.' }),
      freeShippingThreshold: Type.Integer({
        minimum: 0,
        description: 'Order total in yen from which postage is free.',
      }),
      codFee: Type.Integer({ minimum: 0, description: 'Cash-on-delivery fee in yen.' }),
      carrier: Localized,
    }),
    returnDays: Type.Integer({ minimum: 0, maximum: 365 }),
    changeDeadlineDays: Type.Integer({ minimum: 0, maximum: 60 }),
  },
  { additionalProperties: false },
);

/** Validated shop config. */
export type ShopConfig = Static<typeof ShopConfigSchema>;
