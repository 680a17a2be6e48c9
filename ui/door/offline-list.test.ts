import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signDoorList } from '../../core/door/door.js';
import { canonicalJson as serverCanonical } from '../../core/shared/canonical.js';
import { canonicalJson, checkLocally, normaliseShortCode, verifyList, type DoorList } from './offline-list.js';

const token = 'a'.repeat(64);
const tokenHash = createHash('sha256').update(token).digest('hex');
const body = {
  eventId: 'evt_1',
  issuedAt: 1_764_000_000_000,
  tickets: [
    { t: 'tkt_1', s: '23456789AB', h: 'h1', n: 'Camille Éluard', p: 'Plein tarif', u: null },
    { t: 'tkt_2', s: 'CDEFGHJKMN', h: 'h2', n: 'Sam', p: 'Adhérent·e', u: 1_764_000_100_000 },
  ],
};

describe('the phone’s offline list', () => {
  it('writes canonical JSON as the server does, so the server’s signature verifies on the phone', async () => {
    expect(canonicalJson(body)).toBe(serverCanonical(body));
    const list: DoorList = { ...body, signature: signDoorList(body, tokenHash) };
    expect(await verifyList(list, token)).toBe(true);
  });

  it('refuses a list altered on the phone (a used ticket made valid again) or signed for another phone', async () => {
    const list: DoorList = { ...body, signature: signDoorList(body, tokenHash) };
    const altered = { ...list, tickets: list.tickets.map((e) => ({ ...e, u: null })) };
    expect(await verifyList(altered, token)).toBe(false);
    expect(await verifyList(list, 'b'.repeat(64))).toBe(false);
  });

  it('lets a listed ticket in once, by QR hash or typed short code; refuses used and unknown ones', () => {
    const list: DoorList = { ...body, signature: '' };
    expect(checkLocally(list, {}, { hash: 'h1', short: null })).toMatchObject({ ok: true, entry: { n: 'Camille Éluard' } });
    expect(checkLocally(list, {}, { hash: null, short: normaliseShortCode('23456-789ab') })).toMatchObject({ ok: true, entry: { t: 'tkt_1' } });
    expect(checkLocally(list, { tkt_1: 5 }, { hash: 'h1', short: null })).toMatchObject({ ok: false, reason: 'ALREADY_USED', entry: { u: 5 } });
    expect(checkLocally(list, {}, { hash: 'h2', short: null })).toMatchObject({ ok: false, reason: 'ALREADY_USED' });
    expect(checkLocally(list, {}, { hash: 'forged', short: null })).toEqual({ ok: false, reason: 'TICKET_UNKNOWN' });
    expect(normaliseShortCode('O1IL0UVWXY')).toBeNull();
  });
});
