import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type {
  NewStaffUserBody,
  Role,
  StaffUser,
  StaffUserList,
  UpdateStaffUserBody,
} from '../../../server/schemas/console-api.ts';
import { type ApiError, api } from '../../api/api-client.ts';
import { session } from '../../api/session.ts';
import { LoadController } from '../../controllers/load-controller.ts';
import { ConsoleElement } from '../../internal/console-element.ts';
import { errorAlert } from '../../internal/error-alert.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { usersPageStyles } from './users-page.styles.ts';

const ROLES: Role[] = ['admin', 'editor', 'operator'];

/**
 * @summary ユーザー (admins): staff accounts (`GET /users`), create one (`POST /users`), change a role,
 * disable or enable an account (`PATCH /users/:id`).
 */
export class ConsoleUsersPage extends ConsoleElement {
  static override styles = [componentStyles, usersPageStyles];

  @state() accessor actionError: ApiError | undefined;
  @state() accessor notice = '';
  private readonly users = new LoadController(this, () => api.get<StaffUserList>('/users'));

  override render() {
    const me = session.info?.user.id;
    return html`
      <h1>${this.term('navUsers')}</h1>
      ${errorAlert(this.localize, this.users.error)} ${errorAlert(this.localize, this.actionError)}
      ${this.notice ? html`<div class="alert success" role="status">${this.notice}</div>` : nothing}
      <section class="card">
        <h2>${this.term('newUser')}</h2>
        <form class="create" @submit=${this.create}>
          <label class="field">${this.term('name')}<input name="name" required maxlength="80" /></label>
          <label class="field">${this.term('email')}<input name="email" type="email" required /></label>
          <label class="field">
            ${this.term('role')}
            <select name="role">${ROLES.map((r) => html`<option value=${r} ?selected=${r === 'operator'}>${this.term(`role_${r}`)}</option>`)}</select>
          </label>
          <label class="field">${this.term('password')}<input name="password" type="password" required minlength="10" autocomplete="new-password" /></label>
          <button class="primary" type="submit">${this.term('createUser')}</button>
        </form>
        <p class="small muted">${this.term('passwordHelp')}</p>
      </section>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>${this.term('name')}</th>
              <th>${this.term('email')}</th>
              <th>${this.term('role')}</th>
              <th>${this.term('status')}</th>
              <th>${this.term('createdAt')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${(this.users.value?.users ?? []).map(
              (u) => html`<tr class=${u.disabled ? 'disabled' : ''} data-user=${u.email}>
                <td>${u.name}${u.id === me ? html` <span class="badge info">${this.term('you')}</span>` : nothing}</td>
                <td>${u.email}</td>
                <td>
                  <select aria-label=${this.term('role')} ?disabled=${u.id === me}
                    @change=${(e: Event) => this.patch(u, { role: (e.target as HTMLSelectElement).value as Role })}>
                    ${ROLES.map((r) => html`<option value=${r} ?selected=${r === u.role}>${this.term(`role_${r}`)}</option>`)}
                  </select>
                </td>
                <td>${u.disabled ? html`<span class="badge danger">${this.term('disabled')}</span>` : html`<span class="badge success">${this.term('active')}</span>`}</td>
                <td class="small">${this.localize.dateTime(u.createdAt)}</td>
                <td>
                  ${
                    u.id === me
                      ? nothing
                      : html`<button type="button" class=${u.disabled ? '' : 'danger'} data-action=${u.disabled ? 'enable' : 'disable'}
                          @click=${() => this.patch(u, { disabled: !u.disabled })}>
                          ${u.disabled ? this.term('enable') : this.term('disable')}
                        </button>`
                  }
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const body: NewStaffUserBody = {
      name: String(data.get('name') ?? '').trim(),
      email: String(data.get('email') ?? '').trim(),
      role: String(data.get('role')) as Role,
      password: String(data.get('password') ?? ''),
    };
    this.actionError = undefined;
    try {
      const user = await api.post<StaffUser>('/users', body);
      this.notice = this.term('userCreated', user.email);
      form.reset();
      await this.users.reload();
    } catch (error) {
      this.actionError = error as ApiError;
    }
  }

  private async patch(user: StaffUser, body: UpdateStaffUserBody): Promise<void> {
    this.actionError = undefined;
    try {
      await api.patch<StaffUser>(`/users/${user.id}`, body);
      this.notice = this.term('userUpdated', user.email);
    } catch (error) {
      this.actionError = error as ApiError;
    }
    await this.users.reload();
  }
}
