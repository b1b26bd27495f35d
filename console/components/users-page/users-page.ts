/** Defines `<console-users-page>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleUsersPage } from './users-page.component.ts';

export { ConsoleUsersPage };

defineOnce('console-users-page', ConsoleUsersPage);

declare global {
  interface HTMLElementTagNameMap {
    'console-users-page': ConsoleUsersPage;
  }
}
