import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { SessionInfo } from '../../../server/schemas/console-api.ts';
import { ApiError, api } from '../../api/api-client.ts';
import { session } from '../../api/session.ts';
import { RouteController } from '../../controllers/route-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import '../analytics-page/analytics-page.ts';
import '../escalation-detail/escalation-detail.ts';
import '../escalations-page/escalations-page.ts';
import '../intent-editor/intent-editor.ts';
import '../intents-page/intents-page.ts';
import '../models-page/models-page.ts';
import '../outbox-page/outbox-page.ts';
import '../actions-page/actions-page.ts';
import '../privacy-page/privacy-page.ts';
import '../sign-in/sign-in.ts';
import '../try-page/try-page.ts';
import '../unanswered-page/unanswered-page.ts';
import '../users-page/users-page.ts';
import { consoleAppStyles } from './console-app.styles.ts';
import { type ConsolePage, PAGES } from './pages.ts';

/**
 * @summary The staff console: asks the server who is signed in (`GET /me`), shows the sign-in page or the
 * navigation (only the pages the user's permissions allow) and the page of the current hash route.
 */
export class ConsoleApp extends ConsoleElement {
  static override styles = [componentStyles, consoleAppStyles];

  private readonly route = new RouteController(this);
  @state() accessor checked = false;
  @state() accessor error: ApiError | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this.localize.locale;
    document.title = this.term('appName');
    api.onUnauthenticated = () => session.set(null);
    session.subscribe(() => this.requestUpdate());
    void this.checkSession();
  }

  private async checkSession(): Promise<void> {
    try {
      session.set(await api.get<SessionInfo>('/me'));
    } catch (error) {
      // 401 is the normal signed-out case; anything else is worth showing above the form.
      if (error instanceof ApiError && error.status !== 401) this.error = error;
      session.set(null);
    } finally {
      this.checked = true;
    }
  }

  private get pages(): ConsolePage[] {
    return PAGES.filter((page) => session.can(page.permission));
  }

  override render() {
    if (!this.checked) return html`<div class="loading">${this.term('loading')}</div>`;
    const info = session.info;
    if (!info) {
      return html`${errorAlert(this.localize, this.error)}
        <console-sign-in @console-signed-in=${this.onSignedIn}></console-sign-in>`;
    }
    const pages = this.pages;
    const [first, ...rest] = this.route.segments;
    const current = pages.find((page) => page.route === first) ?? pages[0];
    return html`
      <div class="layout">
        <nav aria-label=${this.term('navLabel')}>
          <div class="brand">${this.term('appName')}</div>
          ${pages.map(
            (page) => html`<a
              href="#/${page.route}"
              data-route=${page.route}
              aria-current=${page === current ? 'page' : 'false'}
              >${this.term(page.label)}</a
            >`,
          )}
          <div class="who">
            <span class="name">${info.user.name}</span>
            <span>${info.user.email} · ${this.term(`role_${info.user.role}`)}</span>
            <button type="button" @click=${this.signOut}>${this.term('signOut')}</button>
          </div>
        </nav>
        <main>${current ? this.renderPage(current, first === current.route ? rest : []) : nothing}</main>
      </div>
    `;
  }

  private renderPage(page: ConsolePage, rest: string[]) {
    switch (page.route) {
      case 'intents': {
        const [locale, id] = rest;
        if (locale === 'new') return html`<console-intent-editor></console-intent-editor>`;
        if ((locale === 'ja' || locale === 'en') && id)
          return html`<console-intent-editor .locale=${locale} .intentId=${id}></console-intent-editor>`;
        return html`<console-intents-page></console-intents-page>`;
      }
      case 'try':
        return html`<console-try-page></console-try-page>`;
      case 'models':
        return html`<console-models-page></console-models-page>`;
      case 'unanswered':
        return html`<console-unanswered-page></console-unanswered-page>`;
      case 'escalations':
        return rest[0]
          ? html`<console-escalation-detail .escalationId=${rest[0]}></console-escalation-detail>`
          : html`<console-escalations-page></console-escalations-page>`;
      case 'analytics':
        return html`<console-analytics-page></console-analytics-page>`;
      case 'outbox':
        return html`<console-outbox-page></console-outbox-page>`;
      case 'actions':
        return html`<console-actions-page></console-actions-page>`;
      case 'users':
        return html`<console-users-page></console-users-page>`;
      case 'privacy':
        return html`<console-privacy-page></console-privacy-page>`;
      default:
        return nothing;
    }
  }

  private onSignedIn(event: CustomEvent<SessionInfo>): void {
    this.error = undefined;
    session.set(event.detail);
  }

  private async signOut(): Promise<void> {
    try {
      await api.post('/logout');
    } finally {
      session.set(null);
    }
  }
}
