// The Store contract: every MongoDB feature the project relies on, run against each adapter
// (memory, embedded jongodb, and a real MongoDB at MONGO_URL). It is the list to check when
// moving to a new database server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDuplicateKey, type Store } from './port.js';

type Row = { _id: string; wallet?: string; seq?: number; n?: number; tag?: string; nested?: { a?: number; b?: string }; sold?: number; list?: string[] };

export function storeContract(name: string, open: () => Promise<{ store: Store; stop(): Promise<void> }>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let stop: () => Promise<void>;
    let seq = 0;
    const coll = () => store.collection<Row>(`c${++seq}_${Date.now()}`);

    beforeAll(async () => {
      ({ store, stop } = await open());
    }, 30_000);
    afterAll(() => stop?.());

    it('inserts and finds with every filter operator, dotted paths, sort, skip and limit', async () => {
      const c = coll();
      for (let i = 0; i < 10; i++) await c.insertOne({ _id: `d${i}`, n: i, tag: i % 2 ? 'odd' : 'even', nested: { a: i * 10 } });
      expect((await c.findOne({ _id: 'd3' }))?.n).toBe(3);
      expect(await c.findOne({ _id: 'none' })).toBeNull();
      const ids = async (f: any, o?: any) => (await c.find(f, o)).map((d) => d._id);
      expect(await ids({ n: { $in: [1, 2] } }, { sort: { n: 1 } })).toEqual(['d1', 'd2']);
      expect((await ids({ n: { $nin: [1, 2] } })).length).toBe(8);
      expect((await ids({ tag: { $ne: 'odd' } })).length).toBe(5);
      expect(await ids({ n: { $gt: 7 } }, { sort: { n: 1 } })).toEqual(['d8', 'd9']);
      expect(await ids({ n: { $gte: 7, $lt: 9 } }, { sort: { n: 1 } })).toEqual(['d7', 'd8']);
      expect(await ids({ n: { $lte: 1 } }, { sort: { n: -1 } })).toEqual(['d1', 'd0']);
      expect(await ids({ 'nested.a': 50 })).toEqual(['d5']);
      expect((await ids({ missing: { $exists: false } })).length).toBe(10);
      expect(await ids({ tag: 'even' }, { sort: { n: -1 }, skip: 1, limit: 2 })).toEqual(['d6', 'd4']);
      expect(await c.count({ tag: 'odd' })).toBe(5);
    });

    it('updates with $set $inc $unset $setOnInsert, upserts, updateMany, deletes', async () => {
      const c = coll();
      await c.insertOne({ _id: 'a', n: 1, tag: 'x' });
      expect(await c.updateOne({ _id: 'a' }, { $set: { 'nested.b': 'hi' }, $inc: { n: 2 }, $unset: { tag: 1 } })).toMatchObject({ matched: 1 });
      expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', n: 3, nested: { b: 'hi' } });
      expect(await c.updateOne({ _id: 'b' }, { $set: { n: 5 }, $setOnInsert: { tag: 'new' } }, { upsert: true })).toMatchObject({ matched: 0, upserted: true });
      await c.updateOne({ _id: 'b' }, { $set: { n: 6 }, $setOnInsert: { tag: 'again' } }, { upsert: true });
      expect(await c.findOne({ _id: 'b' })).toEqual({ _id: 'b', n: 6, tag: 'new' });
      expect(await c.updateOne({ _id: 'zz' }, { $set: { n: 1 } })).toMatchObject({ matched: 0 });
      expect((await c.updateMany({ n: { $gte: 3 } }, { $set: { list: ['p', 'q'] } })).matched).toBe(2);
      expect((await c.findOne({ _id: 'a' }))?.list).toEqual(['p', 'q']);
      expect((await c.deleteOne({ _id: 'a' })).deleted).toBe(1);
      expect((await c.deleteMany({})).deleted).toBe(1);
      expect(await c.count({})).toBe(0);
    });

    it('unique indexes refuse duplicates; unordered insertMany keeps the others and says which failed', async () => {
      const c = coll();
      await c.ensureIndexes([
        { name: 'wallet_seq', keys: { wallet: 1, seq: 1 }, unique: true },
        { name: 'tag_unique', keys: { tag: 1 }, unique: true },
      ]);
      await c.insertOne({ _id: 'r1', wallet: 'w', seq: 1, tag: 't1' });
      await expect(c.insertOne({ _id: 'r1', wallet: 'w', seq: 9, tag: 't9' })).rejects.toSatisfy(isDuplicateKey);
      await expect(c.insertOne({ _id: 'r2', wallet: 'w', seq: 1, tag: 't2' })).rejects.toSatisfy(isDuplicateKey);
      const res = await c.insertMany([
        { _id: 'r3', wallet: 'w', seq: 2, tag: 't3' },
        { _id: 'r1', wallet: 'w', seq: 3, tag: 't4' },
        { _id: 'r5', wallet: 'w', seq: 2, tag: 't5' },
        { _id: 'r6', wallet: 'w', seq: 4, tag: 't1' },
        { _id: 'r7', wallet: 'v', seq: 1, tag: 't7' },
      ]);
      expect(res).toEqual({ inserted: 2, duplicates: [1, 2, 3] });
      expect((await c.find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['r1', 'r3', 'r7']);
    });

    it('guarded updates hold under concurrency: one winner per compare-and-set, quotas never overrun', async () => {
      const c = coll();
      await c.insertOne({ _id: 'cas', seq: 0, sold: 0 });
      const cas = await Promise.all(Array.from({ length: 50 }, () => c.updateOne({ _id: 'cas', seq: 0 }, { $set: { seq: 1 } })));
      expect(cas.filter((r) => r.matched === 1)).toHaveLength(1);
      const quota = await Promise.all(Array.from({ length: 50 }, () => c.updateOne({ _id: 'cas', sold: { $lt: 10 } }, { $inc: { sold: 1 } })));
      expect(quota.filter((r) => r.matched === 1)).toHaveLength(10);
      expect((await c.findOne({ _id: 'cas' }))?.sold).toBe(10);
    });

    it('concurrent inserts of one unique key: exactly one wins', async () => {
      const c = coll();
      await c.ensureIndexes([{ name: 'wallet_seq', keys: { wallet: 1, seq: 1 }, unique: true }]);
      const tries = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => c.insertOne({ _id: `x${i}`, wallet: 'w', seq: 7 })));
      expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
      expect(tries.filter((t) => t.status === 'rejected').every((t) => isDuplicateKey((t as PromiseRejectedResult).reason))).toBe(true);
    });

    it('matches an array field by any of its elements, through an index too', async () => {
      const c = coll();
      await c.ensureIndexes([{ name: 'list', keys: { list: 1 } }]);
      await c.insertMany([{ _id: 'a', list: ['x', 'y'] }, { _id: 'b', list: ['y'] }]);
      expect((await c.find({ list: 'y' }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['a', 'b']);
      expect((await c.find({ list: 'x' })).map((d) => d._id)).toEqual(['a']);
      await c.updateOne({ _id: 'a' }, { $set: { list: ['z'] } });
      expect(await c.find({ list: 'x' })).toEqual([]);
    });

    it('counts one round trip per call', async () => {
      const c = coll();
      const before = store.callCount();
      await c.insertMany([{ _id: 'a' }, { _id: 'b' }]);
      await c.find({});
      expect(store.callCount() - before).toBe(2);
      await store.ping();
    });
  });
}
