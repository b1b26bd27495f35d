/** Labels shared by the escalation list and detail: handoff reasons and status badges. */
import { html } from 'lit';
import type { LocalizeController } from '../controllers/localize-controller.ts';

/** A handoff reason (bot/respond.ts HandoffReason) in words; an unknown one as is. */
export function handoffReasonLabel(localize: LocalizeController, reason: string): string {
  switch (reason) {
    case 'user-requested':
      return localize.term('handoff_user_requested');
    case 'low-confidence':
      return localize.term('handoff_low_confidence');
    case 'repeated-fallback':
      return localize.term('handoff_repeated_fallback');
    case 'defect-report':
      return localize.term('handoff_defect_report');
    case 'change-request':
      return localize.term('handoff_change_request');
    default:
      return reason;
  }
}

/** The open / resolved badge. */
export function statusBadge(localize: LocalizeController, status: 'open' | 'resolved') {
  return status === 'open'
    ? html`<span class="badge warning" data-status="open">${localize.term('escalation_open')}</span>`
    : html`<span class="badge success" data-status="resolved">${localize.term('escalation_resolved')}</span>`;
}

/** A mail's delivery status badge. */
export function mailStatusBadge(
  localize: LocalizeController,
  status: 'pending' | 'sending' | 'sent' | 'failed',
) {
  const tone = { pending: 'warning', sending: 'info', sent: 'success', failed: 'danger' }[status];
  return html`<span class="badge ${tone}" data-mail-status=${status}>${localize.term(`mail_${status}`)}</span>`;
}
