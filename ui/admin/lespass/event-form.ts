// Create or edit an event: title, description, place, image, start and end (local date and
// time), capacity, published or draft. Sends `saved` with the event, or `cancel`.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { checkField, formAlert, textareaField, textField } from '../fields.js';
import { fieldError, type FormErrors, formErrorsOf, formErrorText } from '../form-errors.js';
import { t } from '../messages.js';
import { fromLocalInput, toLocalInput } from './local-time.js';
import { tl } from './messages.js';
import type { EventView } from './types.js';

interface EventDraft {
  title: string;
  description: string;
  place: string;
  imageUrl: string;
  startsAt: string;
  endsAt: string;
  capacity: string;
  published: boolean;
}

const imageUrl = (u: string) => /^https?:\/\/[^\s]+$/.test(u) || /^\/[^\s/][^\s]*$/.test(u);

@customElement('event-form')
export class EventForm extends LitElement {
  @property() collectiveId = '';
  @property({ attribute: false }) event: EventView | undefined;
  /** Shown as a panel of its own (create) or inside the event's page (edit). */
  @property({ type: Boolean }) cancellable = true;
  @state() private draft: EventDraft = emptyDraft();
  @state() private errors: FormErrors | undefined;
  @state() private busy = false;
  @state() private saved = false;
  private draftOf: EventView | undefined | null = null;

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override willUpdate(): void {
    if (this.event !== this.draftOf) {
      this.draftOf = this.event;
      this.draft = this.event ? draftFrom(this.event) : emptyDraft();
      this.errors = undefined;
    }
  }

  override render() {
    const d = this.draft;
    const e = (name: string) => fieldError(this.errors, name);
    const set = (patch: Partial<EventDraft>) => {
      this.draft = { ...d, ...patch };
      this.saved = false;
    };
    return html`<form class="panel" novalidate @submit=${this.submit} data-testid="event-form">
      <h2>${this.event ? tl('events.edit') : tl('events.new')}</h2>
      ${formAlert(formErrorText(this.errors))}
      ${textField({ name: 'title', label: tl('events.title.field'), value: d.title, error: e('title'), maxlength: 200, testid: 'event-title', onInput: (v) => set({ title: v }) })}
      <div class="grid">
        ${textField({ name: 'startsAt', label: tl('events.startsAt'), type: 'datetime-local', value: d.startsAt, error: e('startsAt'), testid: 'event-starts', onInput: (v) => set({ startsAt: v }) })}
        ${textField({ name: 'endsAt', label: tl('events.endsAt'), type: 'datetime-local', value: d.endsAt, error: e('endsAt'), testid: 'event-ends', onInput: (v) => set({ endsAt: v }) })}
        ${textField({ name: 'capacity', label: tl('events.capacity'), value: d.capacity, inputmode: 'numeric', error: e('capacity'), testid: 'event-capacity', onInput: (v) => set({ capacity: v }) })}
        ${textField({ name: 'place', label: tl('events.place'), value: d.place, error: e('place'), maxlength: 300, testid: 'event-place', onInput: (v) => set({ place: v }) })}
        <div class="wide">${textField({ name: 'imageUrl', label: tl('events.imageUrl'), type: 'url', value: d.imageUrl, error: e('imageUrl'), placeholder: 'https://…', testid: 'event-image', onInput: (v) => set({ imageUrl: v }) })}</div>
      </div>
      ${textareaField({ name: 'description', label: tl('events.description'), value: d.description, error: e('description'), maxlength: 10000, testid: 'event-description', onInput: (v) => set({ description: v }) })}
      ${checkField({ name: 'published', label: tl('events.published'), checked: d.published, testid: 'event-published', onChange: (v) => set({ published: v }) })}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy} data-testid="event-save">${this.busy ? t('saving') : this.event ? t('save') : t('create')}</button>
        ${this.cancellable ? html`<button type="button" data-testid="event-cancel" @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>${t('cancel')}</button>` : nothing}
        ${this.saved ? html`<span class="badge ok" role="status" data-testid="event-saved">${tl('events.saved')}</span>` : nothing}
      </div>
    </form>`;
  }

  private readonly submit = async (ev: Event) => {
    ev.preventDefault();
    const d = this.draft;
    const fields: Record<string, string> = {};
    const startsAt = fromLocalInput(d.startsAt);
    const endsAt = fromLocalInput(d.endsAt);
    if (!d.title.trim()) fields.title = t('required');
    if (startsAt === null) fields.startsAt = tl('events.dateFormat');
    if (endsAt === null) fields.endsAt = tl('events.dateFormat');
    else if (startsAt !== null && endsAt <= startsAt) fields.endsAt = tl('events.endBeforeStart');
    const capacity = /^\d{1,6}$/.test(d.capacity.trim()) ? Number(d.capacity.trim()) : NaN;
    if (!(capacity >= 1 && capacity <= 100_000)) fields.capacity = tl('events.capacityFormat');
    if (d.imageUrl.trim() && !imageUrl(d.imageUrl.trim())) fields.imageUrl = t('url.format');
    if (Object.keys(fields).length) {
      this.errors = { fields };
      return;
    }
    const body = {
      title: d.title.trim(),
      description: d.description,
      place: d.place.trim(),
      imageUrl: d.imageUrl.trim() || null,
      startsAt,
      endsAt,
      capacity,
      published: d.published,
    };
    this.busy = true;
    this.errors = undefined;
    try {
      const base = `/api/collectives/${encodeURIComponent(this.collectiveId)}/events`;
      const { event } = this.event
        ? await api<{ event: EventView }>(`${base}/${encodeURIComponent(this.event.id)}`, { method: 'PATCH', body })
        : await api<{ event: EventView }>(base, { body });
      this.saved = Boolean(this.event);
      this.dispatchEvent(new CustomEvent<EventView>('saved', { detail: event }));
    } catch (err) {
      this.errors = formErrorsOf(err);
    } finally {
      this.busy = false;
    }
  };
}

function emptyDraft(): EventDraft {
  // Next Saturday evening: a sensible default to edit rather than an empty date picker.
  const d = new Date();
  d.setDate(d.getDate() + ((6 - d.getDay() + 7) % 7 || 7));
  d.setHours(20, 0, 0, 0);
  const start = d.getTime();
  return { title: '', description: '', place: '', imageUrl: '', startsAt: toLocalInput(start), endsAt: toLocalInput(start + 4 * 3_600_000), capacity: '100', published: false };
}

function draftFrom(e: EventView): EventDraft {
  return {
    title: e.title,
    description: e.description,
    place: e.place,
    imageUrl: e.imageUrl ?? '',
    startsAt: toLocalInput(e.startsAt),
    endsAt: toLocalInput(e.endsAt),
    capacity: String(e.capacity),
    published: e.published,
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'event-form': EventForm;
  }
}
