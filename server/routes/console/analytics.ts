/**
 * Analytics for everyone on the staff: `GET /analytics` (the whole report as JSON) and
 * `GET /analytics.csv?report=…` (one of its tables as CSV for Excel). Days and hours are the shop's
 * (Asia/Tokyo by default). The range defaults to the last 30 days up to today and is capped at 366 days.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { buildAnalyticsReport } from '../../console/analytics-report.ts';
import { type CsvValue, toCsv } from '../../console/csv.ts';
import { assertDayRange, DAY_RANGE_PROBLEMS } from '../../console/day-range.ts';
import { dayOf, instantRange, shiftDay } from '../../console/shop-days.ts';
import {
  type AnalyticsBucket,
  AnalyticsCsvQuery,
  AnalyticsQuery,
  AnalyticsReport,
} from '../../schemas/console-api.ts';
import { consoleRouteSchema } from './route-schema.ts';

/** Default report length, in days (today included). */
export const DEFAULT_RANGE_DAYS = 30;
/** Longest report, in days: a year, leap day included. */
export const MAX_RANGE_DAYS = 366;

const BUCKET_HEADER = [
  'conversations',
  'messages',
  'answered',
  'clarified',
  'unanswered',
  'handoffs',
  'answerRate',
  'handoffRate',
];

function bucketRow(b: AnalyticsBucket): CsvValue[] {
  return [
    b.key,
    b.conversations,
    b.messages,
    b.answered,
    b.clarified,
    b.unanswered,
    b.handoffs,
    b.answerRate,
    b.handoffRate,
  ];
}

/** One table of a report as CSV. */
function reportCsv(report: AnalyticsReport, table: AnalyticsCsvQuery['report']): string {
  switch (table) {
    case 'days':
      return toCsv(['day', ...BUCKET_HEADER], report.days.map(bucketRow));
    case 'hours':
      return toCsv(['hour', ...BUCKET_HEADER], report.hours.map(bucketRow));
    case 'intents':
      return toCsv(
        ['intent', 'answers'],
        report.topIntents.map((r) => [r.intent, r.count]),
      );
    case 'unanswered':
      return toCsv(
        ['text', 'count'],
        report.topUnanswered.map((r) => [r.text, r.count]),
      );
    case 'feedback':
      return toCsv(
        ['intent', 'helpful', 'notHelpful'],
        report.feedbackByIntent.map((r) => [r.intent, r.helpful, r.notHelpful]),
      );
    case 'handoffs':
      return toCsv(
        ['reason', 'count'],
        report.handoffsByReason.map((r) => [r.reason, r.count]),
      );
  }
}

const analytics: FastifyPluginAsync<{ now: () => Date }> = async (fastify, options) => {
  const read = fastify.consoleAuth.requirePermission('analytics:read');

  async function report(query: AnalyticsQuery): Promise<AnalyticsReport> {
    const { timeZone } = fastify.consoleSettings;
    const to = query.to ?? dayOf(options.now(), timeZone);
    const from = query.from ?? shiftDay(to, -(DEFAULT_RANGE_DAYS - 1));
    assertDayRange(from, to, MAX_RANGE_DAYS);
    const { start, end } = instantRange(from, to, timeZone);
    const facts = await fastify.analyticsQueries.facts({
      start,
      end,
      ...(query.locale === undefined ? {} : { locale: query.locale }),
      ...(query.channel === undefined ? {} : { channel: query.channel }),
    });
    return buildAnalyticsReport(facts, { from, to, timeZone });
  }

  fastify.get<{ Querystring: AnalyticsQuery }>(
    '/analytics',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'analytics',
        summary: 'The analytics report over a range of shop-time days',
        description: `Default: the ${DEFAULT_RANGE_DAYS} days up to today; at most ${MAX_RANGE_DAYS} days.`,
        access: read,
        querystring: AnalyticsQuery,
        response: { 200: AnalyticsReport },
        refusals: { 400: DAY_RANGE_PROBLEMS },
      }),
      onRequest: read,
    },
    async (request) => report(request.query),
  );

  fastify.get<{ Querystring: AnalyticsCsvQuery }>(
    '/analytics.csv',
    {
      schema: consoleRouteSchema('GET', {
        tag: 'analytics',
        summary: 'One table of the analytics report as CSV',
        description:
          'UTF-8 with a BOM (Excel), CRLF; a cell starting with =, +, -, @, tab or CR gets a leading apostrophe.',
        access: read,
        querystring: AnalyticsCsvQuery,
        response: { 200: { description: 'The table', content: { 'text/csv': { schema: Type.String() } } } },
        refusals: { 400: DAY_RANGE_PROBLEMS },
      }),
      onRequest: read,
    },
    async (request, reply) => {
      const { report: table, ...query } = request.query;
      const result = await report(query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="analytics-${table}-${result.from}-${result.to}.csv"`,
        )
        .send(reportCsv(result, table));
    },
  );
};

export default analytics;
