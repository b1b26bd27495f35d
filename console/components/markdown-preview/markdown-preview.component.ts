import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { markdownStyles } from '../../../widget/markdown/markdown.styles.ts';
import { renderMarkdown } from '../../../widget/markdown/render-markdown.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { markdownPreviewStyles } from './markdown-preview.styles.ts';

/**
 * @summary An answer as the widget will show it: the widget's own markdown path (`marked` → DOMPurify
 * allow-list → DOM, widget/markdown/render-markdown.ts), so raw HTML, scripts and javascript: links stay
 * inert here exactly as they do for shoppers.
 *
 * @csspart bubble - The answer bubble.
 */
export class ConsoleMarkdownPreview extends ConsoleElement {
  static override styles = [componentStyles, markdownStyles, markdownPreviewStyles];

  /** The answer's Markdown (placeholders such as `{{shopName}}` are shown as written). */
  @property() accessor markdown = '';

  private node: HTMLElement = document.createElement('div');

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('markdown')) {
      const node = document.createElement('div');
      node.className = 'markdown';
      node.append(renderMarkdown(this.markdown));
      this.node = node;
    }
  }

  override render() {
    return html`<div class="bubble" part="bubble">${this.node}</div>`;
  }
}
