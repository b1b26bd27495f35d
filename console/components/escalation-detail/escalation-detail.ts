/** Defines `<console-escalation-detail>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleEscalationDetail } from './escalation-detail.component.ts';

export { ConsoleEscalationDetail };

defineOnce('console-escalation-detail', ConsoleEscalationDetail);

declare global {
  interface HTMLElementTagNameMap {
    'console-escalation-detail': ConsoleEscalationDetail;
  }
}
