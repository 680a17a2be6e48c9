import { describe, expect, it } from 'vitest';
import type { MembershipProduct, Price } from './api-types.js';
import { checkDraft, emptyDraft, formFieldOf, maxSeats, planOf, totals, type Draft, type Offer } from './basket.js';

const price = (id: string, amount: number, remaining = 50, extra: Partial<Price> = {}): Price => ({ id, name: id, amount, quota: null, membersOnly: false, remaining, ...extra });
const membership: MembershipProduct = {
  id: 'mbp_1',
  collectiveId: 'c1',
  name: 'Adhésion annuelle',
  description: '',
  price: 1500,
  durationDays: 365,
  period: null,
  subscription: false,
  fields: [
    { key: 'size', label: 'Taille', kind: 'choice', required: true, options: ['S', 'M'] },
    { key: 'phone', label: 'Tél', kind: 'phone', required: false },
  ],
};
const offer: Offer = { eventId: 'evt_1', prices: [price('full', 1200), price('free', 0), price('last', 800, 2)], memberships: [membership] };
const draft = (d: Partial<Draft>): Draft => ({ ...emptyDraft(), ...d });

describe('the booking draft', () => {
  it('adds seat prices, the membership and the typed top-up in integer cents', () => {
    const d = draft({ qty: { full: 2, free: 3 }, membershipId: 'mbp_1', topup: '10,10' });
    expect(totals(d, offer)).toEqual({ tickets: 2400, membership: 1500, topup: 1010, total: 4910 });
    expect(totals(draft({ qty: { free: 1 } }), offer).total).toBe(0);
  });

  it('offers no more seats than are left, nor more than 20 in one booking', () => {
    expect(maxSeats(offer.prices[2], draft({}))).toBe(2);
    expect(maxSeats(offer.prices[0], draft({ qty: { free: 15, full: 3 } }))).toBe(5);
  });

  it('offers a members-only rate only to a member or with a membership in the same basket', () => {
    const members = price('members', 500, 50, { membersOnly: true });
    expect(maxSeats(members, draft({}))).toBe(0);
    expect(maxSeats(members, draft({}), true)).toBe(20);
    expect(maxSeats(members, draft({ membershipId: 'mp_1' }))).toBe(20);
  });

  it('asks a guest for a name and a valid email, and for at least one seat', () => {
    expect(checkDraft(draft({}), offer, false)).toEqual({ tickets: 'book.pickOne', name: 'field.required', email: 'field.required' });
    expect(checkDraft(draft({ qty: { full: 1 }, name: 'Ada', email: 'ada@' }), offer, false)).toEqual({ email: 'field.email' });
    expect(checkDraft(draft({ qty: { full: 1 } }), offer, true)).toEqual({});
  });

  it('asks the required questions of the chosen membership and refuses a bad top-up', () => {
    const errors = checkDraft(draft({ qty: { full: 1 }, membershipId: 'mbp_1', topup: '0,50' }), offer, true);
    expect(errors).toEqual({ 'answers.size': 'field.required', topup: 'field.amountMin' });
    expect(checkDraft(draft({ qty: { full: 1 }, topup: '12,345' }), offer, true)).toEqual({ topup: 'field.amount' });
  });

  it('sends tickets alone as a booking, with the guest details', () => {
    expect(planOf(draft({ qty: { full: 2, last: 0 }, name: ' Ada ', email: 'ada@x.fr ' }), offer, false)).toEqual({
      kind: 'booking',
      body: { eventId: 'evt_1', lines: [{ priceId: 'full', qty: 2 }], name: 'Ada', email: 'ada@x.fr' },
    });
    expect(planOf(draft({ qty: { free: 1 }, email: 'ignored@x.fr' }), offer, true)).toEqual({ kind: 'booking', body: { eventId: 'evt_1', lines: [{ priceId: 'free', qty: 1 }] } });
  });

  it('sends tickets with a membership or a top-up as one basket', () => {
    const plan = planOf(draft({ qty: { full: 1 }, membershipId: 'mbp_1', answers: { size: 'M', phone: ' ', junk: 'x' }, topup: '20' }), offer, true);
    expect(plan).toEqual({
      kind: 'basket',
      body: {
        lines: [
          { type: 'tickets', eventId: 'evt_1', lines: [{ priceId: 'full', qty: 1 }] },
          { type: 'membership', productId: 'mbp_1', answers: { size: 'M' } },
          { type: 'topup', amount: 2000 },
        ],
      },
    });
    expect(planOf(draft({ membershipId: 'mbp_1', name: ' Ada ' }), { prices: [], memberships: [membership] }, true)).toEqual({
      kind: 'basket',
      body: { lines: [{ type: 'membership', productId: 'mbp_1', answers: {} }], name: 'Ada' },
    });
  });

  it('lets a guest add a membership and a top-up of the Pass they name, with their details', () => {
    const guest = draft({ qty: { full: 1 }, membershipId: 'mbp_1', answers: { size: 'S' }, topup: '15', name: ' Ada ', email: 'ada@x.fr' });
    expect(checkDraft(guest, offer, false)).toEqual({ cardNumber: 'field.required' });
    expect(checkDraft({ ...guest, cardNumber: 'PASS-1' }, offer, false)).toEqual({});
    expect(planOf({ ...guest, cardNumber: ' PASS-1 ' }, offer, false)).toEqual({
      kind: 'basket',
      body: {
        lines: [
          { type: 'tickets', eventId: 'evt_1', lines: [{ priceId: 'full', qty: 1 }] },
          { type: 'membership', productId: 'mbp_1', answers: { size: 'S' } },
          { type: 'topup', amount: 1500, cardNumber: 'PASS-1' },
        ],
        name: 'Ada',
        email: 'ada@x.fr',
      },
    });
  });

  it('puts a server refusal back next to the field it is about', () => {
    const booking = planOf(draft({ qty: { full: 1, last: 2 }, name: 'A', email: 'a@b.fr' }), offer, false);
    expect(formFieldOf('lines.1.priceId', booking)).toBe('price:last');
    expect(formFieldOf('email', booking)).toBe('email');
    expect(formFieldOf('requestId', booking)).toBeNull();
    const basket = planOf(draft({ qty: { last: 1 }, membershipId: 'mbp_1', topup: '5' }), offer, true);
    expect(formFieldOf('lines.0.lines.0.priceId', basket)).toBe('price:last');
    expect(formFieldOf('lines.1.answers.size', basket)).toBe('answers.size');
    expect(formFieldOf('lines.1.productId', basket)).toBe('membership');
    expect(formFieldOf('lines.2.amount', basket)).toBe('topup');
    expect(formFieldOf('lines.2.cardNumber', basket)).toBe('cardNumber');
    expect(formFieldOf('email', basket)).toBe('email');
    expect(formFieldOf('lines', basket)).toBeNull();
  });

  it('prices a pay-what-you-want seat at what was typed (its minimum until then), checks the minimum, and sends the chosen price and the promo code', () => {
    const chapeau: Offer = { eventId: 'evt_1', prices: [price('hat', 500, 50, { payWhatYouWant: true }), price('full', 1200)], memberships: [] };
    expect(totals(draft({ qty: { hat: 2 } }), chapeau).tickets).toBe(1000);
    const d = draft({ qty: { hat: 2, full: 1 }, chosen: { hat: '15' }, promoCode: ' ete25 ', name: 'Lou', email: 'lou@test.fr' });
    expect(totals(d, chapeau).tickets).toBe(3000 + 1200);
    expect(checkDraft({ ...d, chosen: { hat: '4' } }, chapeau, false)).toEqual({ 'price:hat': 'field.belowMinimum' });
    expect(checkDraft({ ...d, chosen: { hat: 'abc' } }, chapeau, false)).toEqual({ 'price:hat': 'field.amount' });
    const plan = planOf(d, chapeau, false);
    expect(plan).toEqual({ kind: 'booking', body: { eventId: 'evt_1', lines: [{ priceId: 'hat', qty: 2, amount: 1500 }, { priceId: 'full', qty: 1 }], name: 'Lou', email: 'lou@test.fr', promoCode: 'ete25' } });
    expect(formFieldOf('promoCode', plan)).toBe('promoCode');
    expect(formFieldOf('lines.0.amount', plan)).toBe('price:hat');
  });
});
