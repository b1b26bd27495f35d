/** Defines `<console-privacy-page>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsolePrivacyPage } from './privacy-page.component.ts';

export { ConsolePrivacyPage };

defineOnce('console-privacy-page', ConsolePrivacyPage);

declare global {
  interface HTMLElementTagNameMap {
    'console-privacy-page': ConsolePrivacyPage;
  }
}
