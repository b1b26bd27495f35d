/**
 * The shop config file (shop.yaml): facts about the shop that answers and flows use. TypeBox schema,
 * validated once at boot.
 */
import { type Static, Type } from '@sinclair/typebox';
import { FlowsConfigSchema } from '../../bot/flows/registry.ts';
import { LocaleSchema } from '../../bot/locale.ts';

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
    replyWithinMinutes: Type.Integer({
      minimum: 1,
      maximum: 7 * 24 * 60,
      default: 120,
      description:
        'Minutes of opening hours replyPromise stands for (120 for 「2時間以内」). Said only when that much opening time follows without a break; else the due time counted in opening hours.',
    }),
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
    staffLocale: Type.Union(LocaleSchema.anyOf, {
      default: 'ja',
      description: 'Language of the mail to the support mailbox.',
    }),
  },
  { additionalProperties: false, default: {} },
);

/** The size table of the sizing flow (bot/flows/sizing-flow.ts). */
export const SizingSchema = Type.Object(
  {
    shoes: Type.Object(
      {
        minCm: Type.Number({ minimum: 10, maximum: 40, description: 'Smallest shoe size, in cm.' }),
        maxCm: Type.Number({ minimum: 10, maximum: 40, description: 'Largest shoe size, in cm.' }),
        stepCm: Type.Number({
          exclusiveMinimum: 0,
          maximum: 5,
          default: 0.5,
          description: 'Size step, in cm.',
        }),
        wideOrHighInstepCm: Type.Number({
          minimum: 0,
          maximum: 5,
          default: 0.5,
          description: 'Added to the usual size for a high instep (甲高) or wide feet (幅広), in cm.',
        }),
      },
      { additionalProperties: false },
    ),
    apparel: Type.Array(
      Type.Object(
        {
          size: Type.String({ minLength: 1, maxLength: 8 }),
          upToHeightCm: Type.Integer({
            minimum: 50,
            maximum: 250,
            description: 'Tallest height this size fits, in cm (inclusive).',
          }),
        },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        description: 'Apparel sizes from small to large; each fits heights above the previous limit.',
      },
    ),
  },
  { additionalProperties: false },
);

/** Personal data kept out of storage (server/privacy/mask-text.ts); card numbers are always masked. */
export const PrivacySchema = Type.Object(
  {
    maskPatterns: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description:
        'Regular expressions (JavaScript, unicode) masked in shopper messages before they are stored, matched on the NFKC form (full-width digits as ASCII); e.g. phone numbers. Checked at start.',
    }),
  },
  { additionalProperties: false },
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
      leadDays: Type.Object(
        {
          default: Type.Integer({ minimum: 0, maximum: 30, default: 2 }),
          prefectures: Type.Record(
            Type.String({ pattern: '^([1-9]|[1-3][0-9]|4[0-7])$' }),
            Type.Integer({ minimum: 0, maximum: 30 }),
            {
              default: {},
            },
          ),
        },
        {
          default: {},
          description:
            'Calendar days from shipping to delivery: `default`, and per prefecture code 1–47 (13 = 東京都, 47 = 沖縄県).',
        },
      ),
      preorders: Type.Array(
        Type.Object(
          { name: Localized, shipDate: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }) },
          { additionalProperties: false },
        ),
        { default: [], description: 'Pre-order products and their concrete shipping date (YYYY-MM-DD).' },
      ),
    }),
    returnDays: Type.Integer({ minimum: 0, maximum: 365 }),
    orderNumberPattern: Type.String({
      default: '[0-9]{8}',
      description: 'Regular expression an order number matches as a whole token (letters, digits, dashes).',
    }),
    /** Dialogue flows: each flow's entry comes from its `settingsSchema` (bot/flows/registry.ts). */
    flows: FlowsConfigSchema,
    changeDeadlineDays: Type.Integer({ minimum: 0, maximum: 60 }),
    sizing: Type.Optional(SizingSchema),
    privacy: Type.Optional(PrivacySchema),
  },
  { additionalProperties: false },
);

/** Validated shop config. */
export type ShopConfig = Static<typeof ShopConfigSchema>;
