// Profile and branding of the collective (its Lespass): description, logo, images, colours and
// time zone, saved with PATCH /api/collectives/:id. Checked here first (URLs, colours, at most
// 12 images), then by the server, whose refusals land next to their fields.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { CollectiveProfile } from '../api-types.js';
import { colourField, formAlert, selectField, textareaField, textField } from '../fields.js';
import { fieldError, type FormErrors, formErrorsOf, formErrorText } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { t } from '../messages.js';

interface ProfileForm {
  description: string;
  logoUrl: string;
  images: string;
  primary: string;
  secondary: string;
  timezone: string;
  address: string;
  siret: string;
  vatNumber: string;
  fiscalYearStartMonth: string;
  dayCutoff: string;
  lang: 'fr' | 'en';
}

const hex = /^#[0-9a-fA-F]{6}$/;
const imageUrl = (u: string) => /^https?:\/\/[^\s]+$/.test(u) || /^\/[^\s/][^\s]*$/.test(u);

@customElement('collective-profile')
export class CollectiveProfileScreen extends LitElement {
  @property() collectiveId = '';
  @state() private form: ProfileForm | undefined;
  @state() private errors: FormErrors | undefined;
  @state() private busy = false;
  @state() private saved = false;
  private formOf: CollectiveProfile | undefined;

  private readonly profile = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal) => (await api<{ collective: CollectiveProfile }>(`/api/collectives/${encodeURIComponent(id)}`, { signal })).collective,
  });

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      .preview {
        border-radius: var(--pass-radius);
        padding: var(--pass-space-4);
        display: flex;
        gap: var(--pass-space-3);
        align-items: center;
        margin-bottom: var(--pass-space-4);
      }
      .preview img {
        width: 64px;
        height: 64px;
        object-fit: contain;
        background: #fff;
        border-radius: var(--pass-radius-small);
      }
      .preview strong {
        font-size: 1.3rem;
        display: block;
      }
      .preview .accent {
        display: inline-block;
        margin-top: 4px;
        padding: 2px 10px;
        border-radius: 999px;
        font-weight: 700;
        font-size: 0.85rem;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override willUpdate(): void {
    const value = this.profile.value;
    if (value && value !== this.formOf) {
      this.formOf = value;
      this.form = formFrom(value);
      this.errors = undefined;
    }
  }

  override render() {
    return html`<section class="panel" data-testid="collective-profile">
      <h2>${t('profile.title')}</h2>
      <p class="muted">${t('profile.intro')}</p>
      ${loadView(this.profile.state, (p) => this.editor(p), () => this.profile.reload())}
    </section>`;
  }

  private editor(p: CollectiveProfile) {
    const f = this.form ?? formFrom(p);
    const set = (patch: Partial<ProfileForm>) => {
      this.form = { ...f, ...patch };
      this.saved = false;
    };
    const e = (name: string) => fieldError(this.errors, name);
    return html`${this.preview(p, f)}
      <form novalidate @submit=${this.submit} data-testid="profile-form">
        ${formAlert(formErrorText(this.errors))}
        <p class="muted">${t('profile.slug')} : <a href="/${p.slug}/" target="_blank" rel="noopener">/${p.slug}/</a></p>
        ${textareaField({ name: 'description', label: t('profile.description'), value: f.description, error: e('description'), maxlength: 5000, onInput: (v) => set({ description: v }) })}
        <div class="grid">
          ${textField({ name: 'logoUrl', label: t('profile.logoUrl'), type: 'url', value: f.logoUrl, error: e('logoUrl'), placeholder: 'https://…', onInput: (v) => set({ logoUrl: v }) })}
          ${textField({ name: 'timezone', label: t('profile.timezone'), value: f.timezone, error: e('timezone'), placeholder: 'Europe/Paris', onInput: (v) => set({ timezone: v }) })}
          ${textField({ name: 'dayCutoff', label: t('profile.dayCutoff'), value: f.dayCutoff, error: e('dayCutoff'), placeholder: '04:00', hint: t('profile.dayCutoffHint'), onInput: (v) => set({ dayCutoff: v }) })}
          ${selectField({ name: 'lang', label: t('profile.lang'), value: f.lang, error: e('lang'), hint: t('profile.langHint'), options: [{ value: 'fr', label: 'Français' }, { value: 'en', label: 'English' }], onInput: (v) => set({ lang: v === 'en' ? 'en' : 'fr' }) })}
        </div>
        ${textareaField({ name: 'images', label: t('profile.images'), value: f.images, error: e('images'), onInput: (v) => set({ images: v }) })}
        <div class="grid">
          ${colourField({ name: 'colours.primary', label: t('profile.primary'), value: f.primary, error: e('colours.primary'), testid: 'field-colour-primary', onInput: (v) => set({ primary: v }) })}
          ${colourField({ name: 'colours.secondary', label: t('profile.secondary'), value: f.secondary, error: e('colours.secondary'), testid: 'field-colour-secondary', onInput: (v) => set({ secondary: v }) })}
        </div>
        <h3>${t('profile.legal')}</h3>
        <p class="muted">${t('profile.legalIntro')}</p>
        ${textField({ name: 'address', label: t('profile.address'), value: f.address, error: e('address'), onInput: (v) => set({ address: v }) })}
        <div class="grid">
          ${textField({ name: 'siret', label: t('profile.siret'), value: f.siret, error: e('siret'), placeholder: '12345678900012', onInput: (v) => set({ siret: v }) })}
          ${textField({ name: 'vatNumber', label: t('profile.vatNumber'), value: f.vatNumber, error: e('vatNumber'), placeholder: 'FR12345678901', onInput: (v) => set({ vatNumber: v }) })}
          ${textField({ name: 'fiscalYearStartMonth', label: t('profile.fiscalYearStartMonth'), value: f.fiscalYearStartMonth, error: e('fiscalYearStartMonth'), placeholder: '1', onInput: (v) => set({ fiscalYearStartMonth: v }) })}
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy} data-testid="profile-save">${this.busy ? t('saving') : t('save')}</button>
          ${this.saved ? html`<span class="badge ok" role="status" data-testid="profile-saved">${t('saved')}</span>` : nothing}
        </div>
      </form>`;
  }

  private preview(p: CollectiveProfile, f: ProfileForm) {
    const primary = hex.test(f.primary) ? f.primary : p.colours.primary;
    const secondary = hex.test(f.secondary) ? f.secondary : p.colours.secondary;
    const logo = f.logoUrl.trim();
    return html`<div class="preview" style="background:${primary};color:#fff" aria-label=${t('profile.preview')}>
      ${logo && imageUrl(logo) ? html`<img src=${logo} alt="" />` : nothing}
      <div>
        <strong>${p.name}</strong>
        <span class="accent" style="background:${secondary};color:#000">${t('profile.preview')}</span>
      </div>
    </div>`;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const f = this.form;
    if (!f) return;
    const images = f.images.split('\n').map((s) => s.trim()).filter(Boolean);
    const fields: Record<string, string> = {};
    const logo = f.logoUrl.trim();
    if (logo && !imageUrl(logo)) fields.logoUrl = t('url.format');
    if (images.length > 12) fields.images = t('profile.tooManyImages');
    else if (images.some((u) => !imageUrl(u))) fields.images = t('url.format');
    if (!hex.test(f.primary)) fields['colours.primary'] = t('colour.format');
    if (!hex.test(f.secondary)) fields['colours.secondary'] = t('colour.format');
    if (!f.timezone.trim()) fields.timezone = t('required');
    const siret = f.siret.replace(/\s+/g, '');
    if (siret && !/^\d{14}$/.test(siret)) fields.siret = t('profile.siretFormat');
    const month = Number(f.fiscalYearStartMonth || '1');
    if (!Number.isInteger(month) || month < 1 || month > 12) fields.fiscalYearStartMonth = t('profile.monthFormat');
    if (!/^(0\d|1[01]):[0-5]\d$/.test(f.dayCutoff.trim())) fields.dayCutoff = t('profile.dayCutoffInvalid');
    if (Object.keys(fields).length) {
      this.errors = { fields };
      return;
    }
    this.busy = true;
    this.errors = undefined;
    try {
      const body = { description: f.description, logoUrl: logo || null, images, colours: { primary: f.primary, secondary: f.secondary }, timezone: f.timezone.trim(),
        address: f.address.trim(), siret, vatNumber: f.vatNumber.replace(/\s+/g, '').toUpperCase(), fiscalYearStartMonth: month,
        dayCutoff: f.dayCutoff.trim(), lang: f.lang };
      const { collective } = await api<{ collective: CollectiveProfile }>(`/api/collectives/${encodeURIComponent(this.collectiveId)}`, { method: 'PATCH', body });
      this.profile.set(collective);
      this.saved = true;
    } catch (err) {
      this.errors = formErrorsOf(err);
    } finally {
      this.busy = false;
    }
  }
}

function formFrom(p: CollectiveProfile): ProfileForm {
  return { description: p.description, logoUrl: p.logoUrl ?? '', images: p.images.join('\n'), primary: p.colours.primary, secondary: p.colours.secondary, timezone: p.timezone,
    address: p.address ?? '', siret: p.siret ?? '', vatNumber: p.vatNumber ?? '', fiscalYearStartMonth: String(p.fiscalYearStartMonth ?? 1),
    dayCutoff: p.dayCutoff ?? '04:00', lang: p.lang ?? 'fr' };
}

declare global {
  interface HTMLElementTagNameMap {
    'collective-profile': CollectiveProfileScreen;
  }
}
