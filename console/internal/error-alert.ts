/**
 * How an API failure looks everywhere: a sentence in the staff member's language chosen by the error's
 * stable code (the server's English message is for logs and API clients, not for staff). A code the
 * table lacks shows a general sentence with the server's message and the code, so it can be reported;
 * no answer at all shows a sentence of our own.
 */
import { html, nothing } from 'lit';
import { type ApiError, NETWORK_ERROR_CODE } from '../api/api-client.ts';
import type { LocalizeController } from '../controllers/localize-controller.ts';

/** An alert for the error, or nothing. */
export function errorAlert(localize: LocalizeController, error: ApiError | undefined | null) {
  if (!error) return nothing;
  if (error.code === NETWORK_ERROR_CODE) {
    return html`<div class="alert error" role="alert" data-code=${error.code}>${localize.term('networkError')}</div>`;
  }
  const known = localize.errorTerm(error.code);
  if (known) return html`<div class="alert error" role="alert" data-code=${error.code}>${known}</div>`;
  return html`<div class="alert error" role="alert" data-code=${error.code}>
    ${localize.term('errorUnknown')} <span class="text">${error.message}</span><span class="code">${error.code}</span>
  </div>`;
}
