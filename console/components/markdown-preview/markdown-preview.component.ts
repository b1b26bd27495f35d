import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { fillPlaceholders } from '../../../bot/answers/render-answer.ts';
import type { ShopPlaceholders } from '../../../server/schemas/console-api.ts';
import { markdownStyles } from '../../../widget/markdown/markdown.styles.ts';
import { renderMarkdown } from '../../../widget/markdown/render-markdown.ts';
import { shopPlaceholders } from '../../api/shop-placeholders.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { markdownPreviewStyles } from './markdown-preview.styles.ts';

/**
 * @summary An answer as the widget will show it: with `locale` set, its {{placeholders}} filled with the
 * shop's values (`GET /shop`, asked once per session; unknown ones stay as written, as the bot leaves
 * them), then the widget's own markdown path (`marked` → DOMPurify allow-list → DOM,
 * widget/markdown/render-markdown.ts), so raw HTML, scripts and javascript: links stay inert here exactly
 * as they do for shoppers. Filling comes first, as in the bot, so a value is never raw HTML either.
 *
 * @csspart bubble - The answer bubble.
 */
export class ConsoleMarkdownPreview extends ConsoleElement {
  static override styles = [componentStyles, markdownStyles, markdownPreviewStyles];

  /** The answer's Markdown. */
  @property() accessor markdown = '';
  /** The answer's locale: its placeholders are filled with the shop's values for it (unset: shown as written). */
  @property() accessor locale: 'ja' | 'en' | undefined;

  @state() accessor placeholders: ShopPlaceholders['placeholders'] | undefined;
  private node: HTMLElement = document.createElement('div');

  override connectedCallback(): void {
    super.connectedCallback();
    void shopPlaceholders().then((placeholders) => {
      this.placeholders = placeholders;
    });
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('markdown') || changed.has('locale') || changed.has('placeholders')) {
      const values = this.locale ? this.placeholders?.[this.locale] : undefined;
      const node = document.createElement('div');
      node.className = 'markdown';
      node.append(renderMarkdown(values ? fillPlaceholders(this.markdown, values) : this.markdown));
      this.node = node;
    }
  }

  override render() {
    return html`<div class="bubble" part="bubble">${this.node}</div>`;
  }
}
