// `closeRegister` on /terminal (an extension of protocol v1): a terminal ends the shift and writes
// the day's Z ticket; the ack carries the cash count and the Z summary, equal to the stored Z.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../core/money/verify.js';
import { zDocument } from '../../core/pos/z-document.js';
import { seedCards } from '../../test/support/money.js';
import { terminalHarness, type TerminalHarness } from '../../test/support/terminal.js';

const tx = () => randomUUID();

describe('closing the register from a terminal', () => {
  let h: TerminalHarness;
  let posId: string;
  let beer: string;
  let crepe: string;
  let cards: string[];

  afterEach(async () => {
    expect((await verifyLedger(h.node.store)).errors).toEqual([]);
    await h.close();
  });

  async function setup(options: { requireStaff?: boolean } = {}) {
    h = await terminalHarness();
    cards = await seedCards(h.node, 'c1', 2);
    posId = (await h.node.catalog.createPos('c1', { name: 'Bar' }))._id;
    beer = (await h.node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 }))._id;
    crepe = (await h.node.catalog.createProduct('c1', { name: 'Crêpe', category: 'Food', price: 400, vatRate: 1000 }))._id;
    await h.node.catalog.assign(posId, beer, 'c1');
    await h.node.catalog.assign(posId, crepe, 'c1');
    // Set before the terminal connects: a socket reads its POS's staff policy at connection.
    if (options.requireStaff) await h.node.catalog.updatePos(posId, 'c1', { requireStaff: true });
  }

  const terminal = () => h.terminal(posId, 'c1');

  async function ok<T extends { ok: boolean }>(ack: Promise<T>): Promise<Extract<T, { ok: true }>> {
    const res = await ack;
    if (!res.ok) throw new Error(`refused: ${JSON.stringify(res)}`);
    return res as Extract<T, { ok: true }>;
  }

  it('acks the shift (expected cash, counted, difference) and the Z summary, equal to the stored Z', async () => {
    await setup();
    const { socket, terminalId } = await terminal();
    // The first sale opens the shift; the cash top-up then lands in its drawer.
    await ok(socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'cash', amount: 1_000 }] }));
    await ok(socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 2_000, method: 'cash' }));
    await ok(socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: crepe, qty: 1 }, { productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[0] }] }));
    await ok(socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: crepe, qty: 1 }], payments: [{ method: 'card', amount: 400 }] }));

    const closed = await ok(socket.emitWithAck('closeRegister', { countedCash: 2_650 }));
    // Cash drawer: 20.00 top-up + 7.00 sale (10.00 given, 3.00 change back) on a zero float.
    expect(closed.session).toMatchObject({ float: 0, expectedCash: 2_700, countedCash: 2_650, difference: -50 });
    expect(closed.z).toMatchObject({
      number: 1,
      totals: {
        salesCount: 3,
        firstSale: 1,
        lastSale: 3,
        sales: 700 + 750 + 400,
        byMethod: { cash: 700, card: 400, pass: 750 },
        byAsset: { 'local:c1': 750 },
        topups: { total: 2_000, byMethod: { cash: 2_000 } },
        refunds: { total: 0 },
      },
      grandTotal: 1_850,
    });
    expect(closed.z!.businessDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(closed.z!.hash).toMatch(/^[0-9a-f]{64}$/);

    const [stored] = await h.node.pos.listZ(posId);
    expect(closed.z).toEqual({ id: stored._id, number: stored.number, businessDay: stored.businessDay, totals: stored.totals, grandTotal: stored.grandTotal, hash: stored.hash, document: zDocument(stored, 'fr') });
    expect(stored.closedBy).toBe(terminalId); // no staff unlocked: the terminal closed it
    expect(stored.sessions).toEqual([expect.objectContaining({ _id: closed.session!.id, expectedCash: 2_700, countedCash: 2_650, difference: -50 })]);
    expect(await h.node.pos.verifyZ(posId)).toEqual({ ok: true, errors: [] });
  });

  it('a second close is refused with REGISTER_CLOSED; the next sale opens a new shift with the cash carried over and the next Z chains on', async () => {
    await setup();
    const { socket } = await terminal();
    await ok(socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 350 }] }));
    const first = await ok(socket.emitWithAck('closeRegister', {}));
    expect(first.session).toMatchObject({ expectedCash: 350 });
    expect(first.session).not.toHaveProperty('countedCash');
    expect(await socket.emitWithAck('closeRegister', { countedCash: 350 })).toMatchObject({ ok: false, code: 'REGISTER_CLOSED' });
    expect(await h.node.pos.listZ(posId)).toHaveLength(1);

    await ok(socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: crepe, qty: 2 }], payments: [{ method: 'card', amount: 800 }] }));
    const second = await ok(socket.emitWithAck('closeRegister', { countedCash: 350 }));
    expect(second.session).toMatchObject({ float: 350, expectedCash: 350, countedCash: 350, difference: 0 });
    expect(second.z).toMatchObject({ number: 2, totals: { salesCount: 1, firstSale: 2, lastSale: 2, sales: 800 }, grandTotal: 350 + 800 });
    const chain = await h.node.pos.listZ(posId);
    expect(chain[1].prevHash).toBe(first.z!.hash);
    expect(await h.node.pos.verifyZ(posId)).toEqual({ ok: true, errors: [] });
  });

  it('refuses a counted cash that is not whole cents, zero or more, and closes nothing', async () => {
    await setup();
    const { socket } = await terminal();
    await ok(socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 350 }] }));
    for (const countedCash of [-1, 12.5, '350', null]) {
      expect(await socket.emitWithAck('closeRegister', { countedCash } as never)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    expect(await h.node.pos.listZ(posId)).toEqual([]);
    expect((await h.node.pos.status(posId)).session).toMatchObject({ state: 'open' });
  });

  it('where the POS requires staff, only a manager closes; the Z names the manager', async () => {
    await setup({ requireStaff: true });
    const [, cashierCard] = cards;
    await h.node.staff.create('c1', { name: 'Alice', role: 'cashier', cardUid: cashierCard });
    const manager = await h.node.staff.create('c1', { name: 'Bob', role: 'manager', pin: '4321' });
    const { socket } = await terminal();
    await ok(socket.emitWithAck('unlock', { cardUid: cashierCard }));
    await ok(socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 500 }] }));

    expect(await socket.emitWithAck('closeRegister', { countedCash: 350 })).toMatchObject({ ok: false, code: 'MANAGER_REQUIRED' });
    await ok(socket.emitWithAck('lock', {}));
    expect(await socket.emitWithAck('closeRegister', { countedCash: 350 })).toMatchObject({ ok: false, code: 'MANAGER_REQUIRED' });
    expect(await h.node.pos.listZ(posId)).toEqual([]);

    await ok(socket.emitWithAck('unlock', { pin: '4321' }));
    const closed = await ok(socket.emitWithAck('closeRegister', { countedCash: 350 }));
    expect(closed.session).toMatchObject({ expectedCash: 350, difference: 0 });
    const [stored] = await h.node.pos.listZ(posId);
    expect(stored.closedBy).toBe(manager._id);
  });
});
