// Store contract, second half: what keeps money safe without transactions (DESIGN "Money"):
// unique indexes, unordered group-commit batches, and guarded updates under concurrency.
import { expect, it } from 'vitest';
import { isDuplicateKey, type Collection, type Store } from './port.js';

export type Row = { _id: string; [field: string]: unknown };

export interface ContractContext {
  store(): Store;
  /** A fresh collection: tests never see each other's documents. */
  collection(): Collection<Row>;
}

export function storeGuardsContract(ctx: ContractContext): void {
  const ids = (rows: Row[]) => rows.map((r) => r._id).sort();
  const refusedAsDuplicate = (results: PromiseSettledResult<unknown>[]) =>
    results.every((r) => r.status === 'fulfilled' || isDuplicateKey(r.reason));

  it('a unique index refuses a duplicate on insert and on update, leaving the stored document as it was', async () => {
    const c = ctx.collection();
    await c.ensureIndexes([{ name: 'email', keys: { email: 1 }, unique: true }]);
    await c.insertOne({ _id: 'a', email: 'a@x' });
    await c.insertOne({ _id: 'b', email: 'b@x' });
    await expect(c.insertOne({ _id: 'a', email: 'c@x' })).rejects.toSatisfy(isDuplicateKey);
    await expect(c.insertOne({ _id: 'c', email: 'a@x' })).rejects.toSatisfy(isDuplicateKey);
    await expect(c.updateOne({ _id: 'b' }, { $set: { email: 'a@x' } })).rejects.toSatisfy(isDuplicateKey);
    await expect(c.updateMany({ _id: 'b' }, { $set: { email: 'a@x' } })).rejects.toSatisfy(isDuplicateKey);
    expect(await c.find({}, { sort: { _id: 1 } })).toStrictEqual([
      { _id: 'a', email: 'a@x' },
      { _id: 'b', email: 'b@x' },
    ]);
  });

  it('a compound unique index (wallet, seq) refuses only the same pair; a missing field counts as null', async () => {
    const c = ctx.collection();
    await c.ensureIndexes([{ name: 'wallet_seq', keys: { wallet: 1, seq: 1 }, unique: true }]);
    await c.insertOne({ _id: 'r1', wallet: 'w1', seq: 1 });
    await c.insertOne({ _id: 'r2', wallet: 'w1', seq: 2 });
    await c.insertOne({ _id: 'r3', wallet: 'w2', seq: 1 });
    await expect(c.insertOne({ _id: 'r4', wallet: 'w1', seq: 2 })).rejects.toSatisfy(isDuplicateKey);
    await c.insertOne({ _id: 'r5', wallet: 'w3' });
    await expect(c.insertOne({ _id: 'r6', wallet: 'w3', seq: null })).rejects.toSatisfy(isDuplicateKey);
    expect(ids(await c.find({}))).toEqual(['r1', 'r2', 'r3', 'r5']);
  });

  it('a unique index tells values of different types apart (1 and "1"), and finds each by equality', async () => {
    const c = ctx.collection();
    await c.ensureIndexes([
      { name: 'k_unique', keys: { k: 1 }, unique: true },
      { name: 'pair_unique', keys: { a: 1, b: 1 }, unique: true },
    ]);
    await c.insertMany([
      { _id: 'n', k: 1, a: 1, b: 'x' },
      { _id: 's', k: '1', a: '1', b: 'x' },
      { _id: 't', k: true, a: 'true', b: 'x' },
      { _id: 'z', k: 'z\u0000', a: 'z\u0000', b: 'x' },
    ]);
    await expect(c.insertOne({ _id: 'n2', k: 1 })).rejects.toSatisfy(isDuplicateKey);
    await expect(c.insertOne({ _id: 's2', k: 'x', a: '1', b: 'x' })).rejects.toSatisfy(isDuplicateKey);
    expect((await c.findOne({ k: '1' }))?._id).toBe('s');
    expect((await c.findOne({ k: 1 }))?._id).toBe('n');
    expect((await c.findOne({ k: 'z\u0000' }))?._id).toBe('z');
    expect(ids(await c.find({}))).toEqual(['n', 's', 't', 'z']);
  });

  it('ensureIndexes is idempotent, allows duplicates on a plain index, and refuses a unique index that stored documents break', async () => {
    const c = ctx.collection();
    const specs = [{ name: 'day', keys: { day: -1 as const } }];
    await c.ensureIndexes(specs);
    await c.ensureIndexes(specs);
    await c.insertMany([
      { _id: 'a', day: '2026-07-01', k: 1 },
      { _id: 'b', day: '2026-07-01', k: 1 },
    ]);
    expect(await c.count({ day: '2026-07-01' })).toBe(2);
    await expect(c.ensureIndexes([{ name: 'k_unique', keys: { k: 1 }, unique: true }])).rejects.toSatisfy(isDuplicateKey);
  });

  it('insertMany is unordered: rows with a duplicate _id (stored or earlier in the batch) fail alone, at reported positions', async () => {
    const c = ctx.collection();
    await c.insertOne({ _id: 'old', n: 0 });
    const res = await c.insertMany([
      { _id: 'a', n: 1 },
      { _id: 'old', n: 2 },
      { _id: 'b', n: 3 },
      { _id: 'a', n: 4 },
      { _id: 'c', n: 5 },
    ]);
    expect(res).toEqual({ inserted: 3, duplicates: [1, 3] });
    expect(await c.find({}, { sort: { n: 1 } })).toStrictEqual([
      { _id: 'old', n: 0 },
      { _id: 'a', n: 1 },
      { _id: 'b', n: 3 },
      { _id: 'c', n: 5 },
    ]);
    expect(await c.insertMany([])).toEqual({ inserted: 0, duplicates: [] });
    expect(await c.insertMany([{ _id: 'd', n: 6 }])).toEqual({ inserted: 1, duplicates: [] });
  });

  it('insertMany refused by a unique (wallet, seq) index keeps the other rows and reports the positions', async () => {
    const c = ctx.collection();
    await c.ensureIndexes([
      { name: 'wallet_seq', keys: { wallet: 1, seq: 1 }, unique: true },
      { name: 'txId', keys: { txId: 1 }, unique: true },
    ]);
    await c.insertOne({ _id: 'x0', wallet: 'w', seq: 1, txId: 't0' });
    const res = await c.insertMany([
      { _id: 'x1', wallet: 'w', seq: 2, txId: 't1' },
      { _id: 'x2', wallet: 'w', seq: 1, txId: 't2' }, // stale writer: seq taken
      { _id: 'x3', wallet: 'v', seq: 1, txId: 't3' },
      { _id: 'x4', wallet: 'w', seq: 3, txId: 't0' }, // replayed txId
      { _id: 'x5', wallet: 'w', seq: 2, txId: 't5' }, // seq taken earlier in this batch
      { _id: 'x6', wallet: 'w', seq: 3, txId: 't6' },
    ]);
    expect(res).toEqual({ inserted: 3, duplicates: [1, 3, 4] });
    expect(ids(await c.find({}))).toEqual(['x0', 'x1', 'x3', 'x6']);
  });

  it('two overlapping batches at once (two nodes): each key is written once and refused by the other batch', async () => {
    const c = ctx.collection();
    await c.ensureIndexes([{ name: 'wallet_seq', keys: { wallet: 1, seq: 1 }, unique: true }]);
    const batch = (node: string, seqs: number[]) => seqs.map((seq) => ({ _id: `${node}-${seq}`, wallet: 'w', seq }));
    const [a, b] = await Promise.all([c.insertMany(batch('a', [1, 2, 3, 4, 5, 6])), c.insertMany(batch('b', [4, 5, 6, 7, 8, 9]))]);
    expect(a.inserted + b.inserted).toBe(9);
    expect(a.duplicates.length + b.duplicates.length).toBe(3);
    expect(a.duplicates.every((i) => i >= 3)).toBe(true); // only seq 4..6 can collide
    expect(b.duplicates.every((i) => i <= 2)).toBe(true);
    const rows = await c.find({ wallet: 'w' }, { sort: { seq: 1 } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('concurrent inserts of one unique key, or of one _id: exactly one wins, the others are refused as duplicates', async () => {
    const c = ctx.collection();
    await c.ensureIndexes([{ name: 'wallet_seq', keys: { wallet: 1, seq: 1 }, unique: true }]);
    const byKey = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => c.insertOne({ _id: `k${i}`, wallet: 'w', seq: 7 })));
    expect(byKey.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refusedAsDuplicate(byKey)).toBe(true);
    const byId = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => c.insertOne({ _id: 'same', wallet: 'v', seq: i })));
    expect(byId.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refusedAsDuplicate(byId)).toBe(true);
    expect(await c.count({})).toBe(2);
  });

  it('50 concurrent compare-and-set updates on one seq: exactly one wins', async () => {
    const c = ctx.collection();
    await c.insertOne({ _id: 'actor', seq: 0 });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => c.updateOne({ _id: 'actor', seq: 0 }, { $set: { seq: 1, by: i } })));
    const winners = results.flatMap((r, i) => (r.matched ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(await c.findOne({ _id: 'actor' })).toStrictEqual({ _id: 'actor', seq: 1, by: winners[0] });
  });

  it('writers racing with read-then-compare-and-set: each seq value is won exactly once', async () => {
    const c = ctx.collection();
    await c.insertOne({ _id: 'actor', seq: 0, writes: 0 });
    const won: number[] = [];
    const writer = async () => {
      for (;;) {
        const seq = (await c.findOne({ _id: 'actor' }))!.seq as number;
        if (seq >= 20) return;
        const res = await c.updateOne({ _id: 'actor', seq }, { $set: { seq: seq + 1 }, $inc: { writes: 1 } });
        if (res.matched) won.push(seq + 1);
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    expect(won.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await c.findOne({ _id: 'actor' })).toStrictEqual({ _id: 'actor', seq: 20, writes: 20 });
  });

  it('a quota guard {sold: {$lt: 10}} with $inc under 50 concurrent attempts: exactly 10 succeed', async () => {
    const c = ctx.collection();
    await c.insertOne({ _id: 'price', sold: 0 });
    const results = await Promise.all(Array.from({ length: 50 }, () => c.updateOne({ _id: 'price', sold: { $lt: 10 } }, { $inc: { sold: 1 } })));
    expect(results.filter((r) => r.matched === 1)).toHaveLength(10);
    expect(await c.findOne({ _id: 'price' })).toStrictEqual({ _id: 'price', sold: 10 });
  });

  it('concurrent upserts of one new _id: one inserts, the others update, no increment lost', async () => {
    const c = ctx.collection();
    const results = await Promise.all(Array.from({ length: 20 }, () => c.updateOne({ _id: 'counter' }, { $inc: { n: 1 }, $setOnInsert: { kind: 'hits' } }, { upsert: true })));
    expect(results.filter((r) => r.upserted)).toHaveLength(1);
    expect(results.filter((r) => r.matched === 1)).toHaveLength(19);
    expect(await c.findOne({ _id: 'counter' })).toStrictEqual({ _id: 'counter', n: 20, kind: 'hits' });
  });

  it('an array field is matched by any element, through an index too, and re-indexed on update', async () => {
    const c = ctx.collection();
    await c.ensureIndexes([{ name: 'list', keys: { list: 1 } }]);
    await c.insertMany([
      { _id: 'a', list: ['x', 'y'] },
      { _id: 'b', list: ['y'] },
    ]);
    expect(ids(await c.find({ list: 'y' }))).toEqual(['a', 'b']);
    expect(ids(await c.find({ list: 'x' }))).toEqual(['a']);
    await c.updateOne({ _id: 'a' }, { $set: { list: ['z'] } });
    expect(await c.find({ list: 'x' })).toEqual([]);
    expect(ids(await c.find({ list: 'z' }))).toEqual(['a']);
  });
}
