/** Defines `<console-mail-frame>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleMailFrame } from './mail-frame.component.ts';

export { ConsoleMailFrame };

defineOnce('console-mail-frame', ConsoleMailFrame);

declare global {
  interface HTMLElementTagNameMap {
    'console-mail-frame': ConsoleMailFrame;
  }
}
