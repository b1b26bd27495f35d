/** Defines `<console-intent-editor>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleIntentEditor } from './intent-editor.component.ts';

export { ConsoleIntentEditor };

defineOnce('console-intent-editor', ConsoleIntentEditor);

declare global {
  interface HTMLElementTagNameMap {
    'console-intent-editor': ConsoleIntentEditor;
  }
}
