import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { ModelList, TryBody, TryResult } from '../../../server/schemas/console-api.ts';
import { type ApiError, api } from '../../api/api-client.ts';
import { LoadController } from '../../controllers/load-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { nluReasonLabel } from '../../internal/nlu-reason-label.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import '../markdown-preview/markdown-preview.ts';
import { tryPageStyles } from './try-page.styles.ts';

/** Badge colour of each decision. */
const DECISION_TONE: Record<string, string> = { answer: 'success', clarify: 'warning', none: 'danger' };

/**
 * @summary 試す: what the bot would do with a phrase as a first message (`POST /try`): the decision, the
 * intent and score, why it refused, the top candidates as bars, and the answer as shoppers would see it.
 * Any ready model version can be tried, not only the live one.
 */
export class ConsoleTryPage extends ConsoleElement {
  static override styles = [componentStyles, tryPageStyles];

  @state() accessor result: TryResult | undefined;
  @state() accessor error: ApiError | undefined;
  @state() accessor busy = false;
  private readonly models = new LoadController(this, () => api.get<ModelList>('/models'));

  override render() {
    const versions = (this.models.value?.versions ?? []).filter((v) => v.status === 'ready');
    return html`
      <h1>${this.term('navTry')}</h1>
      <form class="card" @submit=${this.onSubmit}>
        <label class="field grow">
          ${this.term('tryPhrase')}
          <input name="text" required maxlength="1000" placeholder=${this.term('tryPlaceholder')} />
        </label>
        <label class="field">
          ${this.term('locale')}
          <select name="locale">
            <option value="">${this.term('autoDetect')}</option>
            <option value="ja">${this.term('locale_ja')}</option>
            <option value="en">${this.term('locale_en')}</option>
          </select>
        </label>
        <label class="field">
          ${this.term('modelVersion')}
          <select name="versionId">
            <option value="">${this.term('liveModel')}</option>
            ${versions.map(
              (v) =>
                html`<option value=${v.id}>v${v.number}${v.live ? ` (${this.term('live')})` : ''}</option>`,
            )}
          </select>
        </label>
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.term('tryButton')}</button>
      </form>
      ${errorAlert(this.localize, this.error)} ${this.result ? this.renderResult(this.result) : nothing}
    `;
  }

  private renderResult(result: TryResult) {
    const top = result.candidates[0]?.score ?? 1;
    return html`
      <div class="result" data-decision=${result.decision}>
        <section class="card">
          <h2>${this.term('tryResult')}</h2>
          <dl>
            <dt>${this.term('decision')}</dt>
            <dd class="decision">
              <span class="badge ${DECISION_TONE[result.decision] ?? 'info'}" data-field="decision"
                >${this.decisionLabel(result.decision)}</span
              >
            </dd>
            <dt>${this.term('intent')}</dt>
            <dd class="mono" data-field="intent">${result.intent ?? '—'}</dd>
            <dt>${this.term('score')}</dt>
            <dd data-field="score">${this.localize.score(result.score)}</dd>
            <dt>${this.term('reason')}</dt>
            <dd data-field="reason">${result.reason ? nluReasonLabel(this.localize, result.reason, result.otherCompany) : '—'}</dd>
            <dt>${this.term('decidingClause')}</dt>
            <dd data-field="clause">${result.clause ? `「${result.clause}」` : this.term('wholeMessage')}</dd>
            <dt>${this.term('locale')}</dt>
            <dd>${this.term(`locale_${result.locale}`)}</dd>
          </dl>
          <h3>${this.term('candidates')}</h3>
          <table class="candidates">
            <tbody>
              ${result.candidates.map(
                (c, index) => html`
                  <tr class=${index === 0 ? 'top' : ''}>
                    <td class="mono">${c.intent}</td>
                    <td class="bar-cell">
                      <div class="bar" role="img" aria-label=${this.localize.score(c.score)}>
                        <span style=${styleMap({ width: `${Math.max(2, (c.score / (top || 1)) * 100)}%` })}></span>
                      </div>
                    </td>
                    <td class="num">${this.localize.score(c.score)}</td>
                  </tr>
                `,
              )}
            </tbody>
          </table>
        </section>
        <section class="card">
          <h2>${this.term('answerPreview')}</h2>
          ${
            result.answer
              ? html`<console-markdown-preview .markdown=${result.answer}></console-markdown-preview>`
              : html`<p class="muted">${this.term('noAnswerShown')}</p>`
          }
        </section>
      </div>
    `;
  }

  private decisionLabel(decision: string): string {
    switch (decision) {
      case 'answer':
        return this.term('decision_answer');
      case 'clarify':
        return this.term('decision_clarify');
      case 'none':
        return this.term('decision_none');
      default:
        return decision;
    }
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const body: TryBody = { text: String(data.get('text')) };
    const locale = String(data.get('locale') ?? '');
    const versionId = String(data.get('versionId') ?? '');
    if (locale === 'ja' || locale === 'en') body.locale = locale;
    if (versionId) body.versionId = versionId;
    this.busy = true;
    this.error = undefined;
    try {
      this.result = await api.post<TryResult>('/try', body);
    } catch (error) {
      this.error = error as ApiError;
    } finally {
      this.busy = false;
    }
  }
}
