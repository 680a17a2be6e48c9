import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/port.js';
import { bootLespass, type LespassNode } from '../../test/support/lespass.js';
import { membersCsv } from './csv.js';
import { addUtcMonths, validUntilOf } from './products.js';

const day = 86_400_000;

describe('membership validity', () => {
  it('runs a period to the same day of the next month or year, clamped to the month’s length', () => {
    expect(new Date(addUtcMonths(Date.UTC(2026, 0, 31, 9), 1)).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(new Date(addUtcMonths(Date.UTC(2028, 0, 31), 1)).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(new Date(addUtcMonths(Date.UTC(2026, 10, 15), 12)).toISOString()).toBe('2027-11-15T00:00:00.000Z');
    expect(validUntilOf({ durationDays: 30, period: null }, 0)).toBe(30 * day);
    expect(validUntilOf({ durationDays: null, period: 'month' }, Date.UTC(2026, 2, 10))).toBe(Date.UTC(2026, 3, 10));
  });
});

describe('members', () => {
  let node: LespassNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  const setup = async () => {
    const clock = new FakeClock(Date.UTC(2026, 2, 1, 12));
    node = await bootLespass({ clock });
    const collective = await node.core.collectives.create({ name: 'Radio Piaf' });
    return { core: node.core, clock, collectiveId: collective._id };
  };

  it('are members exactly within [validFrom, validUntil), by user or by a linked card’s wallet', async () => {
    const { core, clock, collectiveId } = await setup();
    const product = await core.lespass.memberships.products.create(collectiveId, { name: 'Adhésion annuelle', price: 1500, durationDays: 365 });
    const m = await core.lespass.memberships.members.addByHand(collectiveId, { productId: product._id, email: 'Eve@Test.fr', name: 'Eve', amount: 1500, method: 'cash' });
    expect(m).toMatchObject({ email: 'eve@test.fr', name: 'Eve', validFrom: clock.now(), validUntil: clock.now() + 365 * day, method: 'cash', renewsAt: null });
    const members = core.lespass.memberships.members;
    expect(await members.isMember(collectiveId, { userId: m.userId }, clock.now())).toBe(true);
    expect(await members.isMember(collectiveId, { userId: m.userId }, clock.now() - 1)).toBe(false);
    expect(await members.isMember(collectiveId, { userId: m.userId }, m.validUntil - 1)).toBe(true);
    expect(await members.isMember(collectiveId, { userId: m.userId }, m.validUntil)).toBe(false);
    expect(await members.isMember('col_other', { userId: m.userId }, clock.now())).toBe(false);
    expect(await members.isMember(collectiveId, { walletId: `user:${m.userId}` }, clock.now())).toBe(true);
    await core.currencies.defineCollectiveCurrencies(collectiveId, 'Ondes', 'Radio Piaf');
    const card = await core.pass.registerCard({ uid: '04C0FFEE', number: 'RP-1', issuerId: collectiveId });
    expect(await members.isMember(collectiveId, { walletId: card.walletId }, clock.now())).toBe(false);
    await core.pass.linkCardToUser({ txId: 'link-eve-rp-1', cardUid: card.uid, userId: m.userId });
    expect(await members.isMember(collectiveId, { walletId: card.walletId }, clock.now())).toBe(true); // the card's old wallet id
    expect((await core.rightsOf(`user:${m.userId}`)).memberships).toEqual([{ memberId: m._id, collectiveId, name: 'Adhésion annuelle', validUntil: m.validUntil }]);
    expect(node!.mails('membership-receipt')).toEqual([expect.objectContaining({ membershipId: m._id, to: 'eve@test.fr', amount: 1500, collectiveName: 'Radio Piaf' })]);
  });

  it('renews from the end of the running period, and lists members with their status', async () => {
    const { core, clock, collectiveId } = await setup();
    const monthly = await core.lespass.memberships.products.create(collectiveId, { name: 'Abonnement', price: 500, period: 'month' });
    const first = await core.lespass.memberships.members.addByHand(collectiveId, { productId: monthly._id, email: 'sub@test.fr' });
    expect(first.renewsAt).toBe(Date.UTC(2026, 3, 1, 12));
    const second = await core.lespass.memberships.members.addByHand(collectiveId, { productId: monthly._id, email: 'sub@test.fr' });
    expect(second.validFrom).toBe(first.validUntil);
    expect(second.validUntil).toBe(Date.UTC(2026, 4, 1, 12));
    const old = await core.lespass.memberships.products.create(collectiveId, { name: 'Ancienne', price: 0, durationDays: 10 });
    await core.lespass.memberships.members.addByHand(collectiveId, { productId: old._id, email: 'gone@test.fr', validFrom: clock.now() - 20 * day });
    const members = core.lespass.memberships.members;
    expect((await members.list(collectiveId, { status: 'active' })).map((m) => m.email)).toEqual(['sub@test.fr']);
    expect((await members.list(collectiveId, { status: 'upcoming' })).map((m) => m._id)).toEqual([second._id]);
    expect((await members.list(collectiveId, { status: 'expired' })).map((m) => m.email)).toEqual(['gone@test.fr']);
  });

  it('check answers against the questions asked, naming each wrong field', async () => {
    const { core, collectiveId } = await setup();
    const product = await core.lespass.memberships.products.create(collectiveId, {
      name: 'Adhésion',
      price: 1000,
      durationDays: 365,
      fields: [
        { key: 'city', label: 'Ville', required: true },
        { key: 'size', label: 'Taille de T-shirt', kind: 'choice', options: ['S', 'M', 'L'] },
        { key: 'born', label: 'Naissance', kind: 'date' },
      ],
    });
    const add = (answers: Record<string, string>) => core.lespass.memberships.members.addByHand(collectiveId, { productId: product._id, email: 'q@test.fr', answers });
    await expect(add({ size: 'XXL', born: 'yesterday', pet: 'cat' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { fields: { 'answers.city': 'required', 'answers.size': expect.stringContaining('S, M, L'), 'answers.born': expect.any(String), 'answers.pet': expect.any(String) } },
    });
    const ok = await add({ city: 'Lyon', size: 'M' });
    expect(ok.answers).toEqual({ city: 'Lyon', size: 'M' });
    await expect(core.lespass.memberships.products.create(collectiveId, { name: 'Both', price: 0, durationDays: 10, period: 'year' })).rejects.toThrow(/either a duration/);
  });

  it('export as CSV with one column per question, euros from cents, and formulas defused', async () => {
    const { core, collectiveId, clock } = await setup();
    const product = await core.lespass.memberships.products.create(collectiveId, { name: 'Adhésion, soutien', price: 2550, durationDays: 365, fields: [{ key: 'note', label: 'Note' }] });
    await core.lespass.memberships.members.addByHand(collectiveId, { productId: product._id, email: 'csv@test.fr', name: '=HYPERLINK("x")', amount: 2550, method: 'card', answers: { note: 'a "b"' } });
    const csv = membersCsv(await core.lespass.memberships.members.list(collectiveId), clock.now());
    const [header, line] = csv.trim().split('\r\n');
    expect(header).toBe('member_id,name,email,membership,subscription,status,valid_from_utc,valid_until_utc,renews_at_utc,source,method,amount_eur,answer_note');
    expect(line).toContain(`"'=HYPERLINK(""x"")",csv@test.fr,"Adhésion, soutien",,active,2026-03-01T12:00:00.000Z,2027-03-01T12:00:00.000Z,,admin,card,25.50,"a ""b"""`);
  });

  it('turn an order into one member however often its payment is delivered', async () => {
    const { core, collectiveId } = await setup();
    const product = await core.lespass.memberships.products.create(collectiveId, { name: 'Adhésion', price: 800, durationDays: 365 });
    const user = await core.lespass.users.findOrCreateByEmail('order@test.fr');
    const order = await core.lespass.memberships.orders.create(collectiveId, product._id, user);
    await expect(core.lespass.memberships.orders.fulfil(order._id, { amount: 700 })).rejects.toMatchObject({ details: { reason: 'AMOUNT_MISMATCH' } });
    const [a, b] = await Promise.all([core.lespass.memberships.orders.fulfil(order._id, { amount: 800 }), core.lespass.memberships.orders.fulfil(order._id, { amount: 800 })]);
    expect(a._id).toBe(b._id);
    expect(await core.lespass.memberships.members.docs.count({ userId: user._id })).toBe(1);
    expect(node!.mails('membership-receipt')).toHaveLength(1);
  });
});
