// The Lespass API as the site calls it (gateways/http/routes/lespass.ts). Booking and basket
// requests carry a request id made once per attempt: a double click or a retry after a lost
// answer is the same booking, never two.
import { api } from '../shared/api.js';
import type { AgendaScope, BasketAnswer, BasketLineInput, BookingAnswer, Card, Me, Order, OrderReceipt, Site, SiteEvent, SiteMemberships } from './api-types.js';

const site = (slug: string) => `/api/sites/${encodeURIComponent(slug)}`;

export const siteApi = {
  profile: (slug: string) => api<Site>(site(slug)),

  async agenda(slug: string, scope: AgendaScope, window: { from?: number; to?: number } = {}): Promise<SiteEvent[]> {
    const query = new URLSearchParams({ scope });
    if (window.from !== undefined) query.set('from', String(window.from));
    if (window.to !== undefined) query.set('to', String(window.to));
    return (await api<{ events: SiteEvent[] }>(`${site(slug)}/agenda?${query}`)).events;
  },

  async event(slug: string, eventId: string): Promise<SiteEvent> {
    return (await api<{ event: SiteEvent }>(`${site(slug)}/events/${encodeURIComponent(eventId)}`)).event;
  },

  memberships: (slug: string) => api<SiteMemberships>(`${site(slug)}/memberships`),

  /** Tickets alone; a guest gives a name and an email, a signed-in person may omit them. */
  book: (slug: string, body: { requestId: string; eventId: string; lines: Array<{ priceId: string; qty: number }>; name?: string; email?: string }) =>
    api<BookingAnswer>(`${site(slug)}/bookings`, { body }),

  /** Tickets, a membership and a top-up in one payment; a guest gives a name and an email, and the number of the Pass to top up. */
  checkout: (slug: string, body: { requestId: string; lines: BasketLineInput[]; name?: string; email?: string }) => api<BasketAnswer>(`${site(slug)}/basket/checkout`, { body }),

  /** A purchase, to its buyer: the session's cookie, or the token its checkout answered (a header, never in the address). */
  async order(slug: string, reference: string, token: string | null): Promise<Order> {
    return (await api<{ order: Order }>(`${site(slug)}/orders/${encodeURIComponent(reference)}`, { headers: token ? { 'x-order-token': token } : {} })).order;
  },
};

export const accountApi = {
  requestLink: (email: string, slug: string) => api<{ sent: true }>('/api/auth/magic-link', { body: { email, site: slug } }),
  /** The account, or `{guest: true}` when no one is signed in (no 401 on anonymous pages). */
  me: () => api<Me | { guest: true }>('/api/me?guest=ok'),
  logout: () => api<void>('/api/me/logout', { method: 'POST' }),
  linkCard: (number: string, claimCode: string, txId: string) => api<{ card: Pick<Card, 'id' | 'number' | 'state'> }>('/api/me/cards/link', { body: { number, claimCode, txId } }),
  reportLost: (cardId: string) => api<{ card: Pick<Card, 'id' | 'number' | 'state'> }>(`/api/me/cards/${encodeURIComponent(cardId)}/lost`, { method: 'POST' }),
  topUp: (amount: number, slug: string, requestId: string) => api<OrderReceipt & { checkoutUrl: string }>('/api/me/topup', { body: { amount, site: slug, requestId } }),
};

/** A fresh idempotency key for one attempt (8 to 80 characters of [A-Za-z0-9_.:-]). */
export function newRequestId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  return `web-${random}`;
}
