// What the booking form holds (a draft), what it costs, what it sends, and where the server's
// refusals go back. Pure, so each rule is tested without a browser.
// Rules: totals are integer cents (seat price × qty, membership price, top-up typed in euros
// read digit by digit); tickets alone go to POST /bookings, anything with a membership or a
// top-up as one basket to POST /basket/checkout. A guest may do both with a name and an email;
// a guest's top-up names the Pass it credits by its printed number. A pay-what-you-want price
// costs what the buyer typed (its minimum when nothing is typed); a promo code is sent as typed
// and its discount worked out by the server.
import { parseEuros } from './amounts.js';
import type { BasketLineInput, MembershipProduct, Price, TicketLineInput } from './api-types.js';

export const maxSeatsPerBooking = 20;

export interface Draft {
  /** Seats per price id. */
  qty: Record<string, number>;
  name: string;
  email: string;
  /** '' for none. */
  membershipId: string;
  answers: Record<string, string>;
  /** Euros as typed; '' for none. */
  topup: string;
  /** The printed number of the Pass a guest tops up; '' for none. */
  cardNumber: string;
  /** Euros typed per pay-what-you-want price id. */
  chosen: Record<string, string>;
  promoCode: string;
}

export interface Offer {
  eventId?: string;
  prices: Price[];
  memberships: MembershipProduct[];
}

/** Who buys, as sent: a guest's name and email, or a signed-in person's ticket holder name. */
export interface Who {
  name?: string;
  email?: string;
}

export type Plan =
  | { kind: 'booking'; body: Who & { eventId: string; lines: TicketLineInput[]; promoCode?: string } }
  | { kind: 'basket'; body: Who & { lines: BasketLineInput[]; promoCode?: string } };

export function emptyDraft(person?: { name?: string | null; email?: string }): Draft {
  return { qty: {}, name: person?.name ?? '', email: person?.email ?? '', membershipId: '', answers: {}, topup: '', cardNumber: '', chosen: {}, promoCode: '' };
}

/** The most seats one may pick at a price: what is left, within one booking's limit. */
/**
 * Seats one may still add at a price. A members-only price is offered only to a member of the
 * collective, or with a membership chosen in the same basket (paid together: the server checks).
 */
export function maxSeats(price: Price, draft: Draft, member = false): number {
  if (price.membersOnly && !member && !draft.membershipId) return 0;
  const others = Object.entries(draft.qty).reduce((n, [id, q]) => (id === price.id ? n : n + q), 0);
  return Math.max(0, Math.min(price.remaining, maxSeatsPerBooking - others));
}

export function ticketLines(draft: Draft, offer: Offer): TicketLineInput[] {
  return offer.prices
    .filter((p) => (draft.qty[p.id] ?? 0) > 0)
    .map((p) => ({ priceId: p.id, qty: draft.qty[p.id], ...(p.payWhatYouWant && (draft.chosen[p.id] ?? '').trim() ? { amount: unitPrice(p, draft) } : {}) }));
}

/** A seat's price: the price's own, or what the buyer typed at a pay-what-you-want price (its minimum until then). */
export function unitPrice(price: Price, draft: Draft): number {
  const typed = (draft.chosen[price.id] ?? '').trim();
  return price.payWhatYouWant && typed ? (parseEuros(typed) ?? price.amount) : price.amount;
}

export function chosenMembership(draft: Draft, offer: Offer): MembershipProduct | undefined {
  return draft.membershipId ? offer.memberships.find((m) => m.id === draft.membershipId) : undefined;
}

export function totals(draft: Draft, offer: Offer): { tickets: number; membership: number; topup: number; total: number } {
  const tickets = offer.prices.reduce((sum, p) => sum + unitPrice(p, draft) * (draft.qty[p.id] ?? 0), 0);
  const membership = chosenMembership(draft, offer)?.price ?? 0;
  const topup = draft.topup.trim() ? (parseEuros(draft.topup) ?? 0) : 0;
  return { tickets, membership, topup, total: tickets + membership + topup };
}

/**
 * Checks made before sending (the server checks again): form field → message key. Fields are
 * 'tickets', 'name', 'email', 'membership', 'answers.<key>', 'topup', 'cardNumber'.
 */
export function checkDraft(draft: Draft, offer: Offer, signedIn: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  const seats = ticketLines(draft, offer).length;
  const membership = chosenMembership(draft, offer);
  if (offer.eventId && !seats) errors.tickets = 'book.pickOne';
  for (const p of offer.prices) {
    const typed = (draft.chosen[p.id] ?? '').trim();
    if (!p.payWhatYouWant || !typed || !(draft.qty[p.id] ?? 0)) continue;
    const cents = parseEuros(typed);
    if (cents === null) errors[`price:${p.id}`] = 'field.amount';
    else if (cents < p.amount) errors[`price:${p.id}`] = 'field.belowMinimum';
  }
  if (!offer.eventId && !membership) errors.membership = 'field.required';
  if (!signedIn) {
    if (!draft.name.trim()) errors.name = 'field.required';
    if (!draft.email.trim()) errors.email = 'field.required';
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) errors.email = 'field.email';
  }
  for (const field of membership?.fields ?? []) {
    if (field.required && !(draft.answers[field.key] ?? '').trim()) errors[`answers.${field.key}`] = 'field.required';
  }
  if (draft.topup.trim()) {
    const cents = parseEuros(draft.topup);
    if (cents === null) errors.topup = 'field.amount';
    else if (cents < 100) errors.topup = 'field.amountMin';
    if (!signedIn && !draft.cardNumber.trim()) errors.cardNumber = 'field.required';
  }
  return errors;
}

/** What to send: tickets alone as a booking, anything more as one basket. */
export function planOf(draft: Draft, offer: Offer, signedIn: boolean): Plan {
  const lines = ticketLines(draft, offer);
  const membership = chosenMembership(draft, offer);
  const topup = totals(draft, offer).topup;
  const who: Who = signedIn ? (draft.name.trim() ? { name: draft.name.trim() } : {}) : { name: draft.name.trim(), email: draft.email.trim() };
  const promo = draft.promoCode.trim() ? { promoCode: draft.promoCode.trim() } : {};
  if (offer.eventId && !membership && !topup) return { kind: 'booking', body: { eventId: offer.eventId, lines, ...who, ...promo } };
  const basket: BasketLineInput[] = [];
  if (offer.eventId && lines.length) basket.push({ type: 'tickets', eventId: offer.eventId, lines });
  if (membership) basket.push({ type: 'membership', productId: membership.id, answers: answersOf(draft, membership) });
  const cardNumber = draft.cardNumber.trim();
  // A signed-in person's top-up goes to their own account's wallet: only a guest names a Pass.
  if (topup) basket.push({ type: 'topup', amount: topup, ...(!signedIn && cardNumber ? { cardNumber } : {}) });
  return { kind: 'basket', body: { lines: basket, ...who, ...promo } };
}

/** The form field that shows a server field error ('lines.0.priceId', 'lines.1.answers.size'...), or null for the form itself. */
export function formFieldOf(serverKey: string, plan: Plan): string | null {
  const parts = serverKey.split('.');
  if (serverKey === 'name' || serverKey === 'email' || serverKey === 'promoCode') return serverKey;
  if (plan.kind === 'booking') {
    if (parts[0] === 'lines') return parts.length > 1 ? priceField(plan.body.lines, parts[1]) : 'tickets';
    return null;
  }
  if (parts[0] !== 'lines' || parts.length < 2) return null;
  const line = plan.body.lines[Number(parts[1])];
  if (!line) return null;
  if (line.type === 'topup') return parts[2] === 'cardNumber' ? 'cardNumber' : 'topup';
  if (line.type === 'membership') return parts[2] === 'answers' && parts[3] ? `answers.${parts[3]}` : 'membership';
  return parts[2] === 'lines' && parts[3] ? priceField(line.lines, parts[3]) : 'tickets';
}

function priceField(lines: Array<{ priceId: string }>, index: string): string {
  const line = lines[Number(index)];
  return line ? `price:${line.priceId}` : 'tickets';
}

function answersOf(draft: Draft, membership: MembershipProduct): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of membership.fields) {
    const value = (draft.answers[field.key] ?? '').trim();
    if (value) out[field.key] = value;
  }
  return out;
}
