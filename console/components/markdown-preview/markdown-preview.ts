/** Defines `<console-markdown-preview>`. */
import { defineOnce } from '../../internal/console-element.ts';
import { ConsoleMarkdownPreview } from './markdown-preview.component.ts';

export { ConsoleMarkdownPreview };

defineOnce('console-markdown-preview', ConsoleMarkdownPreview);

declare global {
  interface HTMLElementTagNameMap {
    'console-markdown-preview': ConsoleMarkdownPreview;
  }
}
