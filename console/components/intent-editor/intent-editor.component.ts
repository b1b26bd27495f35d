import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CorpusIntent } from '../../../bot/corpus/corpus-schema.ts';
import type { Locale } from '../../../bot/locale.ts';
import type {
  IntentList,
  LintBody,
  LintIssue,
  LintResult,
  SaveIntentBody,
  SaveIntentResult,
  StoredIntent,
} from '../../../server/schemas/console-api.ts';
import { type ApiError, api } from '../../api/api-client.ts';
import { session } from '../../api/session.ts';
import { hashOf } from '../../controllers/route-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import '../markdown-preview/markdown-preview.ts';
import '../string-list/string-list.ts';
import { intentEditorStyles } from './intent-editor.styles.ts';

/** Milliseconds after the last edit before the draft is linted. */
const LINT_DELAY_MS = 400;

/**
 * @summary Edits one intent of one locale (or creates one): title, description, utterances, tests, the
 * answer with a live preview through the widget's sanitised markdown path, quick replies; the corpus
 * linter runs on the draft as staff type (`POST /corpus/lint`); save (`PUT`) and delete.
 */
export class ConsoleIntentEditor extends ConsoleElement {
  static override styles = [componentStyles, intentEditorStyles];

  /** The intent's locale (unset: a new intent, chosen in the form). */
  @property() accessor locale: Locale | undefined;
  /** The intent's id (unset: a new intent). */
  @property() accessor intentId: string | undefined;

  @state() accessor draftLocale: Locale = 'ja';
  @state() accessor domain = '';
  @state() accessor draft: CorpusIntent = { id: '', title: '', utterances: [] };
  @state() accessor stored: StoredIntent | undefined;
  @state() accessor loadError: ApiError | undefined;
  @state() accessor saveError: ApiError | undefined;
  @state() accessor lintError: ApiError | undefined;
  @state() accessor issues: LintIssue[] = [];
  @state() accessor linting = false;
  @state() accessor saving = false;
  @state() accessor saved = false;
  @state() accessor dirty = false;
  @state() accessor confirmingDelete = false;
  @state() accessor intentIds: string[] = [];
  private lintTimer: ReturnType<typeof setTimeout> | undefined;
  private lintGeneration = 0;

  private get isNew(): boolean {
    return !this.intentId;
  }

  private get canWrite(): boolean {
    return session.can('corpus:write');
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || changed.has('intentId')) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.lintTimer);
  }

  private async load(): Promise<void> {
    this.saved = false;
    this.dirty = false;
    this.confirmingDelete = false;
    if (this.locale) this.draftLocale = this.locale;
    void this.loadIntentIds();
    if (!this.locale || !this.intentId) {
      this.stored = undefined;
      this.domain = 'faq';
      this.draft = { id: '', title: '', utterances: [] };
      return;
    }
    try {
      const stored = await api.get<StoredIntent>(
        `/intents/${this.locale}/${encodeURIComponent(this.intentId)}`,
      );
      this.stored = stored;
      this.domain = stored.domain;
      this.draft = structuredClone(stored.intent);
      this.loadError = undefined;
      this.scheduleLint(0);
    } catch (error) {
      this.loadError = error as ApiError;
    }
  }

  private async loadIntentIds(): Promise<void> {
    try {
      const list = await api.get<IntentList>('/intents', { locale: this.draftLocale });
      this.intentIds = [...new Set(list.intents.map((intent) => intent.id))].sort();
    } catch {
      // Only suggestions for quick replies: the editor works without them.
    }
  }

  private patchDraft(patch: Partial<CorpusIntent>): void {
    const next: CorpusIntent = { ...this.draft, ...patch };
    for (const key of Object.keys(patch) as (keyof CorpusIntent)[]) {
      const value = next[key];
      if (value === '' || (Array.isArray(value) && value.length === 0 && key !== 'utterances'))
        delete next[key];
    }
    this.draft = next;
    this.dirty = true;
    this.saved = false;
    this.scheduleLint();
  }

  private scheduleLint(delay = LINT_DELAY_MS): void {
    clearTimeout(this.lintTimer);
    this.lintTimer = setTimeout(() => void this.lint(), delay);
  }

  private body(): SaveIntentBody {
    return { domain: this.domain, intent: this.draft };
  }

  private async lint(): Promise<void> {
    if (!this.draft.id) return;
    const generation = ++this.lintGeneration;
    const body: LintBody = { draft: { locale: this.draftLocale, ...this.body() } };
    this.linting = true;
    try {
      const result = await api.post<LintResult>('/corpus/lint', body);
      if (generation !== this.lintGeneration) return;
      this.issues = result.issues;
      this.lintError = undefined;
    } catch (error) {
      if (generation !== this.lintGeneration) return;
      this.lintError = error as ApiError;
    } finally {
      if (generation === this.lintGeneration) this.linting = false;
    }
  }

  /** The linter's findings about this intent (the rest of the corpus is summed up in one line). */
  private get ownIssues(): LintIssue[] {
    return this.issues.filter(
      (issue) =>
        issue.intent === this.draft.id && (issue.locale === undefined || issue.locale === this.draftLocale),
    );
  }

  override render() {
    if (this.loadError) {
      return html`<p><a href=${hashOf('intents')}>← ${this.term('backToIntents')}</a></p>
        ${errorAlert(this.localize, this.loadError)}`;
    }
    const readOnly = !this.canWrite;
    const own = this.ownIssues;
    const others = this.issues.length - own.length;
    const isNone = this.draft.id === 'none';
    return html`
      <p><a href=${hashOf('intents')}>← ${this.term('backToIntents')}</a></p>
      <div class="head">
        <h1>${this.isNew ? this.term('newIntent') : this.draft.title || this.draft.id}</h1>
        ${this.isNew ? nothing : html`<span class="mono muted">${this.draftLocale} / ${this.draft.id}</span>`}
        ${
          this.stored
            ? html`<span class="small muted"
                >${this.term('lastUpdated', this.localize.dateTime(this.stored.updatedAt), this.stored.updatedByName ?? '—')}</span
              >`
            : nothing
        }
      </div>
      ${readOnly ? nothing : this.renderSaveBar()}
      <div class="grid">
        <div>
          <section class="card fields">
            ${
              this.isNew
                ? html`
                    <label class="field">
                      ${this.term('intentId')}
                      <input
                        name="id"
                        class="mono"
                        placeholder="shipping.fee"
                        .value=${this.draft.id}
                        @input=${(e: Event) => this.patchDraft({ id: (e.target as HTMLInputElement).value.trim() })}
                      />
                    </label>
                    <label class="field">
                      ${this.term('locale')}
                      <select
                        name="locale"
                        @change=${(e: Event) => {
                          this.draftLocale = (e.target as HTMLSelectElement).value as Locale;
                          void this.loadIntentIds();
                          this.scheduleLint();
                        }}
                      >
                        <option value="ja" ?selected=${this.draftLocale === 'ja'}>${this.term('locale_ja')}</option>
                        <option value="en" ?selected=${this.draftLocale === 'en'}>${this.term('locale_en')}</option>
                      </select>
                    </label>
                  `
                : nothing
            }
            <label class="field">
              ${this.term('title')}
              <input
                name="title"
                maxlength="40"
                .value=${this.draft.title}
                ?readonly=${readOnly}
                @input=${(e: Event) => this.patchDraft({ title: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label class="field">
              ${this.term('domain')}
              <input
                name="domain"
                class="mono"
                .value=${this.domain}
                ?readonly=${readOnly}
                @input=${(e: Event) => {
                  this.domain = (e.target as HTMLInputElement).value.trim();
                  this.dirty = true;
                  this.scheduleLint();
                }}
              />
            </label>
            <label class="field wide">
              ${this.term('description')}
              <textarea
                name="description"
                rows="2"
                .value=${this.draft.description ?? ''}
                ?readonly=${readOnly}
                @input=${(e: Event) => this.patchDraft({ description: (e.target as HTMLTextAreaElement).value })}
              ></textarea>
            </label>
          </section>
          <section class="card" data-section="utterances">
            <h2>${this.term('utterances')} <span class="badge">${this.draft.utterances.length}</span></h2>
            <p class="small muted">${this.term('utterancesHelp')}</p>
            <console-string-list
              .items=${this.draft.utterances}
              label=${this.term('utterances')}
              @console-change=${(e: CustomEvent<string[]>) => this.patchDraft({ utterances: e.detail })}
            ></console-string-list>
          </section>
          <section class="card" data-section="tests">
            <h2>${this.term('tests')} <span class="badge">${this.draft.tests?.length ?? 0}</span></h2>
            <p class="small muted">${this.term('testsHelp')}</p>
            <console-string-list
              .items=${this.draft.tests ?? []}
              label=${this.term('tests')}
              @console-change=${(e: CustomEvent<string[]>) => this.patchDraft({ tests: e.detail })}
            ></console-string-list>
          </section>
        </div>
        <div>
          <section class="card" data-section="answer">
            <h2>${this.term('answer')}</h2>
            ${
              isNone
                ? html`<p class="muted">${this.term('noneHasNoAnswer')}</p>`
                : html`
                    <label class="field">
                      ${this.term('answerMarkdown')}
                      <textarea
                        name="answer"
                        class="answer"
                        .value=${this.draft.answer ?? ''}
                        ?readonly=${readOnly}
                        @input=${(e: Event) => this.patchDraft({ answer: (e.target as HTMLTextAreaElement).value })}
                      ></textarea>
                    </label>
                    <p class="small muted">${this.term('answerHelp')}</p>
                    <h3>${this.term('preview')}</h3>
                    <console-markdown-preview .markdown=${this.draft.answer ?? ''} .locale=${this.draftLocale}></console-markdown-preview>
                  `
            }
          </section>
          <section class="card" data-section="quick-replies">
            <h2>${this.term('quickReplies')}</h2>
            <console-string-list
              .items=${this.draft.quickReplies ?? []}
              .suggestions=${this.intentIds}
              label=${this.term('quickReplies')}
              @console-change=${(e: CustomEvent<string[]>) => this.patchDraft({ quickReplies: e.detail })}
            ></console-string-list>
          </section>
          <section class="card lint" data-section="lint" aria-live="polite">
            <h2>${this.term('lint')} ${this.linting ? html`<span class="small muted">${this.term('checking')}</span>` : nothing}</h2>
            ${errorAlert(this.localize, this.lintError)}
            ${
              own.length === 0
                ? html`<p class="badge success" data-lint="clean">${this.term('lintClean')}</p>`
                : html`<ul>
                    ${own.map(
                      (issue) =>
                        html`<li class=${issue.severity} data-code=${issue.code}>
                          <strong>${this.term(issue.severity === 'error' ? 'severityError' : 'severityWarning')}</strong>
                          ${issue.message} <span class="mono muted small">${issue.code}</span>
                        </li>`,
                    )}
                  </ul>`
            }
            ${others > 0 ? html`<p class="small muted">${this.term('lintElsewhere', others)}</p>` : nothing}
          </section>
        </div>
      </div>
    `;
  }

  private renderSaveBar() {
    return html`
      <div class="savebar">
        <button class="primary" type="button" data-action="save" ?disabled=${this.saving} @click=${this.save}>
          ${this.saving ? this.term('saving') : this.term('save')}
        </button>
        ${this.saved ? html`<span class="badge success" role="status">${this.term('saved')}</span>` : nothing}
        ${this.dirty && !this.saved ? html`<span class="small muted">${this.term('unsaved')}</span>` : nothing}
        <span class="spacer"></span>
        ${
          this.isNew
            ? nothing
            : this.confirmingDelete
              ? html`<span>${this.term('confirmDelete')}</span>
                  <button class="danger solid" type="button" data-action="confirm-delete" @click=${this.deleteIntent}>
                    ${this.term('delete')}
                  </button>
                  <button type="button" @click=${() => {
                    this.confirmingDelete = false;
                  }}>${this.term('cancel')}</button>`
              : html`<button class="danger" type="button" data-action="delete" @click=${() => {
                  this.confirmingDelete = true;
                }}>${this.term('delete')}</button>`
        }
      </div>
      ${errorAlert(this.localize, this.saveError)}
    `;
  }

  private async save(): Promise<void> {
    this.saving = true;
    this.saveError = undefined;
    try {
      const result = await api.put<SaveIntentResult>(
        `/intents/${this.draftLocale}/${encodeURIComponent(this.draft.id)}`,
        this.body(),
      );
      this.issues = result.lint;
      this.stored = result.intent;
      this.saved = true;
      this.dirty = false;
      if (this.isNew) window.location.hash = hashOf('intents', this.draftLocale, this.draft.id);
    } catch (error) {
      this.saveError = error as ApiError;
    } finally {
      this.saving = false;
    }
  }

  private async deleteIntent(): Promise<void> {
    this.saveError = undefined;
    try {
      await api.delete(`/intents/${this.draftLocale}/${encodeURIComponent(this.draft.id)}`);
      window.location.hash = hashOf('intents');
    } catch (error) {
      this.saveError = error as ApiError;
      this.confirmingDelete = false;
    }
  }
}
