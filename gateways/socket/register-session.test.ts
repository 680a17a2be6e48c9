// Register sessions over /terminal (extensions of protocol v1): the state a terminal shows, a
// closed register refusing sales until a manager opens it (or opening at the first sale where its
// POS says so), the float carried over, cash removed, one Z per close, never two closes.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../core/money/verify.js';
import { seedCards } from '../../test/support/money.js';
import { terminalHarness, type TerminalHarness } from '../../test/support/terminal.js';

const tx = () => randomUUID();

describe('register sessions at the terminal', () => {
  let h: TerminalHarness;
  let posId: string;
  let beer: string;
  let cards: string[];

  afterEach(async () => {
    expect((await verifyLedger(h.node.store)).errors).toEqual([]);
    await h.close();
  });

  async function setup(pos: { openOnFirstSale?: boolean; requireStaff?: boolean }) {
    h = await terminalHarness();
    cards = await seedCards(h.node, 'c1', 2);
    posId = (await h.node.catalog.createPos('c1', { name: 'Bar' }))._id;
    beer = (await h.node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 }))._id;
    await h.node.catalog.assign(posId, beer, 'c1');
    await h.node.catalog.updatePos(posId, 'c1', pos);
  }

  async function ok<T extends { ok: boolean }>(ack: Promise<T>): Promise<Extract<T, { ok: true }>> {
    const res = await ack;
    if (!res.ok) throw new Error(`refused: ${JSON.stringify(res)}`);
    return res as Extract<T, { ok: true }>;
  }

  const cashSale = () => ({ txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash' as const, amount: 350 }] });

  it('a closed register refuses sales and top-ups until a manager opens it from the terminal, then closes once', async () => {
    await setup({ openOnFirstSale: false, requireStaff: true });
    await h.node.staff.create('c1', { name: 'Alice', role: 'cashier', pin: '1111' });
    await h.node.staff.create('c1', { name: 'Bob Dupont', role: 'manager', pin: '4321' });
    const { socket } = await h.terminal(posId, 'c1');
    await ok(socket.emitWithAck('unlock', { pin: '1111' }));
    expect(await ok(socket.emitWithAck('registerStatus', {}))).toMatchObject({ state: 'closed', openOnFirstSale: false, session: null, carriedFloat: 0 });
    expect(await socket.emitWithAck('sale', cashSale())).toMatchObject({ ok: false, code: 'REGISTER_CLOSED' });
    expect(await socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 1_000, method: 'cash' })).toMatchObject({ ok: false, code: 'REGISTER_CLOSED' });
    expect(await socket.emitWithAck('openRegister', { float: 2_000 })).toMatchObject({ ok: false, code: 'MANAGER_REQUIRED' });
    expect(await h.node.store.collection('ledger').count({ posId })).toBe(0);

    await ok(socket.emitWithAck('unlock', { pin: '4321' }));
    const opened = await ok(socket.emitWithAck('openRegister', { float: 2_000 }));
    expect(opened).toMatchObject({ state: 'open', session: { float: 2_000, floatCarried: false, openedOn: 'hand', openedBy: 'Bob Dupont' }, cashInDrawer: 2_000 });
    expect(await socket.emitWithAck('openRegister', {})).toMatchObject({ ok: false, code: 'CONFLICT' });
    await ok(socket.emitWithAck('sale', cashSale()));
    const deposit = { txId: tx(), amount: 1_500, reason: 'bank-deposit' as const };
    expect(await ok(socket.emitWithAck('removeCash', deposit))).toMatchObject({ amount: 1_500, replayed: false, register: { cashInDrawer: 850 } });
    expect(await ok(socket.emitWithAck('removeCash', deposit))).toMatchObject({ amount: 1_500, replayed: true, register: { cashInDrawer: 850 } }); // a resend moves nothing
    expect(await socket.emitWithAck('removeCash', { txId: tx(), amount: 900, reason: 'other' })).toMatchObject({ ok: false, code: 'INSUFFICIENT_FUNDS', missing: 50 });

    const closed = await ok(socket.emitWithAck('closeRegister', { countedCash: 800 }));
    expect(closed.session).toMatchObject({ float: 2_000, expectedCash: 850, countedCash: 800, difference: -50 });
    expect(closed.z!.totals.cash).toMatchObject({ removed: 1_500, removals: [expect.objectContaining({ byName: 'Bob Dupont', amount: 1_500 })] });
    expect(closed.z!.document!.sections.map((s) => s.id)).toEqual(['register', 'sales', 'methods', 'vat', 'products', 'topups', 'cash', 'grandTotals']);
    expect(await socket.emitWithAck('closeRegister', { countedCash: 800 })).toMatchObject({ ok: false, code: 'REGISTER_CLOSED' });
    expect(await socket.emitWithAck('sale', cashSale())).toMatchObject({ ok: false, code: 'REGISTER_CLOSED' });
    expect(await h.node.pos.listZ(posId)).toHaveLength(1);
    // The next session carries over the counted cash.
    expect(await ok(socket.emitWithAck('registerStatus', {}))).toMatchObject({ state: 'closed', carriedFloat: 800 });
    expect(await ok(socket.emitWithAck('openRegister', {}))).toMatchObject({ session: { float: 800, floatCarried: true } });
  });

  it('a POS set to open on first sale says so, opens with the carried float, and each close of the day writes its own Z', async () => {
    await setup({ openOnFirstSale: true });
    const { socket } = await h.terminal(posId, 'c1');
    expect(await ok(socket.emitWithAck('registerStatus', {}))).toMatchObject({ state: 'closed', openOnFirstSale: true });
    await ok(socket.emitWithAck('sale', cashSale()));
    expect(await ok(socket.emitWithAck('registerStatus', {}))).toMatchObject({ state: 'open', session: { openedOn: 'first-sale', float: 0 } });
    const morning = await ok(socket.emitWithAck('closeRegister', { countedCash: 350 }));
    await ok(socket.emitWithAck('sale', cashSale()));
    await ok(socket.emitWithAck('sale', cashSale()));
    const evening = await ok(socket.emitWithAck('closeRegister', { countedCash: 1_050, lang: 'en' }));
    expect(morning.z).toMatchObject({ number: 1, totals: { salesCount: 1, firstSale: 1, lastSale: 1 } });
    expect(evening.z).toMatchObject({ number: 2, totals: { salesCount: 2, firstSale: 2, lastSale: 3, cash: { float: 350, expected: 1_050, difference: 0 } } });
    expect(evening.z!.document!.title).toBe('Z report no. 2');
    const chain = await h.node.pos.listZ(posId);
    expect(chain.map((z) => z.sessionId)).toEqual([morning.session!.id, evening.session!.id]);
    expect(chain[1].from).toBeGreaterThanOrEqual(chain[0].to); // the periods do not overlap
    expect(await h.node.pos.verifyZ(posId)).toEqual({ ok: true, errors: [] });
  });
});
