/** Shop facts and a line builder for tests that drive one flow directly (no engine, no respond()). */
import type { FlowFacts, FlowInput } from '../../../bot/flows/flow.ts';
import { jst, SHOP_CALENDAR } from '../calendar/fixtures.ts';

/** Demo calendar, 14:00 cut-off, Tokyo next day, Okinawa four days; a shoe and apparel size table. */
export const FLOW_FACTS: FlowFacts = {
  myPageUrl: 'https://shop.example/mypage',
  changeDeadlineDays: 7,
  orderNumberPattern: '[0-9]{8}',
  calendar: SHOP_CALENDAR,
  cutoffTime: '14:00',
  leadDays: { default: 2, prefectures: { '13': 1, '47': 4 } },
  preorders: [{ name: { ja: '冬季限定ボディクリーム', en: 'Winter Body Cream' }, shipDate: '2026-12-10' }],
  returnDays: 8,
  sizing: {
    shoes: { minCm: 22, maxCm: 28, stepCm: 0.5, wideOrHighInstepCm: 0.5 },
    apparel: [
      { size: 'S', upToHeightCm: 155 },
      { size: 'M', upToHeightCm: 165 },
      { size: 'L', upToHeightCm: 175 },
    ],
  },
};

/** One shopper line for a flow whose shop.yaml entry is `config`: Tuesday 2026-11-24 10:00 JST. */
export function lineFor<C>(config: C, text: string, extra: Partial<FlowInput<C>> = {}): FlowInput<C> {
  return {
    text,
    chosen: undefined,
    locale: 'ja',
    now: jst('2026-11-24T10:00'),
    settings: FLOW_FACTS,
    config,
    ...extra,
  };
}
