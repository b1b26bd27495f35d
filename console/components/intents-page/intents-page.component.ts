import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type { IntentList } from '../../../server/schemas/console-api.ts';
import { api } from '../../api/api-client.ts';
import { session } from '../../api/session.ts';
import { LoadController } from '../../controllers/load-controller.ts';
import { hashOf } from '../../controllers/route-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { intentsPageStyles } from './intents-page.styles.ts';

/** Milliseconds between the last keystroke in the search box and the search. */
const SEARCH_DELAY_MS = 250;

/**
 * @summary 意図: the corpus's intents (`GET /intents`), searchable in ids, titles, utterances and answers,
 * filtered by locale (the staff member's own language until they choose; with all languages theirs comes
 * first); each row opens the editor.
 */
export class ConsoleIntentsPage extends ConsoleElement {
  static override styles = [componentStyles, intentsPageStyles];

  @state() accessor query = '';
  /** The locale filter: '' for all; starts as the staff member's console language. */
  @state() accessor locale: string = this.localize.locale;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly intents = new LoadController(this, () =>
    api.get<IntentList>('/intents', { q: this.query.trim(), locale: this.locale }),
  );

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  override render() {
    // The API lists locales alphabetically (en before ja): the staff member's own language goes first.
    const own = this.localize.locale;
    const list = [...(this.intents.value?.intents ?? [])].sort(
      (a, b) => Number(a.locale !== own) - Number(b.locale !== own),
    );
    return html`
      <h1>${this.term('navIntents')}</h1>
      <div class="toolbar">
        <label class="field grow">
          ${this.term('search')}
          <input
            type="search"
            name="q"
            .value=${this.query}
            placeholder=${this.term('intentSearchPlaceholder')}
            @input=${this.onSearch}
          />
        </label>
        <label class="field">
          ${this.term('locale')}
          <select name="locale" @change=${this.onLocale}>
            <option value="" ?selected=${this.locale === ''}>${this.term('allLocales')}</option>
            <option value="ja" ?selected=${this.locale === 'ja'}>${this.term('locale_ja')}</option>
            <option value="en" ?selected=${this.locale === 'en'}>${this.term('locale_en')}</option>
          </select>
        </label>
        ${
          session.can('corpus:write')
            ? html`<a class="button primary" href=${hashOf('intents', 'new')}>${this.term('newIntent')}</a>`
            : ''
        }
      </div>
      ${errorAlert(this.localize, this.intents.error)}
      <p class="muted small" role="status">
        ${this.intents.loading && !this.intents.value ? this.term('loading') : this.term('intentCount', list.length)}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>${this.term('title')}</th>
              <th>${this.term('intentId')}</th>
              <th>${this.term('locale')}</th>
              <th>${this.term('domain')}</th>
              <th class="num">${this.term('utterances')}</th>
              <th class="num">${this.term('tests')}</th>
              <th>${this.term('answer')}</th>
              <th>${this.term('updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            ${list.map(
              (intent) => html`
                <tr data-intent=${intent.id} data-locale=${intent.locale}>
                  <td class="title-cell">
                    <a href=${hashOf('intents', intent.locale, intent.id)}>${intent.title}</a>
                  </td>
                  <td class="id-cell">${intent.id}</td>
                  <td>${this.term(`locale_${intent.locale}`)}</td>
                  <td>${intent.domain}</td>
                  <td class="num">${intent.utterances}</td>
                  <td class="num">${intent.tests}</td>
                  <td>
                    ${
                      intent.hasAnswer
                        ? html`<span class="badge success">${this.term('hasAnswer')}</span>`
                        : html`<span class="badge">${this.term('noAnswer')}</span>`
                    }
                  </td>
                  <td class="small muted">${this.localize.dateTime(intent.updatedAt)}</td>
                </tr>
              `,
            )}
          </tbody>
        </table>
        ${list.length === 0 && !this.intents.loading ? html`<div class="empty">${this.term('noIntents')}</div>` : ''}
      </div>
    `;
  }

  private onSearch(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.intents.reload(), SEARCH_DELAY_MS);
  }

  private onLocale(event: Event): void {
    this.locale = (event.target as HTMLSelectElement).value;
    void this.intents.reload();
  }
}
