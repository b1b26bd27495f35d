/** Defines `<console-try-page>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleTryPage } from './try-page.component.ts';

export { ConsoleTryPage };

defineOnce('console-try-page', ConsoleTryPage);

declare global {
  interface HTMLElementTagNameMap {
    'console-try-page': ConsoleTryPage;
  }
}
