/** Defines `<console-string-list>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleStringList } from './string-list.component.ts';

export { ConsoleStringList };

defineOnce('console-string-list', ConsoleStringList);

declare global {
  interface HTMLElementTagNameMap {
    'console-string-list': ConsoleStringList;
  }
}
