import { createHmac, createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/shared/canonical.js';
import { shortCodeAlphabet } from '../core/ticketing/index.js';
import { doorApi, doorWithTickets, newScanner, pairedScanner } from './support/door.js';
import { api, bootLespass, type LespassNode } from './support/lespass.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the door: scanners paired to events, scans online and synced from offline', () => {
  let node: LespassNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  it('a paired scanner lets a ticket in once online; the second scan is refused ALREADY_USED, never accepted twice', async () => {
    node = await bootLespass();
    const door = await doorWithTickets(node);
    const token = await pairedScanner(node, door);
    const first = await doorApi(node, token, 'POST', '/api/door/scans', { scanId: 'scan-online-1', eventId: door.eventId, code: door.tickets[0].code });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ result: 'entered', ticket: { holder: door.tickets[0].holder, priceName: 'Plein tarif' } });
    const second = await doorApi(node, token, 'POST', '/api/door/scans', { scanId: 'scan-online-2', eventId: door.eventId, code: door.tickets[0].code });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'ALREADY_USED', holder: door.tickets[0].holder });
    // A replayed request answers as the first time, and moves nothing.
    expect((await doorApi(node, token, 'POST', '/api/door/scans', { scanId: 'scan-online-1', eventId: door.eventId, code: door.tickets[0].code })).body.result).toBe('entered');
    const counts = await doorApi(node, token, 'GET', '/api/door/counts');
    expect(counts.body.counts).toEqual([expect.objectContaining({ eventId: door.eventId, entered: 1, tickets: 3, doubleEntries: 0 })]);
  });

  it('a ticket is found by its 10-character short code; a forged QR or a wrong code is refused', async () => {
    node = await bootLespass();
    const door = await doorWithTickets(node);
    const token = await pairedScanner(node, door);
    const short = door.tickets[1].shortCode!;
    expect(short).toMatch(new RegExp(`^[${shortCodeAlphabet}]{10}$`));
    expect(short).not.toMatch(/[01OILUV]/);
    const typed = `${short.slice(0, 5).toLowerCase()}-${short.slice(5)}`;
    const entered = await doorApi(node, token, 'POST', '/api/door/scans', { scanId: 'scan-short-1', eventId: door.eventId, code: typed });
    expect(entered.body).toMatchObject({ result: 'entered', ticket: { id: door.tickets[1]._id, shortCode: short } });
    const forged = door.tickets[2].code.slice(0, -2) + (door.tickets[2].code.endsWith('AA') ? 'BB' : 'AA');
    expect((await doorApi(node, token, 'POST', '/api/door/scans', { scanId: 'scan-forged', eventId: door.eventId, code: forged })).body).toMatchObject({ code: 'NOT_FOUND', reason: 'TICKET_UNKNOWN' });
    expect((await doorApi(node, token, 'POST', '/api/door/scans', { scanId: 'scan-wrong', eventId: door.eventId, code: '2345623456' })).status).toBe(404);
  });

  it('a scanner has no admin rights: only its events, no admin API, and a revoked or unknown token is refused', async () => {
    node = await bootLespass();
    const door = await doorWithTickets(node);
    const other = await doorWithTickets(node, 1, 'Le Hangar');
    const token = await pairedScanner(node, door);
    expect((await doorApi(node, token, 'POST', '/api/door/scans', { scanId: 'scan-other-ev', eventId: other.eventId, code: other.tickets[0].code })).body.code).toBe('FORBIDDEN');
    expect((await doorApi(node, token, 'GET', `/api/collectives/${door.collectiveId}/members`)).status).toBe(401);
    expect((await doorApi(node, 'f'.repeat(64), 'GET', '/api/door/me')).status).toBe(401);
    // An admin cannot give a scanner another collective's event.
    const foreign = await api(node, 'POST', `/api/collectives/${door.collectiveId}/door-scanners`, { cookie: door.cookie, body: { name: 'x', eventIds: [other.eventId] } });
    expect(foreign.status).toBe(404);
    const me = await doorApi(node, token, 'GET', '/api/door/me');
    expect(me.body).toMatchObject({ scanner: { name: 'Porte nord' }, collective: { name: 'La Grange' }, events: [{ id: door.eventId, title: 'Bal folk' }] });
    const scanners = await api(node, 'GET', `/api/collectives/${door.collectiveId}/door-scanners`, { cookie: door.cookie });
    const revoked = await api(node, 'DELETE', `/api/collectives/${door.collectiveId}/door-scanners/${scanners.body.scanners[0]._id}`, { cookie: door.cookie });
    expect(revoked.body.scanner.state).toBe('revoked');
    expect((await doorApi(node, token, 'GET', '/api/door/me')).status).toBe(401);
    // A pairing code works once.
    const code = await newScanner(node, door, 'Porte sud');
    expect((await api(node, 'POST', '/api/door/pair', { body: { pairingCode: code } })).status).toBe(200);
    expect((await api(node, 'POST', '/api/door/pair', { body: { pairingCode: code } })).status).toBe(401);
  });

  it('the offline list is signed with the phone’s key and lists a hash of each genuine QR, not the QR itself', async () => {
    node = await bootLespass();
    const door = await doorWithTickets(node, 2);
    const token = await pairedScanner(node, door);
    const list = (await doorApi(node, token, 'GET', `/api/door/events/${door.eventId}/list`)).body;
    const { signature, ...body } = list;
    expect(signature).toBe(createHmac('sha256', sha256(token)).update(canonicalJson(body)).digest('hex'));
    expect(list.tickets).toHaveLength(2);
    expect(list.tickets.map((t: any) => t.h).sort()).toEqual(door.tickets.map((t) => sha256(t.code)).sort());
    expect(JSON.stringify(list)).not.toContain(door.tickets[0].code);
    expect(list.tickets[0]).toMatchObject({ n: door.tickets[0].holder, p: 'Plein tarif', u: null });
  });

  it('a ticket scanned at two doors while offline is reported: the later scan is the double entry, whichever syncs first', async () => {
    node = await bootLespass();
    const door = await doorWithTickets(node, 2);
    const north = await pairedScanner(node, door, 'Porte nord');
    const south = await pairedScanner(node, door, 'Porte sud');
    const now = node.core.clock.now();
    const code = door.tickets[0].code;
    // South scanned later but syncs first; north's earlier scan then takes the entry.
    const southSync = await doorApi(node, south, 'POST', '/api/door/scans', { scanId: 'scan-south-1', eventId: door.eventId, code, scannedAt: now - 30_000, offline: true });
    expect(southSync.body.result).toBe('entered');
    const northSync = await doorApi(node, north, 'POST', '/api/door/scans', { scanId: 'scan-north-1', eventId: door.eventId, code, scannedAt: now - 60_000, offline: true });
    expect(northSync.body.result).toBe('entered');
    const doubles = await api(node, 'GET', `/api/collectives/${door.collectiveId}/events/${door.eventId}/double-entries`, { cookie: door.cookie });
    expect(doubles.body.doubleEntries).toEqual([expect.objectContaining({ _id: 'scan-south-1', scannerName: 'Porte sud', ticketId: door.tickets[0]._id, result: 'double_entry' })]);
    expect(doubles.body.counts[0]).toMatchObject({ entered: 1, doubleEntries: 1 });
    // A third, later offline scan is a double entry too; an online one is refused.
    const late = await doorApi(node, north, 'POST', '/api/door/scans', { scanId: 'scan-north-2', eventId: door.eventId, code, scannedAt: now - 1_000, offline: true });
    expect(late.body.result).toBe('double_entry');
    expect((await doorApi(node, south, 'POST', '/api/door/scans', { scanId: 'scan-south-2', eventId: door.eventId, code })).body.code).toBe('ALREADY_USED');
    // The sync of the same scan again changes nothing.
    expect((await doorApi(node, south, 'POST', '/api/door/scans', { scanId: 'scan-south-1', eventId: door.eventId, code, scannedAt: now - 30_000, offline: true })).body.result).toBe('double_entry');
    expect((await doorApi(node, north, 'GET', '/api/door/counts')).body.counts[0]).toMatchObject({ entered: 1, doubleEntries: 2 });
    const ticket = await node.core.lespass.ticketing.tickets.docs.findOne({ _id: door.tickets[0]._id });
    expect(ticket).toMatchObject({ state: 'used', usedAt: now - 60_000 });
  });
});
