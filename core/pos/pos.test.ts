import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory.js';
import { verifyLedger } from '../money/verify.js';
import { accounts } from '../money/accounts.js';
import { localAsset } from '../money/assets.js';
import type { LedgerRow } from '../money/ledger-row.js';
import { moneyNode, seedCards, type MoneyNode } from '../../test/support/money.js';
import { verifyZChain } from './z-ticket.js';

const tx = () => randomUUID();

describe('points of sale', () => {
  let node: MoneyNode;
  let uids: string[];
  let posId: string;
  let beer: string;
  let crepe: string;

  afterEach(async () => {
    expect((await verifyLedger(node.store)).errors).toEqual([]);
    await node.stop();
  });

  async function setup() {
    node = await moneyNode(createMemoryStore(), { groupCommitMs: 1 });
    uids = await seedCards(node, 'c1', 3);
    posId = (await node.catalog.createPos('c1', { name: 'Bar' }))._id;
    beer = (await node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 }))._id;
    crepe = (await node.catalog.createProduct('c1', { name: 'Crêpe', category: 'Food', price: 400, vatRate: 1000 }))._id;
    await node.catalog.assign(posId, beer, 'c1');
    await node.catalog.assign(posId, crepe, 'c1', { price: 450 });
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 5000, method: 'cash', collectiveId: 'c1', posId });
  }

  it('shows the catalog with per-POS prices and reloads it when it changes', async () => {
    await setup();
    const catalog = await node.pos.catalogOf(posId);
    expect(catalog.products.map((p) => [p.name, p.price])).toEqual([['Bière', 350], ['Crêpe', 450]]);
    await node.catalog.updateProduct(beer, 'c1', { price: 380 });
    await new Promise((r) => setTimeout(r, 20));
    expect((await node.pos.catalogOf(posId)).products[0].price).toBe(380);
    await node.catalog.updateProduct(beer, 'c1', { archived: true });
    await new Promise((r) => setTimeout(r, 20));
    expect((await node.pos.catalogOf(posId)).products.map((p) => p.name)).toEqual(['Crêpe']);
  });

  it('sells with a Pass + cash split, numbers sales and replays a txId with the first ack', async () => {
    await setup();
    const txId = tx();
    const sale = { txId, lines: [{ productId: beer, qty: 2 }, { productId: crepe, qty: 1 }], payments: [{ method: 'cash' as const, amount: 500 }, { method: 'pass' as const, cardUid: uids[0] }], terminalId: 't1' };
    const ack = await node.pos.sale(posId, sale);
    expect(ack).toMatchObject({ number: 1, total: 1150, change: 0 });
    expect(ack.balances).toEqual([{ asset: localAsset('c1'), name: 'Local c1', kind: 'local', amount: 4350 }]);
    const again = await node.pos.sale(posId, sale);
    expect(again.number).toBe(1);
    const cashOnly = await node.pos.sale(posId, { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 500 }] });
    expect(cashOnly).toMatchObject({ number: 2, total: 350, change: 150 });
    await expect(node.pos.sale(posId, { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 100 }] })).rejects.toMatchObject({ code: 'INVALID_AMOUNT', details: { missing: 250 } });
    await expect(node.pos.sale(posId, { txId: tx(), lines: [{ productId: 'nope', qty: 1 }], payments: [{ method: 'cash', amount: 100 }] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(node.pos.sale(posId, { txId: tx(), lines: [{ productId: beer, qty: 100 }], payments: [{ method: 'pass', cardUid: uids[1] }] })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { missing: 35000 } });
    expect((await node.pos.sale(posId, { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'card', amount: 350 }] })).number).toBe(3);
  });

  it('refunds a sale the way it was paid, partly or fully, never twice', async () => {
    await setup();
    const saleId = tx();
    await node.pos.sale(posId, { txId: saleId, lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'cash', amount: 200 }, { method: 'pass', cardUid: uids[0] }] });
    const refundTx = tx();
    expect(await node.pos.refund(posId, { txId: refundTx, saleId, lines: [{ productId: beer, qty: 1 }] })).toMatchObject({ refunded: 350 });
    expect(await node.pos.refund(posId, { txId: refundTx, saleId, lines: [{ productId: beer, qty: 1 }] })).toMatchObject({ refunded: 350 });
    expect(await node.pos.refund(posId, { txId: tx(), saleId })).toMatchObject({ refunded: 350 });
    await expect(node.pos.refund(posId, { txId: tx(), saleId })).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    expect((await node.pass.balance(uids[0])).balances[0].amount).toBe(5000);
  });

  it('closes the register: cash difference, a Z ticket equal to the ledger, chained, refused twice', async () => {
    await setup();
    // A session counts the cash moved from the millisecond it opens (the movement that opens it
    // included): the setup's top-up, made while closed, must be in an earlier millisecond.
    await new Promise((r) => setTimeout(r, 2));
    await node.pos.openRegister(posId, { float: 10000, by: 'alice' });
    await node.pos.sale(posId, { txId: tx(), lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'pass', cardUid: uids[0] }] });
    await node.pos.sale(posId, { txId: tx(), lines: [{ productId: crepe, qty: 1 }], payments: [{ method: 'cash', amount: 1000 }] });
    await node.pos.sale(posId, { txId: tx(), lines: [{ productId: beer, qty: 1 }, { productId: crepe, qty: 2 }], payments: [{ method: 'card', amount: 1250 }] });
    await node.pass.topUp({ txId: tx(), cardUid: uids[1], asset: 'local', amount: 2000, method: 'cash', collectiveId: 'c1', posId });
    const { session, z } = await node.pos.closeRegister(posId, { countedCash: 12400, by: 'alice' });
    expect(session).toMatchObject({ expectedCash: 10000 + 450 + 2000, countedCash: 12400, difference: -50 });
    expect(z!.totals).toMatchObject({ salesCount: 3, firstSale: 1, lastSale: 3, sales: 2400, byMethod: { pass: 700, cash: 450, card: 1250 } });
    expect(z!.totals.byVat).toEqual([{ rate: 1000, total: 1350, vat: 123, ht: 1227, gross: 1350, refunded: 0 }, { rate: 2000, total: 1050, vat: 175, ht: 875, gross: 1050, refunded: 0 }]);
    expect(z!.totals.topups).toMatchObject({ total: 7000, byMethod: { cash: 7000 } }); // the 5000 before opening too: a Z covers all since the last Z
    expect(z!.grandTotal).toBe(2400);
    // Z equals the ledger: euros into drawer and card terminal, Pass money to the collective
    const rows = await node.store.collection<LedgerRow>('ledger').find({ posId });
    const sumTo = (account: string, asset?: string) => rows.flatMap((r) => r.legs).filter((l) => l.to === account && (!asset || l.asset === asset)).reduce((s, l) => s + l.amount, 0);
    expect(sumTo(accounts.cardTerminal(posId))).toBe(z!.totals.byMethod.card);
    expect(sumTo(accounts.cashDrawer(posId))).toBe(z!.totals.byMethod.cash + z!.totals.topups.byMethod.cash);
    expect(sumTo(accounts.collective('c1'))).toBe(z!.totals.byMethod.pass);
    await expect(node.pos.closeRegister(posId, { by: 'alice' })).rejects.toMatchObject({ code: 'REGISTER_CLOSED' });
    // next day: a sale opens a session with the counted cash carried over; its Z chains to the first
    await node.pos.sale(posId, { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 350 }] });
    const second = await node.pos.closeRegister(posId, { countedCash: 350, by: 'bob' });
    expect(second.session?.float).toBe(12400);
    expect(second.z).toMatchObject({ number: 2, prevHash: z!.hash, grandTotal: 2750 });
    const chain = await node.pos.listZ(posId);
    expect(verifyZChain(chain).ok).toBe(true);
    const tampered = chain.map((t) => ({ ...t, totals: { ...t.totals } }));
    tampered[0].totals.sales = 1;
    expect(verifyZChain(tampered)).toMatchObject({ ok: false, errors: ['Z 1: content was altered'] });
  });

  it('records a Pass sale whose record was lost in a crash when the register reactivates', async () => {
    await setup();
    const txId = tx();
    // The payment reached the wallet's chain (as a sale would), but the POS never stored the sale.
    await node.pass.pay({ txId, cardUid: uids[0], amount: 350, collectiveId: 'c1', posId, meta: { sale: { lines: [{ productId: beer, name: 'Bière', category: 'Boissons', qty: 1, unitPrice: 350, vatRate: 2000, total: 350 }], total: 350, payments: { cash: 0, card: 0, pass: 350 }, change: 0, sessionId: 'lost' } } });
    await node.pos.openRegister(posId, { by: 'alice' });
    const { z } = await node.pos.closeRegister(posId, { by: 'alice' });
    expect(z!.totals).toMatchObject({ salesCount: 1, sales: 350, byMethod: { pass: 350 } });
  });
});
