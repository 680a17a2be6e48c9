import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCards } from '../../test/support/money.js';
import { terminalHarness, type TerminalHarness } from '../../test/support/terminal.js';

describe('staff on terminals', () => {
  let h: TerminalHarness;
  afterEach(() => h.close());

  async function setup() {
    h = await terminalHarness();
    const [card, cashierCard] = await seedCards(h.node, 'c1', 2);
    const pos = await h.node.catalog.createPos('c1', { name: 'Bar' });
    const beer = await h.node.catalog.createProduct('c1', { name: 'Bière', category: 'B', price: 300, vatRate: 2000 });
    await h.node.catalog.assign(pos._id, beer._id, 'c1');
    await h.node.pass.topUp({ txId: randomUUID(), cardUid: card, asset: 'local', amount: 2000, method: 'cash', collectiveId: 'c1', posId: pos._id });
    const cashier = await h.node.staff.create('c1', { name: 'Alice', role: 'cashier', cardUid: cashierCard });
    const manager = await h.node.staff.create('c1', { name: 'Bob', role: 'manager', pin: '4321' });
    await h.node.staff.create('c2', { name: 'Mallory', role: 'manager', pin: '9999' });
    const { socket: terminal } = await h.terminal(pos._id, 'c1');
    return { card, cashierCard, pos, beer, cashier, manager, terminal };
  }

  const sell = (s: Awaited<ReturnType<typeof setup>>) =>
    s.terminal.emitWithAck('sale', { txId: randomUUID(), lines: [{ productId: s.beer._id, qty: 1 }], payments: [{ method: 'pass', cardUid: s.card }] });

  it('a POS that requires staff refuses to sell until a staff card unlocks it; the sale records who sold', async () => {
    const s = await setup();
    expect((await sell(s)).ok).toBe(true); // not required yet: protocol v1 terminals keep working
    await h.node.catalog.updatePos(s.pos._id, 'c1', { requireStaff: true });
    await new Promise((r) => setTimeout(r, 30));
    expect(await sell(s)).toMatchObject({ ok: false, code: 'STAFF_REQUIRED' });
    expect(await s.terminal.emitWithAck('unlock', { pin: '9999' })).toMatchObject({ ok: false, code: 'FORBIDDEN' }); // another collective's staff
    expect(await s.terminal.emitWithAck('unlock', { cardUid: s.cashierCard })).toMatchObject({ ok: true, staff: { name: 'Alice', role: 'cashier' } });
    const sold = await sell(s);
    expect(sold.ok).toBe(true);
    const stored = await h.node.pos.getSale((sold as { saleId: string }).saleId, s.pos._id);
    expect(stored.staff).toBe(s.cashier._id);
    expect(await s.terminal.emitWithAck('lock', {})).toMatchObject({ ok: true, locked: true });
    expect(await sell(s)).toMatchObject({ ok: false, code: 'STAFF_REQUIRED' });
  });

  it('refunds need a manager where staff is required', async () => {
    const s = await setup();
    await h.node.catalog.updatePos(s.pos._id, 'c1', { requireStaff: true });
    await new Promise((r) => setTimeout(r, 30));
    await s.terminal.emitWithAck('unlock', { cardUid: s.cashierCard });
    const sold = (await sell(s)) as { ok: true; saleId: string };
    expect(await s.terminal.emitWithAck('refund', { txId: randomUUID(), saleId: sold.saleId })).toMatchObject({ ok: false, code: 'MANAGER_REQUIRED' });
    expect(await s.terminal.emitWithAck('unlock', { pin: '0000' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await s.terminal.emitWithAck('unlock', { pin: '4321' })).toMatchObject({ ok: true, staff: { role: 'manager' } });
    expect(await s.terminal.emitWithAck('refund', { txId: randomUUID(), saleId: sold.saleId })).toMatchObject({ ok: true, refunded: 300 });
  });

  it('a cash top-up opens the shift, so the close expects that cash; where staff is required it needs an unlock', async () => {
    const s = await setup();
    const topup = () => s.terminal.emitWithAck('topup', { txId: randomUUID(), cardUid: s.card, asset: 'local', amount: 1500, method: 'cash' });
    expect(await topup()).toMatchObject({ ok: true });
    const { session } = await h.node.pos.closeRegister(s.pos._id, { countedCash: 1500, by: 'test' });
    expect(session).toMatchObject({ float: 0, expectedCash: 1500, difference: 0 });
    await h.node.catalog.updatePos(s.pos._id, 'c1', { requireStaff: true });
    await new Promise((r) => setTimeout(r, 30));
    expect(await topup()).toMatchObject({ ok: false, code: 'STAFF_REQUIRED' });
    await s.terminal.emitWithAck('unlock', { cardUid: s.cashierCard });
    expect(await topup()).toMatchObject({ ok: true });
  });

  it('only a manager may sell at another price than the catalog, and the sale keeps both prices', async () => {
    const s = await setup();
    const override = () => s.terminal.emitWithAck('sale', { txId: randomUUID(), lines: [{ productId: s.beer._id, qty: 2, price: 150 }], payments: [{ method: 'cash', amount: 300 }] });
    expect(await override()).toMatchObject({ ok: false, code: 'MANAGER_REQUIRED' }); // locked terminal
    await s.terminal.emitWithAck('unlock', { cardUid: s.cashierCard });
    expect(await override()).toMatchObject({ ok: false, code: 'MANAGER_REQUIRED' });
    await s.terminal.emitWithAck('unlock', { pin: '4321' });
    const sold = (await override()) as { ok: true; saleId: string; total: number };
    expect(sold).toMatchObject({ ok: true, total: 300 });
    const stored = await h.node.pos.getSale(sold.saleId, s.pos._id);
    expect(stored.lines[0]).toMatchObject({ unitPrice: 150, catalogPrice: 300, total: 300 });
    expect(stored.staff).toBe(s.manager._id);
  });

  it('staff need a card or a PIN, and PINs are never shown', async () => {
    const s = await setup();
    await expect(h.node.staff.create('c1', { name: 'Nobody', role: 'cashier' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const listed = await h.node.staff.list('c1');
    expect(listed.map((m) => [m.name, m.hasPin])).toEqual([['Alice', false], ['Bob', true]]);
    expect(JSON.stringify(listed)).not.toContain('scrypt');
    expect(s.manager).not.toHaveProperty('pinHash');
  });
});
