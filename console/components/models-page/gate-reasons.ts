/**
 * The publish gate's reasons in the staff member's language: the server sends each reason as a code and
 * its figures (bot/nlu/publish-gate.ts), never a sentence.
 */
import { html, nothing } from 'lit';
import type { GateReason } from '../../../server/schemas/console-api.ts';
import type { LocalizeController } from '../../controllers/localize-controller.ts';

/** One reason as a sentence. */
export function gateReasonText(localize: LocalizeController, reason: GateReason): string {
  const locale = localize.term(`locale_${reason.locale}`);
  switch (reason.code) {
    case 'PUBLISH_GATE_INTENT_REMOVED':
      return localize.term('gateIntentRemoved', locale, reason.intent, localize.count(reason.messages));
    case 'PUBLISH_GATE_LOCALE_MISSING':
      return localize.term('gateLocaleMissing', locale);
    case 'PUBLISH_GATE_SCORE_DROPPED': {
      const measure =
        reason.measure === 'in-scope-accuracy'
          ? localize.term('inScopeAccuracy')
          : reason.measure === 'out-of-scope-recall'
            ? localize.term('outOfScopeRecall')
            : localize.term('cvAccuracyShort');
      return localize.term(
        'gateScoreDropped',
        locale,
        measure,
        localize.percent(reason.live),
        localize.percent(reason.candidate),
      );
    }
  }
}

/** The reasons as a list (nothing when there are none); `section` names it for tests. */
export function renderGateReasons(
  localize: LocalizeController,
  reasons: readonly GateReason[],
  section?: string,
) {
  if (reasons.length === 0) return nothing;
  return html`<ul class="reasons" data-section=${section ?? nothing}>
    ${reasons.map((reason) => html`<li data-code=${reason.code}>${gateReasonText(localize, reason)}</li>`)}
  </ul>`;
}
