// Door test set-up: a collective with an admin, an event with booked tickets, and scanners
// created by the admin over HTTP and paired the way a volunteer's phone pairs.
import { collectiveWithAdmin, login } from './boot.js';
import { api, buyer, eventWithPrices, type LespassNode } from './lespass.js';

export interface DoorSetUp {
  collectiveId: string;
  cookie: string;
  email: string;
  password: string;
  eventId: string;
  tickets: Array<{ _id: string; code: string; shortCode?: string; holder: string }>;
}

export async function doorWithTickets(node: LespassNode, qty = 3, name = 'La Grange'): Promise<DoorSetUp> {
  const { core } = node;
  const admin = await collectiveWithAdmin(core, name);
  const cookie = await login(node.url, admin.email, admin.password);
  const { event, prices } = await eventWithPrices(core, admin.collectiveId, { capacity: 50, title: 'Bal folk', prices: [{ name: 'Plein tarif', amount: 0 }] });
  const res = await core.lespass.ticketing.booking.book({
    collectiveId: admin.collectiveId, siteSlug: admin.slug, eventId: event._id, requestId: `req-door-${qty}-${admin.slug}`,
    buyer: await buyer(core, `camille@${admin.slug}.test`), lines: [{ priceId: prices[0]._id, qty }],
  });
  return { collectiveId: admin.collectiveId, cookie, email: admin.email, password: admin.password, eventId: event._id, tickets: res.tickets };
}

/** The admin creates a scanner for the events; returns its pairing code. */
export async function newScanner(node: LespassNode, door: DoorSetUp, name = 'Porte nord', eventIds = [door.eventId]): Promise<string> {
  const created = await api(node, 'POST', `/api/collectives/${door.collectiveId}/door-scanners`, { cookie: door.cookie, body: { name, eventIds } });
  if (created.status !== 201) throw new Error(`scanner creation answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body.pairingCode;
}

/** Pairs a phone: the bearer token. */
export async function pairedScanner(node: LespassNode, door: DoorSetUp, name?: string): Promise<string> {
  const paired = await api(node, 'POST', '/api/door/pair', { body: { pairingCode: await newScanner(node, door, name) } });
  if (paired.status !== 200) throw new Error(`pairing answered ${paired.status}`);
  return paired.body.token;
}

/** A scanner's request (Bearer token). */
export async function doorApi(node: LespassNode, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json().catch(() => null)) as any;
  // A refusal `{error: {code, message, details}}` is flattened: tests read `body.code`, `body.holder`.
  const answer = json?.error ? { code: json.error.code, message: json.error.message, ...json.error.details } : json;
  return { status: res.status, body: answer };
}
