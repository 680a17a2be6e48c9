// Door phones: the admin creates a scanner for some events and reads out its one-time pairing
// code; the volunteer types it on /door/ (ui/door). Listed with their state; revoked in place.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import '../confirm-button.js';
import { checkField, formAlert, textField } from '../fields.js';
import { Loader } from '../loader.js';
import { dateTime, errorText } from '../messages.js';
import { tl } from './messages.js';
import type { EventView } from './types.js';

interface DoorPhone {
  _id: string;
  name: string;
  eventIds: string[];
  state: 'pending' | 'paired' | 'revoked';
}

@customElement('door-phones')
export class DoorPhones extends LitElement {
  @property() collectiveId = '';
  @state() private name = '';
  @state() private chosen = new Set<string>();
  @state() private created: { name: string; code: string } | undefined;
  @state() private error = '';

  private readonly data = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal) => {
      const base = `/api/collectives/${encodeURIComponent(id)}`;
      const [events, phones] = await Promise.all([api<{ events: EventView[] }>(`${base}/events`, { signal }), api<{ scanners: DoorPhone[] }>(`${base}/door-scanners`, { signal })]);
      return { events: events.events, phones: phones.scanners };
    },
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const events = (this.data.value?.events ?? []).filter((e) => e.endsAt > Date.now() - 86_400_000).sort((a, b) => a.startsAt - b.startsAt);
    const titles = new Map((this.data.value?.events ?? []).map((e) => [e.id, e.title]));
    const phones = this.data.value?.phones ?? [];
    return html`<section class="panel" data-testid="door-phones">
      <h2>${tl('door.phones')}</h2>
      <p class="muted">${tl('door.phonesIntro', { url: `${location.origin}/door/` })}</p>
      ${this.created ? html`<p class="alert info" role="status" data-testid="door-phone-code"><strong>${tl('door.phoneCode', { name: this.created.name, code: this.created.code })}</strong></p>` : nothing}
      <form novalidate @submit=${this.create}>
        ${textField({ name: 'phoneName', label: tl('door.phoneName'), value: this.name, onInput: (v) => (this.name = v), maxlength: 64, required: true })}
        <fieldset>
          <legend>${tl('door.phoneEvents')}</legend>
          ${events.map((e) => checkField({ name: `ev-${e.id}`, label: `${e.title} · ${dateTime(e.startsAt)}`, checked: this.chosen.has(e.id), onChange: (on) => this.toggle(e.id, on) }))}
        </fieldset>
        ${formAlert(this.error)}
        <div class="actions"><button class="primary" type="submit" data-testid="door-phone-create">${tl('door.phoneCreate')}</button></div>
      </form>
      ${phones.length
        ? html`<ul class="plain" data-testid="door-phone-list">
            ${phones.map(
              (p) => html`<li>
                <strong>${p.name}</strong> · ${tl(`door.phoneState.${p.state}`)} · ${p.eventIds.map((id) => titles.get(id) ?? id).join(', ')}
                ${p.state !== 'revoked' ? html`<confirm-button small label=${tl('door.phoneRevoke')} question=${tl('door.phoneRevokeQuestion')} @confirmed=${() => this.revoke(p._id)}></confirm-button>` : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${tl('door.phoneNone')}</p>`}
    </section>`;
  }

  private toggle(eventId: string, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(eventId);
    else next.delete(eventId);
    this.chosen = next;
  }

  private readonly create = async (e: Event) => {
    e.preventDefault();
    this.error = '';
    if (!this.chosen.size) return void (this.error = tl('door.phoneNeedsEvent'));
    try {
      const name = this.name.trim();
      const res = await api<{ pairingCode: string }>(`/api/collectives/${encodeURIComponent(this.collectiveId)}/door-scanners`, { body: { name, eventIds: [...this.chosen] } });
      this.created = { name, code: res.pairingCode };
      this.name = '';
      this.chosen = new Set();
      void this.data.reload();
    } catch (err) {
      this.error = err instanceof ApiError ? errorText(err.code, err.message) : String(err);
    }
  };

  private async revoke(scannerId: string): Promise<void> {
    await api(`/api/collectives/${encodeURIComponent(this.collectiveId)}/door-scanners/${encodeURIComponent(scannerId)}`, { method: 'DELETE' });
    void this.data.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'door-phones': DoorPhones;
  }
}
