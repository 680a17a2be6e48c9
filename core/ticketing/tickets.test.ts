import { afterEach, describe, expect, it } from 'vitest';
import { bootLespass, buyer, eventWithPrices, type LespassNode } from '../../test/support/lespass.js';
import { signTicketCode } from './ticket-code.js';

describe('tickets at the door and on the Pass', () => {
  let node: LespassNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  async function bookedTickets(qty: number, email = 'door@test.fr') {
    node = await bootLespass();
    const { core } = node;
    const collective = await core.collectives.create({ name: 'Le Chapiteau' });
    const { event, prices } = await eventWithPrices(core, collective._id, { capacity: 10, prices: [{ name: 'Libre', amount: 0 }] });
    const res = await core.lespass.ticketing.booking.book({
      collectiveId: collective._id, siteSlug: collective.slug, eventId: event._id, requestId: `req-door-${qty}`, buyer: await buyer(core, email), lines: [{ priceId: prices[0]._id, qty }],
    });
    return { core, collectiveId: collective._id, event, reservation: res.reservation, tickets: res.tickets };
  }

  it('lets a genuine ticket in once: the second scan is ALREADY_USED, even when both scans race', async () => {
    const { core, collectiveId, event, tickets } = await bookedTickets(2);
    const door = core.lespass.ticketing.tickets;
    const inside = await door.checkIn(collectiveId, tickets[0].code, event._id);
    expect(inside.ticket).toMatchObject({ _id: tickets[0]._id, state: 'used', holder: 'door' });
    expect(inside.event.title).toBe('Concert');
    await expect(door.checkIn(collectiveId, tickets[0].code)).rejects.toMatchObject({ code: 'ALREADY_USED' });
    const race = await Promise.allSettled([door.checkIn(collectiveId, tickets[1].code), door.checkIn(collectiveId, tickets[1].code), door.checkIn(collectiveId, tickets[1].code)]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(race.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['ALREADY_USED', 'ALREADY_USED']);
  });

  it('refuses forged and altered codes as INVALID_INPUT (TICKET_INVALID) without touching the ticket', async () => {
    const { core, collectiveId, tickets } = await bookedTickets(1);
    const door = core.lespass.ticketing.tickets;
    const [version, body, mac] = tickets[0].code.split('.');
    const forged = signTicketCode({ ticketId: tickets[0]._id, eventId: tickets[0].eventId }, 'another-secret-0123456789');
    const flipped = `${version}.${body}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'AB' : 'AA'}`;
    for (const code of [forged, flipped, 'T1.e30.xyz', 'not a code', '']) {
      await expect(door.checkIn(collectiveId, code)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'TICKET_INVALID' } });
    }
    expect((await door.docs.findOne({ _id: tickets[0]._id }))!.state).toBe('valid');
  });

  it('refuses a cancelled ticket, another collective’s ticket and a ticket for another event', async () => {
    const { core, collectiveId, reservation, tickets } = await bookedTickets(2);
    const door = core.lespass.ticketing.tickets;
    await expect(door.checkIn('col_elsewhere', tickets[0].code)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(door.checkIn(collectiveId, tickets[0].code, 'evt_other')).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'WRONG_EVENT' } });
    await core.lespass.ticketing.reservationPayments.cancel(collectiveId, reservation._id);
    await expect(door.checkIn(collectiveId, tickets[1].code)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'TICKET_CANCELLED' } });
  });

  it('puts tickets on the buyer’s Pass wallet once a card is linked, and a tap shows them', async () => {
    const { core, tickets } = await bookedTickets(1, 'tap@test.fr');
    expect(tickets[0].walletId).toBeNull();
    await core.currencies.defineCollectiveCurrencies(tickets[0].collectiveId, 'Grains', 'Le Chapiteau');
    await core.pass.registerCard({ uid: '04A1B2C3', number: 'P-0001', issuerId: tickets[0].collectiveId });
    const user = (await core.lespass.users.byEmail('tap@test.fr'))!;
    await core.lespass.account.linkCard(user, { number: 'P-0001', claimCode: (await core.pass.cards.byNumber('P-0001'))!.claimCode! });
    const card = (await core.pass.cards.byNumber('P-0001'))!;
    expect(card.walletId).toBe(`user:${user._id}`);
    const rights = await core.rightsOf(card.walletId);
    expect(rights.tickets).toEqual([expect.objectContaining({ ticketId: tickets[0]._id, eventTitle: 'Concert', priceName: 'Libre' })]);
  });
});
