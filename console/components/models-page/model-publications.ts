/** The models page's publication history. */
import { html, nothing } from 'lit';
import type { ModelList } from '../../../server/schemas/console-api.ts';
import type { LocalizeController } from '../../controllers/localize-controller.ts';

/** The publication history, newest first: when, which version, by whom, why. */
export function renderPublications(localize: LocalizeController, list: ModelList) {
  return html`
    <div class="table-wrap">
      <table data-table="publications">
        <thead>
          <tr>
            <th>${localize.term('publishedAt')}</th>
            <th>${localize.term('version')}</th>
            <th>${localize.term('publishedBy')}</th>
            <th>${localize.term('reason')}</th>
          </tr>
        </thead>
        <tbody>
          ${list.publications.map(
            (p) => html`<tr>
              <td class="small">${localize.dateTime(p.publishedAt)}</td>
              <td>v${p.versionNumber}</td>
              <td data-field="published-by">${p.publishedByName ?? (p.publishedBy === null ? localize.term('publishedByServer') : '—')}</td>
              <td class="text" data-field="reason">
                ${p.overridden ? html`<span class="badge danger">${localize.term('overridden')}</span> ` : nothing}${
                  // The server's own first publication stores an English note; staff read it in their language.
                  p.publishedBy === null ? localize.term('initialPublication') : (p.reason ?? '')
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${list.publications.length === 0 ? html`<div class="empty">${localize.term('noPublications')}</div>` : nothing}
    </div>
  `;
}
