/** Defines `<console-sign-in>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleSignIn } from './sign-in.component.ts';

export { ConsoleSignIn };

defineOnce('console-sign-in', ConsoleSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'console-sign-in': ConsoleSignIn;
  }
}
