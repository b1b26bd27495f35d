import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type {
  ModelComparison,
  ModelDetail,
  ModelList,
  ModelVersionSummary,
  PublishBody,
  RollbackBody,
} from '../../../server/schemas/console-api.ts';
import { ApiError, api } from '../../api/api-client.ts';
import { session } from '../../api/session.ts';
import { LoadController } from '../../controllers/load-controller.ts';
import { PollController } from '../../controllers/poll-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { renderGateReasons } from './gate-reasons.ts';
import { renderComparison, renderScores } from './model-evaluation.ts';
import { renderPublications } from './model-publications.ts';
import { modelsPageStyles } from './models-page.styles.ts';
import { renderTrainingFailure } from './training-failure.ts';

/** How often training progress is asked for (ms). */
const PROGRESS_POLL_MS = 1000;

/**
 * @summary 学習と公開: train a model from the stored corpus (`POST /models/train`), follow its progress
 * (`GET /models/:id` once a second), compare it with the live model on the same tests (measures per
 * locale, every intent; what got worse highlighted), publish it (the action comes before the per-intent
 * table, which has a row per intent and locale; an admin may override a worse one with a reason), roll back to an earlier published version with a reason, and read the publication history.
 */
export class ConsoleModelsPage extends ConsoleElement {
  static override styles = [componentStyles, modelsPageStyles];

  @state() accessor selectedId: string | undefined;
  @state() accessor detail: ModelDetail | undefined;
  @state() accessor actionError: ApiError | undefined;
  @state() accessor notice = '';
  @state() accessor busy = false;
  /** Set when the server refused to publish a worse model: its reasons, and the override form. */
  @state() accessor refused: ModelComparison | undefined;
  @state() accessor rollbackId: string | undefined;
  private readonly list = new LoadController(this, async () => {
    const list = await api.get<ModelList>('/models');
    if (!this.selectedId && list.versions[0]) void this.select(list.versions[0].id);
    return list;
  });
  private readonly poll = new PollController(this, () => this.refreshDetail(), PROGRESS_POLL_MS);

  private async select(id: string): Promise<void> {
    this.selectedId = id;
    this.refused = undefined;
    this.notice = '';
    this.detail = undefined;
    if (await this.refreshDetail()) this.poll.start();
  }

  /** Loads the selected version; returns true while it is still training (poll again). */
  private async refreshDetail(): Promise<boolean> {
    const id = this.selectedId;
    if (!id) return false;
    try {
      const detail = await api.get<ModelDetail>(`/models/${id}`);
      if (id !== this.selectedId) return false;
      this.detail = detail;
      if (detail.version.status === 'training') return true;
      void this.list.reload();
      return false;
    } catch (error) {
      this.actionError = error as ApiError;
      return false;
    }
  }

  override render() {
    const list = this.list.value;
    return html`
      <h1>${this.term('navModels')}</h1>
      ${errorAlert(this.localize, this.list.error)} ${errorAlert(this.localize, this.actionError)}
      ${this.notice ? html`<div class="alert success" role="status">${this.notice}</div>` : nothing}
      ${this.renderTrain()} ${this.detail ? this.renderDetail(this.detail) : nothing}
      <div class="columns">
        <section>
          <h2>${this.term('versions')}</h2>
          ${list ? this.renderVersions(list) : html`<p class="muted">${this.term('loading')}</p>`}
        </section>
        <section>
          <h2>${this.term('publications')}</h2>
          ${list ? renderPublications(this.localize, list) : nothing}
        </section>
      </div>
    `;
  }

  private renderTrain() {
    const version = this.detail?.version;
    const training = version?.status === 'training';
    const progress = version?.progress;
    return html`
      <section class="card train">
        ${
          session.can('models:train')
            ? html`<button class="primary" type="button" data-action="train" ?disabled=${training || this.busy} @click=${this.train}>
                ${this.term('train')}
              </button>`
            : nothing
        }
        ${
          training
            ? html`<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=${Math.round((progress?.fraction ?? 0) * 100)}>
                <div class="small">
                  ${this.term('trainingVersion', version.number)} · ${this.stageLabel(progress?.stage ?? 'queued')}
                  ${progress?.detail ? html`<span class="muted">· ${progress.detail}</span>` : nothing}
                  · ${Math.round((progress?.fraction ?? 0) * 100)}%
                </div>
                <div class="bar"><span style=${styleMap({ width: `${(progress?.fraction ?? 0) * 100}%` })}></span></div>
              </div>`
            : html`<span class="muted small">${this.term('trainHelp')}</span>`
        }
      </section>
    `;
  }

  private stageLabel(stage: string): string {
    const labels: Record<string, string> = {
      queued: this.term('stage_queued'),
      training: this.term('stage_training'),
      evaluating: this.term('stage_evaluating'),
      'cross-validating': this.term('stage_cross_validating'),
      done: this.term('stage_done'),
    };
    return labels[stage] ?? stage;
  }

  private renderDetail(detail: ModelDetail) {
    const { version, evaluation, comparison } = detail;
    if (version.status === 'training') return nothing;
    return html`
      <section class="card" data-version=${version.number} data-section="evaluation">
        <h2>${this.term('versionTitle', version.number)} ${this.statusBadge(version)}</h2>
        ${version.status === 'failed' ? renderTrainingFailure(this.localize, version.error) : nothing}
        ${evaluation ? renderScores(this.localize, evaluation.candidate, evaluation.live) : nothing}
        ${version.status === 'ready' && !version.live ? this.renderPublish(version, comparison) : nothing}
        ${comparison ? renderComparison(this.localize, comparison) : nothing}
      </section>
    `;
  }

  private renderPublish(version: ModelVersionSummary, comparison: ModelComparison | null) {
    if (!session.can('models:publish')) return nothing;
    const refused = this.refused;
    const worse = refused ?? (comparison?.worse ? comparison : undefined);
    return html`
      <h3>${this.term('publish')}</h3>
      <div class="actions">
        <button class="primary" type="button" data-action="publish" ?disabled=${this.busy} @click=${() => this.publish(version)}>
          ${this.term('publishVersion', version.number)}
        </button>
        <span class="small muted">${this.term('publishHelp')}</span>
      </div>
      ${
        refused
          ? html`<div class="alert error" role="alert">${this.term('publishRefused')}</div>
              ${renderGateReasons(this.localize, refused.reasons)}`
          : nothing
      }
      ${
        worse && session.can('models:override')
          ? html`<form class="override" @submit=${(e: SubmitEvent) => this.override(e, version)}>
              <label class="field">
                ${this.term('overrideReason')}
                <textarea name="overrideReason" rows="2" minlength="3" maxlength="500" required></textarea>
              </label>
              <div><button class="danger solid" type="submit" data-action="override">${this.term('overridePublish')}</button></div>
            </form>`
          : nothing
      }
    `;
  }

  private renderVersions(list: ModelList) {
    return html`
      <div class="table-wrap">
        <table data-table="versions">
          <thead>
            <tr>
              <th>${this.term('version')}</th>
              <th>${this.term('status')}</th>
              <th>${this.term('createdAt')}</th>
              <th class="num">${this.term('utterances')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${list.versions.map(
              (v) => html`
                <tr class=${v.id === this.selectedId ? 'selected' : ''} data-version=${v.number}>
                  <td><button class="link" type="button" @click=${() => this.select(v.id)}>v${v.number}</button></td>
                  <td>${this.statusBadge(v)}</td>
                  <td class="small">${this.localize.dateTime(v.createdAt)}<br /><span class="muted" data-field="created-by">${this.creatorName(v)}</span></td>
                  <td class="num">${v.utterances}</td>
                  <td>${this.renderRollback(v)}</td>
                </tr>
              `,
            )}
          </tbody>
        </table>
        ${list.versions.length === 0 ? html`<div class="empty">${this.term('noVersions')}</div>` : nothing}
      </div>
    `;
  }

  /** Who trained a version: a name, 初期モデル for the server's first model, a dash for a deleted account. */
  private creatorName(v: ModelVersionSummary): string {
    return v.createdByName ?? (v.createdBy === null ? this.term('initialModel') : '—');
  }

  private statusBadge(v: ModelVersionSummary) {
    if (v.live) return html`<span class="badge success" data-live="true">● ${this.term('live')}</span>`;
    if (v.status === 'training') return html`<span class="badge info">${this.term('status_training')}</span>`;
    if (v.status === 'failed') return html`<span class="badge danger">${this.term('status_failed')}</span>`;
    return html`<span class="badge">${v.published ? this.term('status_published') : this.term('status_ready')}</span>`;
  }

  private renderRollback(v: ModelVersionSummary) {
    if (!v.published || v.live || !session.can('models:publish')) return nothing;
    if (this.rollbackId !== v.id) {
      return html`<button type="button" data-action="rollback" @click=${() => {
        this.rollbackId = v.id;
      }}>${this.term('rollback')}</button>`;
    }
    return html`<form class="inline-form" @submit=${(e: SubmitEvent) => this.rollback(e, v)}>
      <input name="reason" required minlength="3" maxlength="500" placeholder=${this.term('rollbackReason')}
        aria-label=${this.term('rollbackReason')} />
      <button class="danger solid" type="submit">${this.term('rollback')}</button>
      <button type="button" @click=${() => {
        this.rollbackId = undefined;
      }}>${this.term('cancel')}</button>
    </form>`;
  }

  private async train(): Promise<void> {
    this.busy = true;
    this.actionError = undefined;
    this.notice = '';
    try {
      const version = await api.post<ModelVersionSummary>('/models/train');
      void this.list.reload();
      await this.select(version.id);
      this.poll.start();
    } catch (error) {
      this.actionError = error as ApiError;
    } finally {
      this.busy = false;
    }
  }

  private async publish(version: ModelVersionSummary, body: PublishBody = {}): Promise<void> {
    this.busy = true;
    this.actionError = undefined;
    try {
      await api.post<ModelList>(`/models/${version.id}/publish`, body);
      this.refused = undefined;
      this.notice = this.term('published', version.number);
      await this.list.reload();
      await this.refreshDetail();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONSOLE_ERR_MODEL_WORSE') {
        // The refusal carries the gate's verdict (`details.comparison`); its reasons are worded here.
        const comparison = error.details?.comparison as ModelComparison | undefined;
        this.refused = comparison ?? { worse: true, reasons: [], intents: [] };
      } else {
        this.actionError = error as ApiError;
      }
    } finally {
      this.busy = false;
    }
  }

  private async override(event: SubmitEvent, version: ModelVersionSummary): Promise<void> {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('overrideReason') ?? '');
    await this.publish(version, { overrideReason: reason.trim() });
  }

  private async rollback(event: SubmitEvent, version: ModelVersionSummary): Promise<void> {
    event.preventDefault();
    const body: RollbackBody = {
      reason: String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim(),
    };
    this.actionError = undefined;
    try {
      await api.post<ModelList>(`/models/${version.id}/rollback`, body);
      this.rollbackId = undefined;
      this.notice = this.term('rolledBack', version.number);
      await this.list.reload();
      await this.refreshDetail();
    } catch (error) {
      this.actionError = error as ApiError;
    }
  }
}
