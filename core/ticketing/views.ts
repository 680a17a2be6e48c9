// What the APIs show of events, reservations and tickets: ids as `id`, no internals; the
// public sees seats left, admins also see seats sold.
import { remainingAt } from './events.js';
import type { Reservation, Ticket, TicketedEvent, TicketPrice } from './types.js';

export function priceView(event: TicketedEvent, p: TicketPrice, admin = false) {
  return {
    id: p._id,
    name: p.name,
    amount: p.amount,
    quota: p.quota,
    membersOnly: p.membersOnly,
    payWhatYouWant: p.payWhatYouWant === true,
    remaining: remainingAt(event, p),
    ...(admin ? { sold: p.sold, active: p.active } : {}),
  };
}

export function eventView(event: TicketedEvent, prices: TicketPrice[], admin = false) {
  return {
    id: event._id,
    collectiveId: event.collectiveId,
    title: event.title,
    description: event.description,
    place: event.place,
    imageUrl: event.imageUrl,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    capacity: event.capacity,
    remaining: Math.max(0, event.capacity - event.sold),
    published: event.published,
    prices: prices.filter((p) => p.eventId === event._id && (admin || p.active)).map((p) => priceView(event, p, admin)),
    ...(admin ? { sold: event.sold, createdAt: event.createdAt, updatedAt: event.updatedAt } : {}),
  };
}

export function reservationView(r: Reservation) {
  return {
    id: r._id,
    eventId: r.eventId,
    collectiveId: r.collectiveId,
    state: r.state,
    holder: r.holder,
    email: r.email,
    lines: r.lines,
    total: r.total,
    discount: r.discount ?? 0,
    promoCode: r.promoCode ?? null,
    holdUntil: r.holdUntil,
    paidAmount: r.paidAmount ?? 0,
    refund: r.refund ? { amount: r.refund.amount, state: r.refund.state } : null,
    basketId: r.basketId ?? null,
    createdAt: r.createdAt,
    confirmedAt: r.confirmedAt ?? null,
    cancelledAt: r.cancelledAt ?? null,
  };
}

export function ticketView(t: Ticket, event?: Partial<Pick<TicketedEvent, 'title' | 'startsAt' | 'endsAt' | 'place'>> | null) {
  return {
    id: t._id,
    eventId: t.eventId,
    collectiveId: t.collectiveId,
    reservationId: t.reservationId,
    eventTitle: event?.title ?? null,
    startsAt: event?.startsAt ?? null,
    endsAt: event?.endsAt ?? null,
    place: event?.place ?? null,
    priceName: t.priceName,
    amount: t.amount,
    holder: t.holder,
    state: t.state,
    code: t.code,
    shortCode: t.shortCode ?? null,
    usedAt: t.usedAt ?? null,
  };
}
