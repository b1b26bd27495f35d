/** Why the engine refused a message (bot/nlu/decide.ts NoneReason), in words: try-a-phrase and unanswered. */
import type { LocalizeController } from '../controllers/localize-controller.ts';

/**
 * A refusal reason in words with its code, e.g. 「他社のサービスについての質問 「amazon」 (other-company)」;
 * an unknown code as is.
 */
export function nluReasonLabel(
  localize: LocalizeController,
  reason: string,
  otherCompany: string | null = null,
): string {
  const labels: Record<string, string> = {
    'none-intent': localize.term('reason_none_intent'),
    'low-score': localize.term('reason_low_score'),
    'nearest-is-none': localize.term('reason_nearest_is_none'),
    'unknown-words': localize.term('reason_unknown_words'),
    'other-company': localize.term('reason_other_company'),
    empty: localize.term('reason_empty'),
  };
  const label = labels[reason];
  if (!label) return reason;
  return `${label}${otherCompany ? ` 「${otherCompany}」` : ''} (${reason})`;
}
