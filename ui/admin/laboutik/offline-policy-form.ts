// One POS's offline rule (GET/PATCH /api/collectives/:c/pos/:posId/offline-policy): the ceilings
// a terminal applies alone when the server does not answer. Amounts typed in euros (integer
// cents, no float), the time in minutes; the server bounds them again and fills defaults.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { getLang, LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { OfflinePolicy } from '../api-types.js';
import { centsToInput, parseEuros } from '../euros.js';
import { formAlert, textField } from '../fields.js';
import { errorLine, formErrorsOf } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { tb } from './messages.js';

type Draft = Record<'maxSaleCents' | 'maxPerCardCents' | 'maxTotalCents' | 'minutes', string>;
const amountFields = ['maxSaleCents', 'maxPerCardCents', 'maxTotalCents'] as const;
const labels = { maxSaleCents: 'offline.maxSale', maxPerCardCents: 'offline.maxPerCard', maxTotalCents: 'offline.maxTotal' } as const;

@customElement('offline-policy-form')
export class OfflinePolicyForm extends LitElement {
  @property() collectiveId = '';
  @property() posId = '';
  @property() posName = '';
  @state() private draft: Draft | null = null;
  @state() private errors: Partial<Record<keyof Draft, string>> = {};
  @state() private message = '';
  @state() private error = '';

  private readonly policy = new Loader(this, {
    args: () => [this.collectiveId, this.posId] as const,
    task: async ([c, p], signal) => (await api<{ policy: OfflinePolicy }>(this.path(c, p), { signal })).policy,
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<form class="row" data-testid="offline-policy" data-pos-id=${this.posId} @submit=${this.save}>
      <h4>${this.posName}</h4>
      ${loadView(
        this.policy.state,
        (p) => this.fields(this.draft ?? toDraft(p)),
        () => this.policy.reload(),
      )}
    </form>`;
  }

  private fields(d: Draft) {
    const set = (key: keyof Draft) => (value: string) => (this.draft = { ...d, [key]: value });
    return html`${amountFields.map((key) => textField({ name: key, label: tb(labels[key]), value: d[key], onInput: set(key), inputmode: 'decimal', narrow: true, error: this.errors[key] }))}
      ${textField({ name: 'minutes', label: tb('offline.maxMinutes'), value: d.minutes, onInput: set('minutes'), inputmode: 'numeric', narrow: true, error: this.errors.minutes })}
      <button class="primary" type="submit" data-testid="offline-policy-save">${tb('offline.save')}</button>
      ${this.message ? html`<p class="muted" role="status" data-testid="offline-policy-saved">${this.message}</p>` : nothing} ${formAlert(this.error, 'offline-policy-error')}`;
  }

  private readonly save = async (event: Event) => {
    event.preventDefault();
    const current = this.policy.value;
    const d = this.draft ?? (current ? toDraft(current) : null);
    if (!d) return;
    const errors: Partial<Record<keyof Draft, string>> = {};
    const body: Partial<OfflinePolicy> = {};
    for (const key of amountFields) {
      const parsed = parseEuros(d[key]);
      if (parsed.ok) body[key] = parsed.value;
      else errors[key] = tb('offline.badAmount');
    }
    const minutes = /^\d{1,4}$/.test(d.minutes.trim()) ? Number(d.minutes.trim()) : NaN;
    if (minutes >= 1 && minutes <= 1440) body.maxOfflineMs = minutes * 60_000;
    else errors.minutes = tb('offline.badMinutes');
    this.errors = errors;
    this.message = '';
    this.error = '';
    if (Object.keys(errors).length) return;
    try {
      const saved = await api<{ policy: OfflinePolicy }>(this.path(this.collectiveId, this.posId), { method: 'PATCH', body });
      this.message = tb('offline.saved');
      this.draft = null;
      this.policy.set(saved.policy);
    } catch (err) {
      this.error = errorLine(formErrorsOf(err));
    }
  };

  private path(collectiveId: string, posId: string): string {
    return `/api/collectives/${encodeURIComponent(collectiveId)}/pos/${encodeURIComponent(posId)}/offline-policy`;
  }
}

function toDraft(p: OfflinePolicy): Draft {
  const lang = getLang();
  return {
    maxSaleCents: centsToInput(p.maxSaleCents, lang),
    maxPerCardCents: centsToInput(p.maxPerCardCents, lang),
    maxTotalCents: centsToInput(p.maxTotalCents, lang),
    minutes: String(Math.round(p.maxOfflineMs / 60_000)),
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'offline-policy-form': OfflinePolicyForm;
  }
}
