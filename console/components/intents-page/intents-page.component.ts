import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type {
  CorpusChange,
  CorpusHistory,
  IntentList,
  RestoreResult,
} from '../../../server/schemas/console-api.ts';
import { type ApiError, api } from '../../api/api-client.ts';
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
 * first); each row opens the editor. Below, the history of changes (`GET /corpus/history`): an editor can
 * bring the corpus back to any earlier point.
 */
export class ConsoleIntentsPage extends ConsoleElement {
  static override styles = [componentStyles, intentsPageStyles];

  @state() accessor query = '';
  /** The locale filter: '' for all; starts as the staff member's console language. */
  @state() accessor locale: string = this.localize.locale;
  /** The change whose restore awaits confirmation. */
  @state() accessor confirming: string | undefined;
  /** What the last restore did, or why it failed. */
  @state() accessor restoreNotice: string | undefined;
  @state() accessor restoreError: ApiError | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly history = new LoadController(this, () => api.get<CorpusHistory>('/corpus/history'));
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
      ${this.renderHistory()}
    `;
  }

  private renderHistory() {
    const changes = this.history.value?.changes ?? [];
    return html`
      <section class="history" aria-labelledby="history-title">
        <h2 id="history-title">${this.term('corpusHistory')}</h2>
        <p class="muted small">${this.term('corpusHistoryHelp')}</p>
        ${errorAlert(this.localize, this.history.error ?? this.restoreError)}
        ${this.restoreNotice ? html`<div class="alert success" role="status">${this.restoreNotice}</div>` : ''}
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>${this.term('updatedAt')}</th>
                <th>${this.term('corpusHistory')}</th>
                <th>${this.term('changedIntents')}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${changes.map((change) => this.renderChange(change))}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }

  private renderChange(change: CorpusChange) {
    const when = this.localize.dateTime(change.at);
    return html`
      <tr data-change=${change.changeId}>
        <td class="small">${when}</td>
        <td>${this.term(`corpusChange_${change.change}`)}${change.byName ? html` · ${change.byName}` : ''}</td>
        <td class="num">${change.revisions}</td>
        <td>
          ${
            !session.can('corpus:write')
              ? ''
              : this.confirming === change.changeId
                ? html`<span>${this.term('confirmRestore', when)}</span>
                    <button class="danger solid" type="button" data-action="confirm-restore" @click=${() => this.restore(change.changeId)}>
                      ${this.term('restoreHere')}
                    </button>
                    <button type="button" @click=${() => {
                      this.confirming = undefined;
                    }}>${this.term('cancel')}</button>`
                : html`<button type="button" data-action="restore" @click=${() => {
                    this.confirming = change.changeId;
                  }}>${this.term('restoreHere')}</button>`
          }
        </td>
      </tr>
    `;
  }

  private async restore(changeId: string): Promise<void> {
    this.confirming = undefined;
    this.restoreError = undefined;
    try {
      const result = await api.post<RestoreResult>(`/corpus/history/${encodeURIComponent(changeId)}/restore`);
      this.restoreNotice = this.term('restored', result.intents);
    } catch (error) {
      this.restoreNotice = undefined;
      this.restoreError = error as ApiError;
    }
    await Promise.all([this.intents.reload(), this.history.reload()]);
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
