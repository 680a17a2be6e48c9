// Pieces of the booking and joining forms, as templates rendered by basket-form.ts: the seat
// pickers (one per price), a membership's questions, the optional extras. Each input carries
// its own error message right under it (aria-describedby), as the server or the page wrote it.
import { html, nothing } from 'lit';
import { getLang } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';
import type { MembershipField, MembershipProduct, Price } from './api-types.js';
import { maxSeats, type Draft } from './basket.js';
import { priceLine } from './membership-card.js';
import { t } from './messages.js';

export type ErrorOf = (field: string) => string | undefined;

export function errorLine(id: string, message: string | undefined) {
  return message ? html`<p class="field-error" id=${`${id}-error`} data-testid="error-${id}">${message}</p>` : nothing;
}

export function seatPicker(price: Price, draft: Draft, signedIn: boolean, errorOf: ErrorOf, setQty: (qty: number) => void, setChosen?: (euros: string) => void, member = false) {
  const qty = draft.qty[price.id] ?? 0;
  const max = maxSeats(price, draft, member);
  const id = `price-${price.id}`;
  const error = errorOf(`price:${price.id}`);
  const left = price.remaining <= 0 ? t('price.soldOut') : price.remaining === 1 ? t('price.oneLeft') : t('price.left', { n: price.remaining });
  return html`<li class="seat ${price.remaining <= 0 ? 'sold-out' : ''}" data-testid="price" data-price-id=${price.id}>
    <div class="seat-info">
      <div class="seat-name">${price.name}</div>
      <div class="seat-amount money">${price.payWhatYouWant ? t('price.payWhatYouWant', { amount: formatMoney(price.amount, getLang()) }) : price.amount > 0 ? formatMoney(price.amount, getLang()) : t('price.free')}</div>
      ${price.payWhatYouWant && setChosen && qty > 0
        ? textField(`chosen-${price.id}`, t('price.chosen', { name: price.name }), draft.chosen[price.id] ?? '', setChosen, { inputmode: 'decimal', placeholder: formatMoney(price.amount, getLang()) })
        : nothing}
      <div class="row">
        ${price.membersOnly ? html`<span class="badge brand" data-testid="members-only">${t('price.membersOnly')}</span>` : nothing}
        <span class="badge ${price.remaining <= 0 ? 'bad' : price.remaining <= 10 ? 'warn' : ''}">${left}</span>
      </div>
      ${price.membersOnly && !member && !draft.membershipId && !error ? html`<p class="hint" data-testid="members-only-hint">${t(signedIn ? 'price.membersOnlyJoin' : 'price.membersOnlyHint')}</p>` : nothing} ${errorLine(id, error)}
    </div>
    <div class="stepper" role="group" aria-label=${t('price.qty', { name: price.name })}>
      <button type="button" aria-label=${t('price.less', { name: price.name })} ?disabled=${qty <= 0} data-testid="less-${price.id}" @click=${() => setQty(qty - 1)}>−</button>
      <output aria-live="polite" data-testid="qty-${price.id}" aria-describedby=${error ? `${id}-error` : nothing}>${qty}</output>
      <button type="button" aria-label=${t('price.more', { name: price.name })} ?disabled=${qty >= max} data-testid="more-${price.id}" @click=${() => setQty(qty + 1)}>+</button>
    </div>
  </li>`;
}

export function textField(
  id: string,
  label: string,
  value: string,
  onInput: (value: string) => void,
  options: { type?: string; error?: string; hint?: string; autocomplete?: string; required?: boolean; inputmode?: string; placeholder?: string } = {},
) {
  const described = [options.error ? `${id}-error` : '', options.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${id}>${label}${options.required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
    <input
      id=${id}
      name=${id}
      type=${options.type ?? 'text'}
      .value=${value}
      autocomplete=${options.autocomplete ?? nothing}
      inputmode=${options.inputmode ?? nothing}
      placeholder=${options.placeholder ?? nothing}
      ?required=${options.required ?? false}
      aria-invalid=${options.error ? 'true' : 'false'}
      aria-describedby=${described || nothing}
      data-testid="field-${id}"
      @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
    />
    ${options.hint ? html`<p class="hint" id=${`${id}-hint`}>${options.hint}</p>` : nothing} ${errorLine(id, options.error)}
  </div>`;
}

export function questionField(field: MembershipField, value: string, error: string | undefined, onInput: (value: string) => void) {
  const id = `answer-${field.key}`;
  if (field.kind === 'choice') {
    return html`<div class="field">
      <label for=${id}>${field.label}${field.required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
      <select
        id=${id}
        .value=${value}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
        data-testid="field-${id}"
        @change=${(e: Event) => onInput((e.target as HTMLSelectElement).value)}
      >
        <option value="">${t('field.choose')}</option>
        ${(field.options ?? []).map((o) => html`<option value=${o} ?selected=${o === value}>${o}</option>`)}
      </select>
      ${errorLine(id, error)}
    </div>`;
  }
  const types = { text: 'text', email: 'email', phone: 'tel', date: 'date' } as const;
  const autocomplete = { text: undefined, email: 'email', phone: 'tel', date: undefined } as const;
  return textField(id, field.label, value, onInput, { type: types[field.kind], error, required: field.required, autocomplete: autocomplete[field.kind] });
}

export function membershipChoice(memberships: MembershipProduct[], draft: Draft, errorOf: ErrorOf, choose: (id: string) => void) {
  const error = errorOf('membership');
  return html`<div class="field">
    <label for="membership">${t('book.membership')}</label>
    <select
      id="membership"
      .value=${draft.membershipId}
      aria-invalid=${error ? 'true' : 'false'}
      data-testid="field-membership"
      @change=${(e: Event) => choose((e.target as HTMLSelectElement).value)}
    >
      <option value="">${t('book.noMembership')}</option>
      ${memberships.map((m) => html`<option value=${m.id} ?selected=${m.id === draft.membershipId}>${m.name} — ${priceLine(m)}</option>`)}
    </select>
    ${errorLine('membership', error)}
  </div>`;
}
