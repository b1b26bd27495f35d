import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConsoleElement } from '../../internal/console-element.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { stringListStyles } from './string-list.styles.ts';

/**
 * @summary An editable list of short texts (utterances, tests, quick replies): each with a remove
 * button, and a field with an add button (Enter adds too). Duplicates and blanks are not added.
 *
 * @event console-change - The list changed; `detail` is the new array.
 */
export class ConsoleStringList extends ConsoleElement {
  static override styles = [componentStyles, stringListStyles];

  /** The items. */
  @property({ attribute: false }) accessor items: string[] = [];
  /** The accessible name of the list and its add field. */
  @property() accessor label = '';
  /** Suggestions for the add field (a datalist), e.g. intent ids for quick replies. */
  @property({ attribute: false }) accessor suggestions: string[] = [];

  @state() accessor draft = '';

  override render() {
    return html`
      <ul aria-label=${this.label}>
        ${this.items.map(
          (item, index) => html`
            <li>
              <span class="text">${item}</span>
              <button
                type="button"
                aria-label=${this.term('removeItem', item)}
                title=${this.term('remove')}
                @click=${() => this.change(this.items.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </li>
          `,
        )}
      </ul>
      <div class="add">
        <input
          type="text"
          aria-label=${this.term('addTo', this.label)}
          .value=${this.draft}
          list=${this.suggestions.length > 0 ? 'suggestions' : nothing}
          @input=${(event: Event) => {
            this.draft = (event.target as HTMLInputElement).value;
          }}
          @keydown=${(event: KeyboardEvent) => {
            if (event.key === 'Enter' && !event.isComposing) {
              event.preventDefault();
              this.add();
            }
          }}
        />
        <button type="button" @click=${this.add}>${this.term('add')}</button>
      </div>
      ${
        this.suggestions.length > 0
          ? html`<datalist id="suggestions">${this.suggestions.map((s) => html`<option value=${s}></option>`)}</datalist>`
          : nothing
      }
    `;
  }

  private add(): void {
    const value = this.draft.trim();
    if (value === '' || this.items.includes(value)) return;
    this.draft = '';
    this.change([...this.items, value]);
  }

  private change(items: string[]): void {
    this.items = items;
    this.emit('console-change', items);
  }
}
