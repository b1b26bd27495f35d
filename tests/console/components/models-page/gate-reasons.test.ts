import { afterEach, describe, expect, test, vi } from 'vitest';
import { gateReasonText } from '../../../../console/components/models-page/gate-reasons.ts';
import { LocalizeController } from '../../../../console/controllers/localize-controller.ts';
import type { GateReason } from '../../../../server/schemas/console-api.ts';

const localize = new LocalizeController({ addController() {} } as never);

const REASONS: { name: string; reason: GateReason; ja: string; en: string }[] = [
  {
    name: 'an intent removed while shoppers are answered with it',
    reason: { code: 'PUBLISH_GATE_INTENT_REMOVED', locale: 'ja', intent: 'shipping.fee', messages: 1200 },
    ja: '日本語: shipping.fee を削除していますが、最近 1,200 件のお客様のメッセージに回答しています',
    en: 'Japanese: shipping.fee is removed but answered 1,200 shopper messages recently',
  },
  {
    name: 'a locale the new model lacks',
    reason: { code: 'PUBLISH_GATE_LOCALE_MISSING', locale: 'en' },
    ja: '英語: 新しいモデルには英語のモデルがありません',
    en: 'English: the new model has no English model',
  },
  {
    name: 'a score that dropped',
    reason: {
      code: 'PUBLISH_GATE_SCORE_DROPPED',
      locale: 'ja',
      measure: 'out-of-scope-recall',
      live: 0.9,
      candidate: 0.887,
    },
    ja: '日本語の対象外の検出率 90.0% → 88.7%',
    en: 'Japanese: Out-of-scope recall 90.0% → 88.7%',
  },
];

describe('gateReasonText', () => {
  afterEach(() => vi.unstubAllGlobals());

  test.each(REASONS)('words $name in Japanese for Japanese staff', ({ reason, ja }) => {
    vi.stubGlobal('navigator', { language: 'ja-JP' });
    expect(gateReasonText(localize, reason)).toBe(ja);
  });

  test.each(REASONS)('words $name in English for English staff', ({ reason, en }) => {
    vi.stubGlobal('navigator', { language: 'en-US' });
    expect(gateReasonText(localize, reason)).toBe(en);
  });
});
