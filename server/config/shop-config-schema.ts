/**
 * The shop config file (shop.yaml): facts about the shop that answers and flows use. TypeBox schema,
 * validated once at boot.
 */
import { type Static, Type } from '@sinclair/typebox';

const Localized = Type.Object({ ja: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) });

/** `HH:MM-HH:MM`, local time, start inclusive, end exclusive (`24:00` allowed as an end). */
const Span = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]|24):[0-5][0-9]$',
  description: 'Opening span HH:MM-HH:MM, local time; end exclusive; cannot cross midnight.',
});
const Spans = Type.Array(Span, { default: [] });
/** `MM-DD` (every year) or `YYYY-MM-DD` (once). */
const ClosureDate = Type.String({ pattern: '^([0-9]{4}-)?[0-9]{2}-[0-9]{2}$' });

/** Weekly hours, holidays, closures and special days (bot/calendar/business-calendar.ts). */
export const CalendarSchema = Type.Object(
  {
    hours: Type.Object(
      { mon: Spans, tue: Spans, wed: Spans, thu: Spans, fri: Spans, sat: Spans, sun: Spans },
      {
        additionalProperties: false,
        description: 'Opening spans per weekday; several spans for a lunch break.',
      },
    ),
    closedOnNationalHolidays: Type.Boolean({
      default: true,
      description: 'Closed on Japanese national holidays (@holiday-jp/holiday_jp).',
    }),
    closures: Type.Array(
      Type.Object(
        { from: ClosureDate, to: ClosureDate, name: Type.Optional(Type.String()) },
        { additionalProperties: false },
      ),
      {
        default: [],
        description: 'Closed periods, inclusive: MM-DD every year (12-29..01-03), YYYY-MM-DD once.',
      },
    ),
    specialDays: Type.Array(
      Type.Object(
        {
          date: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
          hours: Type.Array(Span),
          name: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
      { default: [], description: 'Dates with their own hours; they win over closures and holidays.' },
    ),
    replyPromise: Type.Object(
      { ja: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) },
      { description: 'Reply time promised during opening hours: 「2時間以内」 / "within 2 hours".' },
    ),
  },
  { additionalProperties: false },
);

/** Handoff mail options. */
export const MailSchema = Type.Object(
  {
    copyToShopper: Type.Boolean({
      default: false,
      description:
        'Also send the shopper a copy (their address only in the SMTP envelope). Off by default: anyone can type any address.',
    }),
    staffLocale: Type.Union([Type.Literal('ja'), Type.Literal('en')], {
      default: 'ja',
      description: 'Language of the mail to the support mailbox.',
    }),
  },
  { additionalProperties: false, default: {} },
);

export const ShopConfigSchema = Type.Object(
  {
    name: Localized,
    supportEmail: Type.String({ format: 'email', description: 'Support mailbox: receives handoffs.' }),
    supportPhone: Type.String({ minLength: 1 }),
    supportHours: Localized,
    myPageUrl: Type.String({ pattern: '^https://' }),
    timeZone: Type.String({ default: 'Asia/Tokyo', description: 'IANA time zone of the calendar.' }),
    calendar: CalendarSchema,
    mail: MailSchema,
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
