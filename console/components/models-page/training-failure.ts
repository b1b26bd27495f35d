/**
 * Why a training failed, in the staff member's language. The server stores the failure as
 * `CODE: detail` (server/errors.ts errorText); a code with a translation shows that sentence, the
 * detail and code stay beside it for reporting. Anything else is shown as stored.
 */
import { html } from 'lit';
import type { LocalizeController } from '../../controllers/localize-controller.ts';

const CODED = /^([A-Z]+_ERR_[A-Z_]+): ?(.*)$/su;

/** The failure note of a failed version. */
export function renderTrainingFailure(localize: LocalizeController, stored: string | null) {
  const match = CODED.exec(stored ?? '');
  const known = match ? localize.errorTerm(match[1]!) : undefined;
  if (!match || !known) return html`<div class="alert error">${stored ?? ''}</div>`;
  return html`<div class="alert error" data-code=${match[1]!}>
    ${known} <span class="text">${match[2]}</span><span class="code">${match[1]}</span>
  </div>`;
}
