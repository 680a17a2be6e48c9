// The chaos run's invariant checks must catch what they claim to: a lost accepted payment, a
// refused one that moved money, a payment applied twice, acks that disagree, an outbox left
// with work, a gap in sale numbers. Real sales on a memory store, then one fault at a time.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../core/store/memory.js';
import { localAsset } from '../core/money/assets.js';
import { moneyNode, seedCards } from '../test/support/money.js';
import { checkInvariants, type CheckInput } from './chaos-checks.js';
import type { Ack, CommandRecord } from './chaos-terminal.js';

const initialBalance = 1_000;

async function scene() {
  const store = createMemoryStore();
  const node = await moneyNode(store, { groupCommitMs: 1 });
  const uids = await seedCards(node, 'c1', 2);
  const posId = (await node.catalog.createPos('c1', { name: 'Bar' }))._id;
  const beer = (await node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 400, vatRate: 2000 }))._id;
  await node.catalog.assign(posId, beer, 'c1');
  for (const cardUid of uids) await node.pass.topUp({ txId: randomUUID(), cardUid, asset: 'local', amount: initialBalance, method: 'cash', collectiveId: 'c1', posId });
  const records: CommandRecord[] = [];
  const sell = async (cardUid: string, qty: number) => {
    const payload = { txId: randomUUID(), lines: [{ productId: beer, qty }], payments: [{ method: 'pass', cardUid }] };
    const ack: Ack = await node.pos.sale(posId, { ...(payload as any), terminalId: 't' }).then(
      (a) => ({ ok: true, ...a }),
      (err) => err.toAck(),
    );
    const record: CommandRecord = { txId: payload.txId, event: 'sale', payload, cardUid, terminal: 0, createdAtMs: 0, resolvedAtMs: 1, final: ack, acks: [ack], sends: 1, duplicates: 0 };
    records.push(record);
    return record;
  };
  await sell(uids[0], 1);
  await sell(uids[0], 1);
  await sell(uids[1], 2);
  await sell(uids[1], 3); // 1,000 − 800 < 1,200: refused
  const liveBalances = new Map<string, number | undefined>([
    [uids[0], 200],
    [uids[1], 200],
  ]);
  const input: CheckInput = { store, records, unresolved: 0, uids, asset: localAsset('c1'), initialBalance, liveBalances };
  const failing = async (changed: Partial<CheckInput> = {}) => (await checkInvariants({ ...input, ...changed })).filter((i) => !i.ok).map((i) => i.name);
  return { store, node, records, failing, uids };
}

describe('chaos invariant checks', () => {
  it('pass on a sound run with one refusal', async () => {
    const { failing, records, node } = await scene();
    expect(records.map((r) => r.final!.ok)).toEqual([true, true, true, false]);
    expect(await failing()).toEqual([]);
    await node.stop();
  });

  it('catch an accepted payment without its ledger row, and a refused one that wrote a row', async () => {
    const { failing, records, store, node } = await scene();
    await store.collection('ledger').deleteOne({ txId: records[0].txId });
    const refusedWithRow = { ...records[3], final: { ok: false, code: 'INSUFFICIENT_FUNDS' } as Ack };
    const accepted = records.slice(0, 3);
    accepted[2] = { ...records[2], final: { ok: false, code: 'INSUFFICIENT_FUNDS' } };
    const names = await failing({ records: [...accepted, refusedWithRow] });
    expect(names).toEqual(expect.arrayContaining(['every accepted command has its ledger row', 'refused commands: no row, refusal kept', 'ledger verifies (chains, hashes, snapshots)']));
    await node.stop();
  });

  it('catch a balance that is not top-ups minus acked payments, in the ledger or in the live actors', async () => {
    const { failing, uids, node } = await scene();
    expect(await failing({ liveBalances: new Map([[uids[0], 200], [uids[1], 600]]) })).toEqual(['balance = top-ups − acked payments (ledger and live actors)']);
    expect(await failing({ initialBalance: 1_200 })).toContain('balance = top-ups − acked payments (ledger and live actors)');
    await node.stop();
  });

  it('catch acks of one txId that disagree, an unexpected refusal and commands left in an outbox', async () => {
    const { failing, records, node } = await scene();
    const twice = { ...records[0], acks: [records[0].final!, { ...records[0].final!, number: 99 }] };
    const conflict = { ...records[3], final: { ok: false, code: 'CONFLICT' } as Ack, acks: [{ ok: false, code: 'CONFLICT' } as Ack] };
    const names = await failing({ records: [twice, records[1], records[2], conflict], unresolved: 1 });
    expect(names).toEqual(['outboxes empty: every command resolved', 'definitive acks of one txId identical', 'only INSUFFICIENT_FUNDS refuses a command']);
    await node.stop();
  });

  it('catch a gap in sale numbers and an acked number the record does not have', async () => {
    const { failing, records, store, node } = await scene();
    await store.collection('sales').updateOne({ _id: records[2].txId }, { $set: { number: 7 } });
    expect(await failing()).toEqual(['each acked sale recorded once, numbers consecutive per POS']);
    await node.stop();
  });

  it('accept an offline shortfall booked as debt, and catch one whose ack and ledger disagree', async () => {
    const { failing, records, node, uids } = await scene();
    const posId = (await node.catalog.listPos('c1'))[0]._id;
    const beer = (await node.catalog.listProducts('c1'))[0]._id;
    const payload = { txId: randomUUID(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass' as const, cardUid: uids[0] }] };
    const ack: Ack = { ok: true, ...(await node.pos.sale(posId, { ...payload, terminalId: 't', offline: { at: Date.now(), seq: 1 } })) };
    expect(ack).toMatchObject({ offline: true, shortfall: 200 }); // the card held 200 of 400
    const offline: CommandRecord = { txId: payload.txId, event: 'offline', payload, cardUid: uids[0], terminal: 0, createdAtMs: 0, resolvedAtMs: 1, final: ack, acks: [ack], sends: 1, duplicates: 0 };
    const live = new Map<string, number | undefined>([[uids[0], 0], [uids[1], 200]]);
    expect(await failing({ records: [...records, offline], liveBalances: live })).toEqual([]);
    const hidden = { ...offline, final: { ...ack, shortfall: undefined }, acks: [{ ...ack, shortfall: undefined }] };
    expect(await failing({ records: [...records, hidden], liveBalances: live })).toContain('offline shortfall is the only sale beyond a balance, and equals the booked debts');
    await node.stop();
  });
});
