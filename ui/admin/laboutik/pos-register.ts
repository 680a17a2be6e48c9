// The register of a POS: open it with its float, or close it by typing the cash counted in the
// drawer; closing writes the day's Z ticket, shown at once with the cash difference.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { CloseResult, RegisterStatus, Terminal } from '../api-types.js';
import { parseEuros } from '../euros.js';
import { formAlert, textField } from '../fields.js';
import { type FormErrors, formErrorsOf, formErrorText } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { amountError, dateTime, money } from '../messages.js';
import { tb } from './messages.js';
import '../confirm-button.js';
import './z-ticket-summary.js';

@customElement('pos-register')
export class PosRegister extends LitElement {
  @property() posId = '';
  @state() private amount = '';
  @state() private errors: FormErrors | undefined;
  @state() private busy = false;
  @state() private closed: CloseResult | undefined;

  private readonly status = new Loader(this, {
    args: () => [this.posId] as const,
    task: async ([posId], signal): Promise<RegisterStatus & { names: Map<string, string> }> => {
      const base = `/api/pos/${encodeURIComponent(posId)}`;
      // A register a sale opened names its terminal by id: the terminals list gives its name.
      const [status, { terminals }] = await Promise.all([api<RegisterStatus>(`${base}/status`, { signal }), api<{ terminals: Terminal[] }>(`${base}/terminals`, { signal })]);
      return { ...status, names: new Map(terminals.map((term) => [term._id, term.name])) };
    },
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<p class="muted">${tb('register.intro')}</p>
      ${this.closed ? this.closeResult(this.closed) : nothing}
      ${loadView(this.status.state, (s) => this.view(s), () => this.status.reload())}`;
  }

  private view(s: RegisterStatus & { names: Map<string, string> }) {
    const open = s.session?.state === 'open';
    return html`<div data-testid="register" data-state=${open ? 'open' : 'closed'}>
      <p>
        <span class="badge ${open ? 'ok' : ''}" data-testid="register-state">${open ? tb('register.open') : tb('register.closed')}</span>
        ${open ? html` <span class="muted">${tb('register.openedAt', { at: dateTime(s.session!.openedAt), by: s.names.get(s.session!.openedBy) ?? s.session!.openedBy })}</span>` : nothing}
      </p>
      <p class="muted">
        ${[s.lastNumber ? tb('register.lastSale', { number: s.lastNumber }) : '', s.lastZ ? tb('register.lastZ', { number: s.lastZ }) : tb('register.noZ')].filter(Boolean).join(' · ')}
      </p>
      ${formAlert(formErrorText(this.errors), 'register-error')}
      ${open ? this.closeForm() : this.openForm()}
    </div>`;
  }

  private openForm() {
    return html`<form class="row" novalidate @submit=${this.open} data-testid="register-open-form">
      ${textField({ name: 'float', label: tb('register.float'), value: this.amount, inputmode: 'decimal', placeholder: '0,00', error: this.errors?.fields.float, narrow: true, testid: 'register-float', onInput: (v) => (this.amount = v) })}
      <button class="primary" type="submit" ?disabled=${this.busy} data-testid="register-open">${tb('register.openAction')}</button>
    </form>`;
  }

  private closeForm() {
    // Also a form, so Enter in the field asks for confirmation rather than closing at once.
    return html`<form class="row" novalidate @submit=${(e: Event) => e.preventDefault()} data-testid="register-close-form">
      ${textField({ name: 'countedCash', label: tb('register.counted'), value: this.amount, inputmode: 'decimal', placeholder: '0,00', hint: tb('register.countedHint'), error: this.errors?.fields.countedCash, testid: 'register-counted', onInput: (v) => (this.amount = v) })}
      <confirm-button variant="primary" label=${tb('register.closeAction')} question=${tb('register.closeConfirm')} testid="register-close" ?disabled=${this.busy} @confirmed=${this.close}></confirm-button>
    </form>`;
  }

  private closeResult(r: CloseResult) {
    const s = r.session;
    const difference = s?.difference;
    return html`<section class="panel" data-testid="register-result" style="border:2px solid var(--pass-success)">
      <h3>${tb('register.result')}</h3>
      ${s && s.countedCash !== undefined
        ? html`<div class="figures">
            <div><div class="label">${tb('register.expected')}</div><div class="figure" data-testid="register-expected">${money(s.expectedCash ?? 0)}</div></div>
            <div><div class="label">${tb('register.countedCash')}</div><div class="figure">${money(s.countedCash)}</div></div>
            <div>
              <div class="label">${tb('register.difference')}</div>
              <div class="figure" data-testid="register-difference" style=${difference ? 'color:var(--pass-danger)' : 'color:var(--pass-success)'}>
                ${difference ? (difference > 0 ? `+${money(difference)}` : money(difference)) : tb('register.differenceNone')}
              </div>
            </div>
          </div>`
        : nothing}
      ${r.z ? html`<z-ticket-summary .z=${r.z}></z-ticket-summary>` : nothing}
    </section>`;
  }

  private readonly open = async (event: Event) => {
    event.preventDefault();
    const float = this.amount.trim() ? parseEuros(this.amount) : ({ ok: true, value: 0 } as const);
    if (!float.ok) {
      this.errors = { fields: { float: amountError(float.reason) } };
      return;
    }
    await this.send('open', { float: float.value });
  };

  private readonly close = async () => {
    const counted = parseEuros(this.amount);
    if (!counted.ok) {
      this.errors = { fields: { countedCash: amountError(counted.reason) } };
      return;
    }
    const result = await this.send<CloseResult>('close', { countedCash: counted.value });
    if (result) this.closed = result;
  };

  private async send<T>(action: 'open' | 'close', body: unknown): Promise<T | undefined> {
    this.busy = true;
    this.errors = undefined;
    this.closed = undefined;
    try {
      const result = await api<T>(`/api/pos/${encodeURIComponent(this.posId)}/${action}`, { body });
      this.amount = '';
      await this.status.reload();
      return result;
    } catch (err) {
      this.errors = formErrorsOf(err);
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-register': PosRegister;
  }
}
