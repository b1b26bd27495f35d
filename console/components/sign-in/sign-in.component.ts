import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type { LoginBody, SessionInfo } from '../../../server/schemas/console-api.ts';
import { type ApiError, api } from '../../api/api-client.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { signInStyles } from './sign-in.styles.ts';

/**
 * @summary The sign-in page: email and password, `POST /login`.
 *
 * @event console-signed-in - Signed in; `detail` is the SessionInfo.
 */
export class ConsoleSignIn extends ConsoleElement {
  static override styles = [componentStyles, signInStyles];

  @state() accessor busy = false;
  @state() accessor error: ApiError | undefined;

  override render() {
    return html`
      <form class="card" @submit=${this.onSubmit}>
        <p class="brand">${this.term('appName')}</p>
        <h1>${this.term('signInTitle')}</h1>
        ${errorAlert(this.localize, this.error)}
        <label class="field">
          ${this.term('email')}
          <input name="email" type="email" autocomplete="username" required />
        </label>
        <label class="field">
          ${this.term('password')}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.term('signIn')}</button>
      </form>
    `;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const body: LoginBody = { email: String(data.get('email')), password: String(data.get('password')) };
    this.busy = true;
    this.error = undefined;
    try {
      const info = await api.post<SessionInfo>('/login', body);
      this.emit('console-signed-in', info);
    } catch (error) {
      this.error = error as ApiError;
    } finally {
      this.busy = false;
    }
  }
}
