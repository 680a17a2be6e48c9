// The terminals of a POS: create one (its 6-digit pairing code is shown big until it expires),
// list them with their state, revoke one (it is disconnected and can never sell again).
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { NewTerminal, Terminal } from '../api-types.js';
import { formAlert, textField } from '../fields.js';
import { errorLine, type FormErrors, formErrorsOf, formErrorText } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { dateTime, t } from '../messages.js';
import { tb } from './messages.js';
import '../confirm-button.js';
import './pairing-code.js';

@customElement('pos-terminals')
export class PosTerminals extends LitElement {
  @property() posId = '';
  @state() private name = '';
  @state() private created: (NewTerminal & { name: string }) | undefined;
  @state() private errors: FormErrors | undefined;
  @state() private busy = '';
  @state() private rowError = '';

  private readonly terminals = new Loader(this, {
    args: () => [this.posId] as const,
    task: async ([posId], signal) => (await api<{ terminals: Terminal[] }>(this.path(posId), { signal })).terminals,
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<p class="muted">${tb('terminals.intro')}</p>
      ${this.created ? html`<pairing-code code=${this.created.pairingCode} .expiresAt=${this.created.expiresAt} terminalName=${this.created.name}></pairing-code>` : nothing}
      <form class="row" novalidate @submit=${this.create} data-testid="terminal-create-form">
        ${textField({ name: 'name', label: tb('terminals.name'), value: this.name, placeholder: tb('terminals.namePlaceholder'), error: this.errors?.fields.name, maxlength: 64, testid: 'terminal-name', onInput: (v) => (this.name = v) })}
        <button class="primary" type="submit" ?disabled=${this.busy === 'create'} data-testid="terminal-create">${tb('terminals.create')}</button>
      </form>
      ${formAlert(formErrorText(this.errors))}
      <h3>${tb('pos.tab.terminals')}</h3>
      ${formAlert(this.rowError, 'terminal-row-error')}
      ${loadView(this.terminals.state, (list) => this.table(list), () => this.terminals.reload())}`;
  }

  private table(list: Terminal[]) {
    if (!list.length) return html`<p class="empty">${tb('terminals.none')}</p>`;
    return html`<div class="table-wrap">
      <table class="stack" data-testid="terminals-table">
        <thead>
          <tr>
            <th>${t('name')}</th>
            <th>${tb('terminals.created')}</th>
            <th>${tb('terminals.pairedAt')}</th>
            <th><span class="visually-hidden">${t('actions')}</span></th>
            <th class="num">${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (term) => html`<tr data-testid="terminal-row" data-terminal-id=${term._id} data-state=${term.state} class=${term.state === 'revoked' ? 'muted-row' : ''}>
              <td><strong>${term.name || tb('terminals.unnamed')}</strong></td>
              <td data-label=${tb('terminals.created')}>${dateTime(term.createdAt)}</td>
              <td data-label=${tb('terminals.pairedAt')}>${term.pairedAt ? dateTime(term.pairedAt) : '—'}</td>
              <td>
                <span class="badge ${term.state === 'paired' ? 'ok' : term.state === 'revoked' ? 'bad' : 'warn'}">${tb(`terminals.state.${term.state}`)}</span>
                ${term.unlockLockedUntil
                  ? html`<span class="badge bad" data-testid="terminal-unlock-locked">${tb('terminals.unlockLocked', { time: dateTime(term.unlockLockedUntil) })}</span>
                      <button type="button" class="small-btn" data-testid="terminal-unlock-lift" ?disabled=${this.busy === term._id} @click=${() => this.liftUnlock(term)}>${tb('terminals.unlockLift')}</button>`
                  : nothing}
              </td>
              <td class="actions-cell">
                ${term.state === 'revoked'
                  ? nothing
                  : html`<confirm-button
                      small
                      label=${tb('terminals.revoke')}
                      question=${tb('terminals.revokeConfirm', { name: term.name || tb('terminals.unnamed') })}
                      testid="terminal-revoke"
                      ?disabled=${this.busy === term._id}
                      @confirmed=${() => this.revoke(term)}
                    ></confirm-button>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private readonly create = async (event: Event) => {
    event.preventDefault();
    this.busy = 'create';
    this.errors = undefined;
    const name = this.name.trim();
    try {
      const created = await api<NewTerminal>(this.path(this.posId), { body: name ? { name } : {} });
      this.created = { ...created, name };
      this.name = '';
      await this.terminals.reload();
    } catch (err) {
      this.errors = formErrorsOf(err);
    } finally {
      this.busy = '';
    }
  };

  private async liftUnlock(term: Terminal): Promise<void> {
    this.busy = term._id;
    try {
      await api(`${this.path(this.posId)}/${encodeURIComponent(term._id)}/unlock-lock`, { method: 'DELETE' });
      await this.terminals.reload();
    } catch (err) {
      this.rowError = errorLine(formErrorsOf(err));
    } finally {
      this.busy = '';
    }
  }

  private async revoke(term: Terminal): Promise<void> {
    this.busy = term._id;
    this.rowError = '';
    try {
      await api(`${this.path(this.posId)}/${encodeURIComponent(term._id)}`, { method: 'DELETE' });
      if (this.created?.terminalId === term._id) this.created = undefined;
      await this.terminals.reload();
    } catch (err) {
      this.rowError = errorLine(formErrorsOf(err));
    } finally {
      this.busy = '';
    }
  }

  private path(posId: string): string {
    return `/api/pos/${encodeURIComponent(posId)}/terminals`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-terminals': PosTerminals;
  }
}
