/** Analytics: the report over a range of days (`/analytics`). */
import { type Static, Type } from '@sinclair/typebox';
import { Day, LocaleSchema } from './common.ts';

export const AnalyticsQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    locale: Type.Optional(LocaleSchema),
    /** Only conversations of one channel: the web widget, or LINE (docs/line.md); absent: both. */
    channel: Type.Optional(Type.Union([Type.Literal('web'), Type.Literal('line')])),
  },
  { additionalProperties: false },
);
export type AnalyticsQuery = Static<typeof AnalyticsQuery>;

/** Counts of one bucket (a day or an hour of day, shop time). */
export const AnalyticsBucket = Type.Object({
  /** YYYY-MM-DD for days, "00"–"23" for hours. */
  key: Type.String(),
  conversations: Type.Integer(),
  /** Shopper messages. */
  messages: Type.Integer(),
  answered: Type.Integer(),
  clarified: Type.Integer(),
  unanswered: Type.Integer(),
  handoffs: Type.Integer(),
  /** answered / messages (0 when no messages). */
  answerRate: Type.Number(),
  /** handoffs / conversations (0 when none). */
  handoffRate: Type.Number(),
});
export type AnalyticsBucket = Static<typeof AnalyticsBucket>;

export const AnalyticsReport = Type.Object({
  from: Day,
  to: Day,
  totals: AnalyticsBucket,
  days: Type.Array(AnalyticsBucket),
  hours: Type.Array(AnalyticsBucket),
  handoffsByReason: Type.Array(Type.Object({ reason: Type.String(), count: Type.Integer() })),
  topIntents: Type.Array(Type.Object({ intent: Type.String(), count: Type.Integer() })),
  topUnanswered: Type.Array(Type.Object({ text: Type.String(), count: Type.Integer() })),
  feedbackByIntent: Type.Array(
    Type.Object({ intent: Type.String(), helpful: Type.Integer(), notHelpful: Type.Integer() }),
  ),
  /** Cancellation flow outcomes: retained with which alternative, or cancelled. */
  cancellation: Type.Object({
    started: Type.Integer(),
    retained: Type.Record(Type.String(), Type.Integer()),
    cancelled: Type.Integer(),
    /**
     * Cancellations by the offer that was made and declined (a verified shopper's cancellation records
     * it; `none`: nothing the shop allowed could be offered). With `retained`, each offer's take-up.
     */
    cancelledAfterOffer: Type.Record(Type.String(), Type.Integer()),
  }),
});
export type AnalyticsReport = Static<typeof AnalyticsReport>;

/** `GET /analytics.csv?report=…`: one table of the report as CSV (cells that start a formula are escaped). */
export const AnalyticsCsvQuery = Type.Composite(
  [
    AnalyticsQuery,
    Type.Object({
      report: Type.Union([
        Type.Literal('days'),
        Type.Literal('hours'),
        Type.Literal('intents'),
        Type.Literal('unanswered'),
        Type.Literal('feedback'),
        Type.Literal('handoffs'),
      ]),
    }),
  ],
  { additionalProperties: false },
);
export type AnalyticsCsvQuery = Static<typeof AnalyticsCsvQuery>;
