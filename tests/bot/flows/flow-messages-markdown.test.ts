/**
 * Every sentence of the flows, filled with the kind of value it gets in a chat, renders as the widget
 * renders it: no `**` shown as text. CommonMark does not close `**` right after a bracket when a letter
 * follows, so 「お届けは**12月14日(月)**です」 showed its stars (found by the demo shop e2e).
 */
import { describe, expect, test } from 'vitest';
import { lintAnswerMarkdown } from '../../../bot/corpus/lint-answer-markdown.ts';
import { cancellationMessages } from '../../../bot/flows/cancellation-messages.ts';
import { defectMessages } from '../../../bot/flows/defect-messages.ts';
import { shippingDateMessages } from '../../../bot/flows/shipping-date-messages.ts';
import { shopperMessages } from '../../../bot/flows/shopper-subscription-messages.ts';
import { formatShopDate } from '../../../bot/flows/shopper-subscriptions.ts';
import { sizingMessages } from '../../../bot/flows/sizing-messages.ts';
import { subscriptionMessages } from '../../../bot/flows/subscription-messages.ts';
import { trackingMessages } from '../../../bot/flows/tracking-messages.ts';
import { handoffMessages } from '../../../bot/handoff/handoff-messages.ts';
import { fillMessage, type MessageTables } from '../../../bot/i18n/message-table.ts';
import type { Locale } from '../../../bot/locale.ts';

const TABLES: Record<string, MessageTables<string>> = {
  cancellationMessages,
  defectMessages,
  shippingDateMessages,
  shopperMessages,
  sizingMessages,
  subscriptionMessages,
  trackingMessages,
  handoffMessages,
};

/** Placeholders that hold a date: the formatted date ends with its weekday in brackets. */
const DATE_PLACEHOLDERS = ['date', 'deadline', 'ship', 'delivery', 'ordered'];

function sampleValues(template: string, locale: Locale): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [, name] of template.matchAll(/\{\{(\w+)\}\}/gu)) {
    values[name!] = DATE_PLACEHOLDERS.includes(name!)
      ? formatShopDate('2026-12-14', locale)
      : locale === 'ja'
        ? '定期便'
        : 'sample';
  }
  return values;
}

describe.each(Object.entries(TABLES))('%s', (_name, tables) => {
  test.each(['ja', 'en'] as const)('in %s, no sentence shows ** or __ as text', (locale) => {
    const literal = Object.entries(tables[locale]).flatMap(([key, template]) => {
      const filled = fillMessage(template, sampleValues(template, locale));
      return lintAnswerMarkdown(filled, locale)
        .filter((issue) => issue.code === 'CORPUS_LITERAL_EMPHASIS')
        .map(() => `${key}: ${filled}`);
    });
    expect(literal).toEqual([]);
  });
});
