// Sale numbers stay consecutive when a terminal resends a sale the point of sale already
// recorded, after its actor moved to another node (found by `npm run chaos`: the resend took a
// new number, its record turned out to be a duplicate, and the sales recorded meanwhile had the
// next numbers: a gap).
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory.js';
import type { Collection, Doc, Store } from '../store/port.js';
import { verifyLedger } from '../money/verify.js';
import { moneyNode, seedCards, type MoneyNode } from '../../test/support/money.js';

const tx = () => randomUUID();
const pause = () => new Promise((r) => setTimeout(r, 50));

/** The same store, with sale records slow to write: sales in flight overlap deterministically. */
function slowSalesWrites(store: Store, delayMs: number): Store {
  return {
    ...store,
    collection<T extends Doc>(name: string): Collection<T> {
      const c = store.collection<T>(name);
      if (name !== 'sales') return c;
      return { ...bind(c), insertMany: async (docs) => (await new Promise((r) => setTimeout(r, delayMs)), c.insertMany(docs)) };
    },
  };
}

function bind<T extends Doc>(c: Collection<T>): Collection<T> {
  const methods = ['insertOne', 'insertMany', 'findOne', 'find', 'count', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'ensureIndexes'] as const;
  return Object.fromEntries(methods.map((m) => [m, (c[m] as (...a: unknown[]) => unknown).bind(c)])) as unknown as Collection<T>;
}

describe('sale numbers after the point of sale moved', () => {
  const store = createMemoryStore();
  const nodes: MoneyNode[] = [];
  let posId: string;
  let beer: string;
  let uids: string[];

  afterEach(async () => {
    expect((await verifyLedger(store)).errors).toEqual([]);
    for (const n of nodes.splice(0)) await n.stop();
    await store.dropAll();
  });

  async function firstNode() {
    const node = await moneyNode(store, { groupCommitMs: 1, nodeId: 'first' });
    nodes.push(node);
    uids = await seedCards(node, 'c1', 3);
    posId = (await node.catalog.createPos('c1', { name: 'Bar' }))._id;
    beer = (await node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 }))._id;
    await node.catalog.assign(posId, beer, 'c1');
    for (const cardUid of uids) await node.pass.topUp({ txId: tx(), cardUid, asset: 'local', amount: 10_000, method: 'cash', collectiveId: 'c1', posId });
    return node;
  }

  async function secondNode(first: MoneyNode) {
    await first.stop(); // the point of sale's actor passivates: the next call activates it elsewhere
    const node = await moneyNode(slowSalesWrites(store, 150), { groupCommitMs: 1, nodeId: 'second' });
    nodes.push(node);
    return node;
  }

  const passSale = (cardUid: string) => ({ txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass' as const, cardUid }], terminalId: 't1' });
  const cashSale = () => ({ txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash' as const, amount: 350 }], terminalId: 't1' });
  const numbers = async () => (await store.collection<{ _id: string; number: number }>('sales').find({ posId }, { sort: { number: 1 } })).map((s) => s.number);

  it('a resend of the last sales, racing new sales, replays the first ack and takes no number', async () => {
    const first = await firstNode();
    const resent = passSale(uids[0]);
    const ack = await first.pos.sale(posId, resent);
    const second = await secondNode(first);
    // The resend first; new sales arrive while its record would still be in flight.
    const resending = second.pos.sale(posId, resent);
    await pause();
    const [again, ...fresh] = await Promise.all([resending, second.pos.sale(posId, passSale(uids[1])), second.pos.sale(posId, passSale(uids[2]))]);
    expect(again).toEqual(ack);
    expect(fresh.map((s) => s.number).sort()).toEqual([2, 3]);
    expect(await numbers()).toEqual([1, 2, 3]);
  });

  it('a resend of an old sale (not read back on activation) gives its number back to the next sale', async () => {
    const first = await firstNode();
    const old = passSale(uids[0]);
    await first.pos.sale(posId, old);
    for (let i = 0; i < 500; i++) await first.pos.sale(posId, cashSale());
    const second = await secondNode(first);
    const resending = second.pos.sale(posId, old);
    await pause();
    const [again, racing] = await Promise.all([resending, second.pos.sale(posId, passSale(uids[1]))]);
    expect(again.number).toBe(1);
    const next = await second.pos.sale(posId, cashSale());
    expect([racing.number, next.number].sort()).toEqual([502, 503]);
    expect(await numbers()).toEqual(Array.from({ length: 503 }, (_, i) => i + 1));
  }, 20_000);
});
