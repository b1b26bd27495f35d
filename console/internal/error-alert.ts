/**
 * How an API failure looks everywhere: the server's message as text (it is written for people), its
 * stable code beside it, and a sentence of our own when there was no answer at all.
 */
import { html, nothing } from 'lit';
import { type ApiError, NETWORK_ERROR_CODE } from '../api/api-client.ts';
import type { LocalizeController } from '../controllers/localize-controller.ts';

/** An alert for the error, or nothing. */
export function errorAlert(localize: LocalizeController, error: ApiError | undefined | null) {
  if (!error) return nothing;
  const message =
    error.code === NETWORK_ERROR_CODE
      ? localize.term('networkError')
      : error.status === 403
        ? `${localize.term('forbidden')} ${error.message}`
        : error.message;
  return html`<div class="alert error" role="alert" data-code=${error.code}>
    ${message}<span class="code">${error.code}</span>
  </div>`;
}
