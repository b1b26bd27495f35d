/**
 * A trained version's evaluation on the models page: its scores beside the live model's, and the publish
 * gate's comparison (verdict, reasons, per-intent table).
 */
import { html, nothing } from 'lit';
import type { IntentComparison, LocaleScores, ModelComparison } from '../../../server/schemas/console-api.ts';
import type { LocalizeController } from '../../controllers/localize-controller.ts';
import { renderGateReasons } from './gate-reasons.ts';

/** The measures per locale, live vs candidate, with the change in percentage points. */
export function renderScores(
  localize: LocalizeController,
  candidate: Record<string, LocaleScores>,
  live: Record<string, LocaleScores> | null,
) {
  const row = (label: string, pick: (s: LocaleScores) => number | undefined, locale: string) => {
    const c = candidate[locale] ? pick(candidate[locale]) : undefined;
    const l = live?.[locale] ? pick(live[locale]) : undefined;
    return html`<tr class=${c !== undefined && l !== undefined && c < l ? 'worse' : ''}>
      <td>${localize.term(`locale_${locale as 'ja' | 'en'}`)}</td>
      <td>${label}</td>
      <td class="num">${localize.percent(l)}</td>
      <td class="num">${localize.percent(c)}</td>
      <td class="num">${delta(c, l)}</td>
    </tr>`;
  };
  return html`
    <h3>${localize.term('evaluation')}</h3>
    <div class="table-wrap">
      <table data-table="scores">
        <thead>
          <tr>
            <th>${localize.term('locale')}</th>
            <th>${localize.term('measure')}</th>
            <th class="num">${localize.term('liveModel')}</th>
            <th class="num">${localize.term('candidate')}</th>
            <th class="num">${localize.term('change')}</th>
          </tr>
        </thead>
        <tbody>
          ${Object.keys(candidate).map(
            (locale) => html`
              ${row(localize.term('inScopeAccuracy'), (s) => s.inScopeAccuracy, locale)}
              ${row(localize.term('outOfScopeRecall'), (s) => s.outOfScopeRecall, locale)}
              ${
                candidate[locale]?.crossValidation
                  ? row(
                      localize.term('cvAccuracy', candidate[locale].crossValidation.folds),
                      (s) => s.crossValidation?.inScopeAccuracy,
                      locale,
                    )
                  : nothing
              }
            `,
          )}
        </tbody>
      </table>
    </div>
    <p class="small muted">
      ${Object.entries(candidate)
        .map(([locale, s]) => localize.term('testCount', locale, s.tests))
        .join(' · ')}
    </p>
  `;
}

/** The change between live and candidate in percentage points. */
function delta(candidate: number | undefined, live: number | undefined) {
  if (candidate === undefined || live === undefined) return '—';
  const points = (candidate - live) * 100;
  if (Math.abs(points) < 0.05) return html`<span class="delta">±0.0</span>`;
  return html`<span class="delta ${points < 0 ? 'down' : 'up'}"
    >${points > 0 ? '+' : ''}${points.toFixed(1)}</span
  >`;
}

/** The gate's verdict, its reasons, and every intent's tests passed, live vs candidate. */
export function renderComparison(localize: LocalizeController, comparison: ModelComparison) {
  const order = (row: IntentComparison) =>
    row.liveCorrect === null ? 0 : row.candidateCorrect - row.liveCorrect;
  const rows = [...comparison.intents].sort((a, b) => order(a) - order(b));
  return html`
    <h3>${localize.term('comparison')}</h3>
    <div class="verdict" data-worse=${comparison.worse ? 'true' : 'false'}>
      ${
        comparison.worse
          ? html`<span class="badge danger">${localize.term('verdictWorse')}</span>`
          : html`<span class="badge success">${localize.term('verdictOk')}</span>`
      }
    </div>
    ${renderGateReasons(localize, comparison.reasons, 'worse-reasons')}
    <div class="table-wrap">
      <table data-table="intents">
        <thead>
          <tr>
            <th>${localize.term('locale')}</th>
            <th>${localize.term('intent')}</th>
            <th class="num">${localize.term('testsTotal')}</th>
            <th class="num">${localize.term('liveModel')}</th>
            <th class="num">${localize.term('candidate')}</th>
            <th class="num">${localize.term('changeCount')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => {
            const diff = row.liveCorrect === null ? 0 : row.candidateCorrect - row.liveCorrect;
            return html`<tr class=${diff < 0 ? 'worse' : diff > 0 ? 'better' : ''} data-intent=${row.intent}>
              <td>${row.locale}</td>
              <td class="mono">${row.intent}</td>
              <td class="num">${row.total}</td>
              <td class="num">${row.liveCorrect ?? '—'}</td>
              <td class="num">${row.candidateCorrect}</td>
              <td class="num" data-field="change">
                ${
                  row.liveCorrect === null
                    ? '—'
                    : diff === 0
                      ? html`<span class="delta">±0</span>`
                      : html`<span class="delta ${diff < 0 ? 'down' : 'up'}">${diff > 0 ? '+' : ''}${diff}</span>`
                }
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  `;
}
