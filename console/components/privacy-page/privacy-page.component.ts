import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type {
  PrivacyDeleteBody,
  PrivacyDeleteResult,
  PrivacyDeletionCounts,
} from '../../../server/schemas/console-api.ts';
import { type ApiError, api } from '../../api/api-client.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { privacyPageStyles } from './privacy-page.styles.ts';

/** How a shopper is found: the address they gave, one conversation, or their LINE user id. */
type SubjectKind = 'email' | 'conversationId' | 'lineUserId';

/** The label of each way. */
const KIND_LABEL = {
  email: 'privacyByEmail',
  conversationId: 'privacyByConversation',
  lineUserId: 'privacyByLineUser',
} as const;

/** Whose data: the kind and the value typed. */
interface Subject {
  kind: SubjectKind;
  value: string;
}

/** The count rows, in the order shown; `outboxUnsent` is a part of `outbox` (shown indented). */
const COUNT_ROWS: readonly (keyof PrivacyDeletionCounts)[] = [
  'conversations',
  'messages',
  'escalations',
  'escalationNotes',
  'unansweredReviews',
  'outbox',
  'outboxUnsent',
  'lineUsers',
  'lineEvents',
  'lineLinks',
];

/** Rows shown only when deleting by LINE user id (zero otherwise). */
const LINE_ROWS: ReadonlySet<keyof PrivacyDeletionCounts> = new Set(['lineUsers', 'lineEvents', 'lineLinks']);

/** Same pattern as the API's Uuid (server/schemas/console-api.ts), so a typo never reaches the server. */
const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Same pattern as the API's LineUserId. */
const LINE_USER_PATTERN = 'U[0-9a-f]{32}';

/**
 * @summary 個人情報の削除 (admins, `privacy:delete`): a shopper's deletion request. Staff give an email
 * address, a conversation id or a LINE user id, see what would be deleted (`POST /privacy/delete` with `dryRun`), then
 * confirm with a button that repeats the subject, and see what was deleted. The confirmation always
 * deletes the subject that was checked, whatever the form says by then.
 */
export class ConsolePrivacyPage extends ConsoleElement {
  static override styles = [componentStyles, privacyPageStyles];

  @state() accessor kind: SubjectKind = 'email';
  /** The dry run's answer and the subject it was for (cleared when the form changes). */
  @state() accessor preview: { subject: Subject; counts: PrivacyDeletionCounts } | undefined;
  /** The deletion's answer and its subject. */
  @state() accessor deleted: { subject: Subject; counts: PrivacyDeletionCounts } | undefined;
  @state() accessor actionError: ApiError | undefined;
  @state() accessor busy = false;

  override render() {
    return html`
      <h1>${this.term('navPrivacy')}</h1>
      <p class="muted">${this.term('privacyHelp')}</p>
      <section class="card">
        <form class="subject-form" @submit=${this.check}>
          <fieldset>
            <legend>${this.term('privacySubjectKind')}</legend>
            ${(['email', 'conversationId', 'lineUserId'] as const).map(
              (kind) => html`<label>
                <input type="radio" name="kind" value=${kind} .checked=${this.kind === kind}
                  @change=${() => this.changeKind(kind)} />
                ${this.term(KIND_LABEL[kind])}
              </label>`,
            )}
          </fieldset>
          <div class="subject">
            <label class="field grow">
              ${this.term(KIND_LABEL[this.kind])}
              ${
                this.kind === 'email'
                  ? html`<input name="subject" type="email" required maxlength="254" autocomplete="off"
                      placeholder="hanako@example.jp" @input=${this.clearPreview} />`
                  : this.kind === 'lineUserId'
                    ? html`<input name="subject" class="mono" required pattern=${LINE_USER_PATTERN} autocomplete="off"
                        placeholder="U0123456789abcdef0123456789abcdef" @input=${this.clearPreview} />`
                    : html`<input name="subject" class="mono" required pattern=${UUID_PATTERN} autocomplete="off"
                        placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" @input=${this.clearPreview} />`
              }
            </label>
            <button class="primary" type="submit" data-action="check" ?disabled=${this.busy}>
              ${this.busy && !this.preview ? this.term('privacyChecking') : this.term('privacyCheck')}
            </button>
          </div>
          ${
            this.kind === 'conversationId'
              ? html`<p class="small muted">${this.term('conversationIdHelp')}</p>`
              : this.kind === 'lineUserId'
                ? html`<p class="small muted">${this.term('lineUserIdHelp')}</p>`
                : nothing
          }
        </form>
      </section>
      ${errorAlert(this.localize, this.actionError)} ${this.renderDeleted()} ${this.renderPreview()}
    `;
  }

  private renderPreview() {
    if (!this.preview) return nothing;
    const { subject, counts } = this.preview;
    const found = counts.conversations + counts.outbox + counts.lineUsers + counts.lineEvents > 0;
    return html`<section class="card" data-section="preview">
      <h2>${this.term('privacyPreviewTitle', subject.value)}</h2>
      ${
        found
          ? html`${this.countsTable(counts)}
              <div class="danger-zone">
                <p>${this.term('privacyIrreversible')}</p>
                <div class="actions">
                  <button class="danger solid" type="button" data-action="confirm" ?disabled=${this.busy}
                    @click=${this.confirm}>
                    ${this.busy ? this.term('privacyDeleting') : this.term('privacyConfirm', subject.value)}
                  </button>
                  <button type="button" data-action="cancel" @click=${this.clearPreview}>${this.term('cancel')}</button>
                </div>
              </div>`
          : html`<p class="empty" data-empty>${this.term('privacyNothingFound', subject.value)}</p>`
      }
    </section>`;
  }

  private renderDeleted() {
    if (!this.deleted) return nothing;
    const { subject, counts } = this.deleted;
    return html`<section class="card" data-section="deleted">
      <div class="alert success" role="status">${this.term('privacyResultTitle', subject.value)}</div>
      ${this.countsTable(counts)}
    </section>`;
  }

  private countsTable(counts: PrivacyDeletionCounts) {
    return html`<div class="table-wrap counts">
      <table class="counts">
        <thead>
          <tr>
            <th>${this.term('privacyTable')}</th>
            <th class="num">${this.term('privacyRows')}</th>
          </tr>
        </thead>
        <tbody>
          ${COUNT_ROWS.filter((key) => !LINE_ROWS.has(key) || this.lineRowsShown(counts)).map(
            (key) => html`<tr data-count=${key} class=${key === 'outboxUnsent' ? 'sub' : ''}>
              <th scope="row">${this.term(`privacy_${key}`)}</th>
              <td class="num">${this.localize.count(counts[key])}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** LINE rows are shown for a deletion by LINE user id, or whenever one is not zero. */
  private lineRowsShown(counts: PrivacyDeletionCounts): boolean {
    const subject = this.deleted?.subject ?? this.preview?.subject;
    return subject?.kind === 'lineUserId' || counts.lineUsers + counts.lineEvents + counts.lineLinks > 0;
  }

  private changeKind(kind: SubjectKind): void {
    this.kind = kind;
    this.clearPreview();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name="subject"]');
    if (input) input.value = '';
  }

  private clearPreview(): void {
    this.preview = undefined;
    this.actionError = undefined;
  }

  private async check(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const raw = String(data.get('subject') ?? '').trim();
    const subject: Subject = {
      kind: this.kind,
      // LINE user ids are U and lower-case hex; conversation ids lower-case UUIDs.
      value:
        this.kind === 'email'
          ? raw
          : this.kind === 'lineUserId'
            ? `U${raw.slice(1).toLowerCase()}`
            : raw.toLowerCase(),
    };
    this.deleted = undefined;
    const result = await this.send(subject, true);
    if (result) this.preview = { subject, counts: result.counts };
  }

  private async confirm(): Promise<void> {
    const subject = this.preview?.subject;
    if (!subject) return;
    const result = await this.send(subject, false);
    if (!result) return;
    this.preview = undefined;
    this.deleted = { subject, counts: result.counts };
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name="subject"]');
    if (input) input.value = '';
  }

  /** One call to `POST /privacy/delete`; the API's error is shown and undefined returned on failure. */
  private async send(subject: Subject, dryRun: boolean): Promise<PrivacyDeleteResult | undefined> {
    const body: PrivacyDeleteBody = { [subject.kind]: subject.value, dryRun };
    this.busy = true;
    this.actionError = undefined;
    try {
      return await api.post<PrivacyDeleteResult>('/privacy/delete', body);
    } catch (error) {
      this.actionError = error as ApiError;
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}
