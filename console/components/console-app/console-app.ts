/** Defines `<console-app>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleApp } from './console-app.component.ts';

export { ConsoleApp };

defineOnce('console-app', ConsoleApp);

declare global {
  interface HTMLElementTagNameMap {
    'console-app': ConsoleApp;
  }
}
