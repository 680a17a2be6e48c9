// Ticketing on the MongoDB wire (embedded jongodb), where guarded updates and unique indexes
// are the store's, not the memory adapter's: the seat guards, single-use door check and
// one-reservation-per-request must hold there too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootLespass, buyer, eventWithPrices, type LespassNode } from '../../test/support/lespass.js';

describe('ticketing on jongodb', () => {
  let node: LespassNode;
  let collective: { _id: string; slug: string };
  beforeAll(async () => {
    node = await bootLespass({ store: 'mongo' });
    collective = await node.core.collectives.create({ name: 'Sur le fil' });
  });
  afterAll(() => node?.close());

  it('sells exactly 10 seats to 50 concurrent bookings, both guards holding', async () => {
    const { core } = node;
    const { event, prices } = await eventWithPrices(core, collective._id, { capacity: 10, prices: [{ name: 'A', amount: 0, quota: 7 }, { name: 'B', amount: 0, quota: 7 }] });
    const buyers = await Promise.all(Array.from({ length: 50 }, (_, i) => buyer(core, `wire${i}@test.fr`)));
    const results = await Promise.allSettled(
      buyers.map((b, i) => core.lespass.ticketing.booking.book({ collectiveId: collective._id, siteSlug: collective.slug, eventId: event._id, requestId: `wire-req-${i}`, buyer: b, lines: [{ priceId: prices[i % 2]._id, qty: 1 }] })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const [pa, pb] = await Promise.all(prices.map((p) => core.lespass.ticketing.events.prices.findOne({ _id: p._id })));
    expect(pa!.sold + pb!.sold).toBe(10);
    expect(Math.max(pa!.sold, pb!.sold)).toBeLessThanOrEqual(7);
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(10);
    expect(await core.lespass.ticketing.tickets.docs.count({ eventId: event._id })).toBe(10);
  });

  it('keeps one reservation per request id, and lets a ticket in once among racing scans', async () => {
    const { core } = node;
    const { event, prices } = await eventWithPrices(core, collective._id, { capacity: 10, prices: [{ name: 'Libre', amount: 0 }] });
    const request = { collectiveId: collective._id, siteSlug: collective.slug, eventId: event._id, requestId: 'wire-same-request', buyer: await buyer(core, 'twice@test.fr'), lines: [{ priceId: prices[0]._id, qty: 1 }] };
    const [r1, r2, r3] = await Promise.all([1, 2, 3].map(() => core.lespass.ticketing.booking.book(request)));
    expect(new Set([r1.reservation._id, r2.reservation._id, r3.reservation._id]).size).toBe(1);
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(1);
    const code = r1.tickets[0].code;
    const scans = await Promise.allSettled([1, 2, 3, 4].map(() => core.lespass.ticketing.tickets.checkIn(collective._id, code)));
    expect(scans.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect(scans.filter((s) => s.status === 'rejected').map((s) => (s as PromiseRejectedResult).reason.code)).toEqual(['ALREADY_USED', 'ALREADY_USED', 'ALREADY_USED']);
  });
});
