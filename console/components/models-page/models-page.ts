/** Defines `<console-models-page>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleModelsPage } from './models-page.component.ts';

export { ConsoleModelsPage };

defineOnce('console-models-page', ConsoleModelsPage);

declare global {
  interface HTMLElementTagNameMap {
    'console-models-page': ConsoleModelsPage;
  }
}
