// The form that books seats (event page) or joins (membership page), with the buyer's details
// (a guest's name and email, or a signed-in person's ticket holder name), and a membership and
// a Pass top-up in the same payment (a guest names the Pass to top up by its number). Free
// bookings are confirmed here at once; paid ones leave for the checkout page and come back to
// the account page, which reads the order with the token kept here. Every refusal is shown next
// to its field; one request id per attempt makes a double click or a retry the same booking.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../shared/api.js';
import { getLang, LanguageController } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import type { Site, Ticket } from './api-types.js';
import { checkDraft, chosenMembership, emptyDraft, formFieldOf, planOf, totals, type Draft, type Offer, type Plan } from './basket.js';
import { formStylesExtra } from './form-styles.js';
import { formErrorsOf, type FormErrors } from './form-errors.js';
import { membershipChoice, questionField, seatPicker, textField } from './form-parts.js';
import { siteStyles } from './lespass-styles.js';
import { errorText, fieldText, t } from './messages.js';
import { rememberOrderToken } from './returns.js';
import { hrefOf } from './route.js';
import { SessionController, loadSession } from './session.js';
import { newRequestId, siteApi } from './site-api.js';
import './ticket-card.js';

export const buyerEmailKey = 'lespass.buyerEmail';

type Done = { tickets: Ticket[]; email: string; kind: 'booking' | 'join' };

@customElement('basket-form')
export class BasketForm extends LitElement {
  @property({ attribute: false }) site!: Site;
  @property({ attribute: false }) offer!: Offer;
  @state() private draft: Draft = emptyDraft();
  @state() private errors: FormErrors = { fields: {} };
  @state() private busy = false;
  @state() private done: Done | null = null;
  private readonly session = new SessionController(this);
  private requestId: string | null = null;
  private prefilled = false;

  static override styles = [baseStyles, buttonStyles, formStyles, siteStyles, formStylesExtra, css``];

  constructor() {
    super();
    new LanguageController(this);
  }

  override willUpdate(): void {
    const me = this.session.me;
    if (me && !this.prefilled) {
      this.prefilled = true;
      this.draft = { ...this.draft, name: this.draft.name || me.user.name || '', email: me.user.email };
    }
    const preset = this.offer.eventId ? '' : (this.offer.memberships[0]?.id ?? '');
    if (preset && this.draft.membershipId !== preset) this.draft = { ...this.draft, membershipId: preset };
  }

  override render() {
    if (this.done) return this.renderDone(this.done);
    const signedIn = this.session.state.status === 'signed-in';
    const { offer, draft } = this;
    const membership = chosenMembership(draft, offer);
    const errorOf = (field: string) => this.errors.fields[field];
    return html`<form novalidate @submit=${this.submit} data-testid="basket-form">
      ${
        offer.eventId
          ? html`<fieldset>
              <legend>${t('book.tickets')}</legend>
              <ul class="seats">
                ${offer.prices.map((p) => seatPicker(p, draft, signedIn, errorOf, (qty) => this.setQty(p.id, qty), (euros) => this.patch({ chosen: { ...this.draft.chosen, [p.id]: euros } }, [`price:${p.id}`]), this.isMemberHere()))}
              </ul>
              ${this.errors.fields.tickets ? html`<p class="field-error" data-testid="error-tickets">${this.errors.fields.tickets}</p>` : nothing}
            </fieldset>`
          : nothing
      }
      ${
        !offer.eventId && membership?.fields.length
          ? html`<fieldset>
              <legend>${t('join.questions')}</legend>
              ${membership.fields.map((f) => questionField(f, draft.answers[f.key] ?? '', errorOf(`answers.${f.key}`), (v) => this.setAnswer(f.key, v)))}
            </fieldset>`
          : nothing
      }
      ${this.renderBuyer(signedIn)} ${this.renderExtras(signedIn)} ${this.renderSummary()}
    </form>`;
  }

  /** A running membership of this collective: members-only prices are open without joining again. */
  private isMemberHere(): boolean {
    return (this.session.me?.memberships ?? []).some((m) => m.collectiveId === this.site.collective.id && m.status === 'active');
  }

  private renderBuyer(signedIn: boolean) {
    const me = this.session.me;
    const errorOf = (field: string) => this.errors.fields[field];
    if (signedIn && me) {
      if (!this.offer.eventId) return html`<p class="signed-in" data-testid="signed-in-as">${t('book.signedInAs', { email: me.user.email })}</p>`;
      return html`<fieldset>
        <legend>${t('book.buyer')}</legend>
        <p class="signed-in" data-testid="signed-in-as">${t('book.signedInAs', { email: me.user.email })}</p>
        ${textField('name', t('book.name'), this.draft.name, (v) => this.patch({ name: v }), { error: errorOf('name'), autocomplete: 'name' })}
      </fieldset>`;
    }
    return html`<fieldset>
      <legend>${t('book.buyer')}</legend>
      ${textField('name', t('book.name'), this.draft.name, (v) => this.patch({ name: v }), { error: errorOf('name'), autocomplete: 'name', required: true })}
      ${textField('email', t('book.email'), this.draft.email, (v) => this.patch({ email: v }), { type: 'email', error: errorOf('email'), autocomplete: 'email', required: true, hint: t('book.emailHint'), inputmode: 'email' })}
    </fieldset>`;
  }

  /** A membership (on the event page) and a Pass top-up, paid with the rest. */
  private renderExtras(signedIn: boolean) {
    const membership = this.offer.eventId ? chosenMembership(this.draft, this.offer) : undefined;
    const errorOf = (field: string) => this.errors.fields[field];
    return html`<fieldset>
      <legend>${t('book.extras')}</legend>
      ${this.offer.eventId && this.offer.memberships.length ? membershipChoice(this.offer.memberships, this.draft, errorOf, (id) => this.patch({ membershipId: id })) : nothing}
      ${membership?.fields.map((f) => questionField(f, this.draft.answers[f.key] ?? '', errorOf(`answers.${f.key}`), (v) => this.setAnswer(f.key, v)))}
      ${textField('topup', t('book.topup'), this.draft.topup, (v) => this.patch({ topup: v }), {
        error: errorOf('topup'),
        hint: t(signedIn ? 'book.topupHint' : 'book.topupGuestHint'),
        inputmode: 'decimal',
        placeholder: t('book.topupPlaceholder'),
      })}
      ${
        // A guest's top-up goes to the Pass they name; a signed-in person's to their account.
        !signedIn && this.draft.topup.trim()
          ? textField('topup-card', t('book.cardNumber'), this.draft.cardNumber, (v) => this.patch({ cardNumber: v }, ['cardNumber']), {
              error: errorOf('cardNumber'),
              hint: t('book.cardNumberHint'),
              required: true,
            })
          : nothing
      }
      ${textField('promoCode', t('book.promoCode'), this.draft.promoCode, (v) => this.patch({ promoCode: v }), { error: errorOf('promoCode'), hint: t('book.promoCodeHint'), autocomplete: 'off' })}
    </fieldset>`;
  }

  private renderSummary() {
    const sums = totals(this.draft, this.offer);
    const lang = getLang();
    const lines: Array<[string, number]> = [];
    if (this.offer.eventId && sums.tickets) lines.push([t('book.tickets'), sums.tickets]);
    const membership = chosenMembership(this.draft, this.offer);
    if (membership) lines.push([membership.name, sums.membership]);
    if (sums.topup) lines.push([t('book.topup'), sums.topup]);
    const pay = sums.total > 0;
    const label = this.busy
      ? t('book.submitting')
      : pay
        ? t('book.submitPay', { amount: formatMoney(sums.total, lang) })
        : t(this.offer.eventId ? 'book.submitFree' : 'join.submitFree');
    return html`<div class="summary">
      ${
        lines.length > 1
          ? html`<dl>
              ${lines.map(
                ([name, amount]) =>
                  html`<div>
                    <dt>${name}</dt>
                    <dd class="money">${formatMoney(amount, lang)}</dd>
                  </div>`,
              )}
            </dl>`
          : nothing
      }
      <div class="total">
        <span>${t('book.total')}</span>
        <strong class="money" data-testid="basket-total" data-amount=${sums.total}>${formatMoney(sums.total, lang)}</strong>
      </div>
      ${this.errors.form ? html`<div class="alert error" role="alert" data-testid="form-error">${this.errors.form.message}</div>` : nothing}
      <button class="primary big block" type="submit" ?disabled=${this.busy} data-testid="basket-submit">${label}</button>
      ${pay ? html`<p class="hint">${t('book.payNote')}</p>` : nothing}
    </div>`;
  }

  private renderDone(done: Done) {
    const slug = this.site.collective.slug;
    return html`<div class="done" role="status" data-testid="booking-confirmed">
      <h2>${t(done.kind === 'booking' ? 'book.confirmed' : 'join.confirmed')}</h2>
      <p>${t(done.kind === 'booking' ? 'book.confirmedText' : 'join.confirmedText', { email: done.email })}</p>
      <div class="stack">${done.tickets.map((tk) => html`<ticket-card .ticket=${tk} timezone=${this.site.collective.timezone}></ticket-card>`)}</div>
      <div class="row">
        <a class="btn primary" href=${hrefOf(slug, 'account')}>${t('book.accountLink')}</a>
        ${done.kind === 'booking' ? html`<button type="button" @click=${() => this.again()}>${t('book.again')}</button>` : nothing}
      </div>
    </div>`;
  }

  private setQty(priceId: string, qty: number): void {
    this.patch({ qty: { ...this.draft.qty, [priceId]: Math.max(0, qty) } }, [`price:${priceId}`, 'tickets']);
  }

  private setAnswer(key: string, value: string): void {
    this.patch({ answers: { ...this.draft.answers, [key]: value } }, [`answers.${key}`]);
  }

  /** Changes the draft; the errors of what changed go away (the rest stay until the next try). */
  private patch(change: Partial<Draft>, fields: string[] = Object.keys(change)): void {
    this.draft = { ...this.draft, ...change };
    const left = { ...this.errors.fields };
    for (const f of fields) delete left[f];
    this.errors = { fields: left, form: this.errors.form };
  }

  private again(): void {
    this.done = null;
    this.draft = { ...this.draft, qty: {}, membershipId: '', answers: {}, topup: '', cardNumber: '', chosen: {}, promoCode: '' };
    this.dispatchEvent(new CustomEvent('refresh', { bubbles: true, composed: true }));
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const signedIn = this.session.state.status === 'signed-in';
    const local = checkDraft(this.draft, this.offer, signedIn);
    if (Object.keys(local).length) {
      this.errors = { fields: Object.fromEntries(Object.entries(local).map(([f, key]) => [f, t(key as Parameters<typeof t>[0])])) };
      this.focusFirstError();
      return;
    }
    const plan = planOf(this.draft, this.offer, signedIn);
    this.busy = true;
    this.errors = { fields: {} };
    const requestId = (this.requestId ??= newRequestId());
    try {
      await this.send(plan, requestId, signedIn);
    } catch (err) {
      // A refusal ends this attempt (the server dropped it): the next try is a new request.
      // A lost answer keeps the id, so retrying cannot book twice.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) this.requestId = null;
      this.errors = this.explain(err, plan);
      if (err instanceof ApiError && (err.code === 'SOLD_OUT' || err.code === 'CONFLICT')) this.dispatchEvent(new CustomEvent('refresh', { bubbles: true, composed: true }));
      this.focusFirstError();
    } finally {
      this.busy = false;
    }
  }

  private async send(plan: Plan, requestId: string, signedIn: boolean): Promise<void> {
    const slug = this.site.collective.slug;
    const email = signedIn ? (this.session.me?.user.email ?? '') : this.draft.email.trim();
    if (plan.kind === 'booking') {
      const answer = await siteApi.book(slug, { requestId, ...plan.body });
      return this.finish(answer, { tickets: answer.tickets, email, kind: 'booking' });
    }
    const answer = await siteApi.checkout(slug, { requestId, ...plan.body });
    return this.finish(answer, { tickets: [], email, kind: this.offer.eventId ? 'booking' : 'join' });
  }

  private finish({ checkoutUrl, reference, orderToken }: { checkoutUrl: string | null; reference: string; orderToken: string }, done: Done): void {
    this.requestId = null;
    if (checkoutUrl) {
      rememberOrderToken(reference, orderToken); // the way back reads the order with it (a guest has no session)
      try {
        sessionStorage.setItem(buyerEmailKey, done.email);
      } catch {
        // without storage the sign-in form on the way back starts empty
      }
      location.assign(checkoutUrl);
      return;
    }
    this.done = done;
    void loadSession(true); // the account now holds these tickets or this membership
  }

  /** Server refusals by field; a sold-out price is shown on its own row. */
  private explain(err: unknown, plan: Plan): FormErrors {
    const raw = formErrorsOf(err);
    const fields: Record<string, string> = {};
    const stray: string[] = [];
    for (const [key, message] of Object.entries(raw.fields)) {
      const field = formFieldOf(key, plan);
      if (field) fields[field] ??= fieldText(message);
      else stray.push(fieldText(message));
    }
    if (err instanceof ApiError && err.code === 'SOLD_OUT' && !raw.fields.promoCode) {
      const priceId = err.details.priceId;
      const remaining = Number(err.details.remaining ?? 0);
      if (typeof priceId === 'string') fields[`price:${priceId}`] = t('server.soldOutPrice', { n: remaining });
      else fields.tickets = t('server.full');
      return { fields };
    }
    const form = raw.form ? errorText(err) : stray.length ? stray.join(' · ') : undefined;
    return form ? { fields, form: { code: raw.form?.code ?? 'INVALID_INPUT', message: form } } : { fields };
  }

  private focusFirstError(): void {
    void this.updateComplete.then(() => {
      const target = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], .field-error, [role="alert"]');
      if (!target) return;
      target.scrollIntoView({ block: 'center', behavior: 'smooth' });
      if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) target.focus({ preventScroll: true });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'basket-form': BasketForm;
  }
}
