import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { ConsoleElement } from '../../internal/console-element.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { mailFrameStyles } from './mail-frame.styles.ts';

/**
 * @summary A mail's HTML body as it was sent, inside a fully sandboxed frame (`sandbox=""`: no script, no
 * same origin, no forms, no navigation of the console) fed by `srcdoc`. The HTML never enters the
 * console's own DOM, so whatever a shopper smuggled into a mail stays inside the frame.
 *
 * @cssproperty --console-mail-frame-height - The frame's height (default 380px).
 */
export class ConsoleMailFrame extends ConsoleElement {
  static override styles = [componentStyles, mailFrameStyles];

  /** The mail's HTML body. */
  @property({ attribute: false }) accessor mailHtml = '';
  /** The frame's accessible title (the mail's subject). */
  @property() accessor subject = '';

  override render() {
    return html`<iframe sandbox="" referrerpolicy="no-referrer" title=${this.subject} .srcdoc=${this.mailHtml}></iframe>`;
  }
}
