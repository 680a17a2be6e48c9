// The collective's loyalty program: its name, what earns (stamps per product or category,
// points per euro), expiry and rewards (a free product or a discount in euros, typed with a
// comma or a dot, integer cents sent). Saving replaces the whole program (PUT).
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LoyaltyProgram } from '../../../core/loyalty/program.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { Product } from '../api-types.js';
import { parseEuros } from '../euros.js';
import { checkField, formAlert, selectField, textField } from '../fields.js';
import { fieldError, formErrorsOf, formErrorText, type FormErrors } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { amountError } from '../messages.js';
import { tl } from './loyalty-messages.js';

interface RewardDraft {
  id: string;
  name: string;
  cost: string;
  productId: string;
  discount: string;
}

interface Draft {
  name: string;
  active: boolean;
  productIds: string[];
  categories: string[];
  pointsPerEuro: string;
  expiryDays: string;
  rewards: RewardDraft[];
}

interface Screen {
  program: Omit<LoyaltyProgram, '_id'> | null;
  products: Product[];
}

const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

function draftOf(p: Screen['program']): Draft {
  return {
    name: p?.name ?? '',
    active: p?.active ?? true,
    productIds: p?.stamps?.productIds ?? [],
    categories: p?.stamps?.categories ?? [],
    pointsPerEuro: p?.pointsPerEuro ? String(p.pointsPerEuro) : '',
    expiryDays: p?.expiryDays ? String(p.expiryDays) : '',
    rewards: (p?.rewards ?? []).map((r) => ({ id: r.id, name: r.name, cost: String(r.cost), productId: r.productId ?? '', discount: r.discount ? euros(r.discount) : '' })),
  };
}

@customElement('loyalty-panel')
export class LoyaltyPanel extends LitElement {
  @property() collectiveId = '';
  @state() private draft: Draft | undefined;
  @state() private errors: FormErrors | undefined;
  @state() private notice = '';
  @state() private busy = false;

  private readonly screen = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal): Promise<Screen> => {
      const base = `/api/collectives/${encodeURIComponent(id)}`;
      const [loyalty, products] = await Promise.all([
        api<{ program: Screen['program'] }>(`${base}/loyalty`, { signal }),
        api<{ products: Product[] }>(`${base}/products`, { signal }),
      ]);
      this.draft = draftOf(loyalty.program);
      return { program: loyalty.program, products: products.products.filter((p) => p.kind === 'item') };
    },
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<section class="panel" data-testid="loyalty-panel">
      <h2>${tl('loyalty.title')}</h2>
      <p class="muted">${tl('loyalty.intro')}</p>
      ${this.notice ? html`<p class="badge ok" role="status" data-testid="loyalty-notice">${this.notice}</p>` : nothing}
      ${loadView(
        this.screen.state,
        (s) => this.form(s),
        () => this.screen.reload(),
      )}
    </section>`;
  }

  private form(s: Screen) {
    const d = this.draft ?? draftOf(s.program);
    const e = (name: string) => fieldError(this.errors, name);
    const set = (patch: Partial<Draft>) => (this.draft = { ...d, ...patch });
    const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
    const setReward = (i: number, patch: Partial<RewardDraft>) => set({ rewards: d.rewards.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
    const categories = [...new Set(s.products.map((p) => p.category))].sort();
    return html`${s.program ? nothing : html`<p class="empty">${tl('loyalty.none')}</p>`}
      <form novalidate @submit=${(ev: Event) => this.save(ev, d)} data-testid="loyalty-form">
        ${formAlert(formErrorText(this.errors))}
        <div class="row">
          ${textField({ name: 'name', label: tl('loyalty.name'), value: d.name, error: e('name'), maxlength: 80, testid: 'loyalty-name', onInput: (v) => set({ name: v }) })}
          ${checkField({ name: 'active', label: tl('loyalty.active'), checked: d.active, testid: 'loyalty-active', onChange: (on) => set({ active: on }) })}
        </div>
        <fieldset data-testid="loyalty-stamp-products">
          <legend>${tl('loyalty.stampProducts')}</legend>
          ${s.products.map((p) => checkField({ name: `stamp-${p.id}`, label: p.name, checked: d.productIds.includes(p.id), testid: 'loyalty-stamp-product', onChange: (on) => set({ productIds: toggle(d.productIds, p.id, on) }) }))}
        </fieldset>
        <fieldset data-testid="loyalty-stamp-categories">
          <legend>${tl('loyalty.stampCategories')}</legend>
          ${categories.map((c) => checkField({ name: `category-${c}`, label: c, checked: d.categories.includes(c), testid: 'loyalty-stamp-category', onChange: (on) => set({ categories: toggle(d.categories, c, on) }) }))}
        </fieldset>
        <div class="row">
          ${textField({ name: 'pointsPerEuro', label: tl('loyalty.pointsPerEuro'), value: d.pointsPerEuro, inputmode: 'numeric', hint: tl('loyalty.pointsHint'), error: e('pointsPerEuro'), narrow: true, testid: 'loyalty-points', onInput: (v) => set({ pointsPerEuro: v }) })}
          ${textField({ name: 'expiryDays', label: tl('loyalty.expiryDays'), value: d.expiryDays, inputmode: 'numeric', hint: tl('loyalty.expiryHint'), error: e('expiryDays'), narrow: true, testid: 'loyalty-expiry', onInput: (v) => set({ expiryDays: v }) })}
        </div>
        <h3>${tl('loyalty.rewards')}</h3>
        ${d.rewards.map(
          (r, i) =>
            html`<div class="row" data-testid="loyalty-reward">
              ${textField({ name: `rewards.${i}.id`, label: tl('loyalty.rewardId'), value: r.id, placeholder: 'cafe-offert', error: e(`rewards.${i}.id`), maxlength: 32, narrow: true, testid: 'loyalty-reward-id', onInput: (v) => setReward(i, { id: v }) })}
              ${textField({ name: `rewards.${i}.name`, label: tl('loyalty.rewardName'), value: r.name, error: e(`rewards.${i}.name`), maxlength: 80, testid: 'loyalty-reward-name', onInput: (v) => setReward(i, { name: v }) })}
              ${textField({ name: `rewards.${i}.cost`, label: tl('loyalty.rewardCost'), value: r.cost, inputmode: 'numeric', error: e(`rewards.${i}.cost`), narrow: true, testid: 'loyalty-reward-cost', onInput: (v) => setReward(i, { cost: v }) })}
              ${selectField({
                name: `rewards.${i}.productId`,
                label: tl('loyalty.rewardProduct'),
                value: r.productId,
                narrow: true,
                error: e(`rewards.${i}.productId`),
                testid: 'loyalty-reward-product',
                options: [{ value: '', label: tl('loyalty.noProduct') }, ...s.products.map((p) => ({ value: p.id, label: p.name }))],
                onInput: (v) => setReward(i, { productId: v }),
              })}
              ${r.productId ? nothing : textField({ name: `rewards.${i}.discount`, label: tl('loyalty.rewardDiscount'), value: r.discount, inputmode: 'decimal', error: e(`rewards.${i}.discount`), narrow: true, testid: 'loyalty-reward-discount', onInput: (v) => setReward(i, { discount: v }) })}
              <button type="button" class="small-btn danger" @click=${() => set({ rewards: d.rewards.filter((_, j) => j !== i) })}>${tl('loyalty.remove')}</button>
            </div>`,
        )}
        <div class="actions">
          <button
            type="button"
            class="small-btn"
            data-testid="loyalty-add-reward"
            @click=${() => set({ rewards: [...d.rewards, { id: '', name: '', cost: '', productId: '', discount: '' }] })}
          >
            ${tl('loyalty.addReward')}
          </button>
          <button class="primary" type="submit" ?disabled=${this.busy} data-testid="loyalty-save">${tl('loyalty.save')}</button>
        </div>
      </form>`;
  }

  private async save(ev: Event, d: Draft): Promise<void> {
    ev.preventDefault();
    const fields: Record<string, string> = {};
    const count = (text: string, key: string): number | undefined => {
      if (!text.trim()) return undefined;
      if (/^\d{1,6}$/.test(text.trim())) return Number(text.trim());
      fields[key] = tl('loyalty.countFormat');
      return undefined;
    };
    const pointsPerEuro = count(d.pointsPerEuro, 'pointsPerEuro');
    const expiryDays = count(d.expiryDays, 'expiryDays');
    const rewards = d.rewards.map((r, i) => {
      const cost = count(r.cost, `rewards.${i}.cost`) ?? 0;
      if (r.productId) return { id: r.id.trim(), name: r.name.trim(), cost, productId: r.productId };
      const parsed = parseEuros(r.discount);
      if (!parsed.ok) fields[`rewards.${i}.discount`] = amountError(parsed.reason);
      return { id: r.id.trim(), name: r.name.trim(), cost, discount: parsed.ok ? parsed.value : 0 };
    });
    if (Object.keys(fields).length) {
      this.errors = { fields };
      return;
    }
    const stamps = d.productIds.length || d.categories.length ? { productIds: d.productIds, categories: d.categories } : undefined;
    const body = {
      name: d.name.trim(),
      active: d.active,
      ...(stamps ? { stamps } : {}),
      ...(pointsPerEuro ? { pointsPerEuro } : {}),
      ...(expiryDays ? { expiryDays } : {}),
      rewards,
    };
    this.busy = true;
    this.errors = undefined;
    try {
      await api(`/api/collectives/${encodeURIComponent(this.collectiveId)}/loyalty`, { method: 'PUT', body });
      this.notice = tl('loyalty.saved');
      await this.screen.reload();
    } catch (err) {
      this.errors = formErrorsOf(err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loyalty-panel': LoyaltyPanel;
  }
}
