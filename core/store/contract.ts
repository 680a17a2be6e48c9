// The Store contract: every store feature the project relies on, run against each adapter
// (memory, mongo on the embedded jongodb, mongo on a real MongoDB at MONGO_URL). It is the list
// to check when moving to another database server. Documents per test stay few: jongodb slows
// down past ~1,000 documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDuplicateKey, type Store } from './port.js';
import { storeGuardsContract, type ContractContext, type Row } from './contract-guards.js';

export function storeContract(name: string, makeStore: () => Promise<Store>, cleanup?: () => Promise<void>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let n = 0;
    const ctx: ContractContext = { store: () => store, collection: () => store.collection<Row>(`contract_${++n}_${Date.now()}`) };
    const ids = (rows: Row[]) => rows.map((r) => r._id);

    beforeAll(async () => {
      store = await makeStore();
    }, 30_000);
    afterAll(async () => {
      if (store) {
        await store.dropAll(); // leaves nothing behind on a real MongoDB
        await store.close();
      }
      await cleanup?.();
    });

    it('gives documents back equal to what was inserted, as plain copies', async () => {
      const c = ctx.collection();
      const doc = { _id: 'd', s: 'Ça coûte 3 €', i: -42, big: 2 ** 53 - 1, f: 0.5, t: true, z: null, a: [1, 'x', { k: [] }], o: { p: { q: 'deep' } }, e: {} };
      const sent = structuredClone(doc);
      await c.insertOne(sent);
      expect(sent).toStrictEqual(doc);
      const found = await c.findOne({ _id: 'd' });
      expect(found).toStrictEqual(doc);
      (found!.o as { p: { q: string } }).p.q = 'changed';
      expect(await c.find({})).toStrictEqual([doc]);
    });

    it('filters with $in $nin $ne $gt $gte $lt $lte $exists, equality and dotted paths', async () => {
      const c = ctx.collection();
      await c.insertMany([
        { _id: 'a', n: 1, tag: 'x', day: '2026-07-01', nested: { v: 10, w: 'p' } },
        { _id: 'b', n: 2, tag: 'y', day: '2026-07-02', nested: { v: 20 } },
        { _id: 'c', n: 3, tag: null, day: '2026-07-03' },
        { _id: 'd', n: 4, day: '2026-07-04', nested: { v: 40, w: null } },
      ]);
      const find = async (filter: Parameters<typeof c.find>[0]) => ids(await c.find(filter, { sort: { _id: 1 } }));
      expect(await find({ tag: 'x' })).toEqual(['a']);
      expect(await find({ n: { $in: [2, 4, 9] } })).toEqual(['b', 'd']);
      expect(await find({ n: { $nin: [2, 4] } })).toEqual(['a', 'c']);
      expect(await find({ tag: { $ne: 'x' } })).toEqual(['b', 'c', 'd']);
      expect(await find({ n: { $gt: 2 } })).toEqual(['c', 'd']);
      expect(await find({ n: { $gte: 2, $lt: 4 } })).toEqual(['b', 'c']);
      expect(await find({ n: { $lte: 2 } })).toEqual(['a', 'b']);
      expect(await find({ day: { $gte: '2026-07-02', $lt: '2026-07-04' } })).toEqual(['b', 'c']);
      expect(await find({ tag: null })).toEqual(['c', 'd']); // null matches a null and a missing field
      expect(await find({ tag: { $exists: true } })).toEqual(['a', 'b', 'c']);
      expect(await find({ tag: { $exists: false } })).toEqual(['d']);
      expect(await find({ tag: { $in: [null, 'y'] } })).toEqual(['b', 'c', 'd']);
      expect(await find({ tag: { $nin: [null] } })).toEqual(['a', 'b']);
      expect(await find({ tag: { $ne: null } })).toEqual(['a', 'b']);
      expect(await find({ tag: { $nin: ['x', null] } })).toEqual(['b']);
      expect(await find({ 'nested.v': 20 })).toEqual(['b']);
      expect(await find({ 'nested.v': { $gte: 20 }, n: { $ne: 2 } })).toEqual(['d']);
      expect(await find({ 'nested.w': { $exists: true } })).toEqual(['a', 'd']);
      expect(await find({ 'nested.w': null })).toEqual(['b', 'c', 'd']);
      expect(await c.findOne({ n: { $gt: 3 } })).toMatchObject({ _id: 'd' });
      expect(await c.findOne({ n: 99 })).toBeNull();
      expect(await c.find({ n: 99 })).toEqual([]);
      expect(await c.count({ n: { $gte: 2 } })).toBe(3);
      expect(await c.count({})).toBe(4);
    });

    it('compares ranges within one type, and matches an array by any element', async () => {
      const c = ctx.collection();
      await c.insertMany([
        { _id: 'num', v: 5 },
        { _id: 'str', v: 'abc' },
        { _id: 'bool', v: true },
        { _id: 'nil', v: null },
        { _id: 'none' },
        { _id: 'arr', v: [1, 9], tags: ['x', 'y'] },
      ]);
      const find = async (filter: Parameters<typeof c.find>[0]) => ids(await c.find(filter, { sort: { _id: 1 } }));
      expect(await find({ v: { $gt: 4 } })).toEqual(['arr', 'num']);
      expect(await find({ v: { $lt: 'b' } })).toEqual(['str']);
      expect(await find({ v: 9 })).toEqual(['arr']);
      expect(await find({ tags: { $in: ['y', 'z'] } })).toEqual(['arr']);
      expect(await find({ tags: { $ne: 'x' } })).toEqual(['bool', 'nil', 'none', 'num', 'str']);
    });

    it('sorts on several keys and dotted paths (missing first), then skips and limits', async () => {
      const c = ctx.collection();
      await c.insertMany([
        { _id: 'a', g: 2, at: 30, p: { r: 'b' } },
        { _id: 'b', g: 1, at: 20, p: { r: 'c' } },
        { _id: 'c', g: 2, at: 10, p: { r: 'a' } },
        { _id: 'd', g: 1, at: 40 },
        { _id: 'e', g: 2, at: 50, p: { r: 'd' } },
      ]);
      expect(ids(await c.find({}, { sort: { g: 1, at: -1 } }))).toEqual(['d', 'b', 'e', 'a', 'c']);
      expect(ids(await c.find({}, { sort: { 'p.r': 1 } }))).toEqual(['d', 'c', 'a', 'b', 'e']);
      expect(ids(await c.find({ g: 2 }, { sort: { at: 1 }, skip: 1, limit: 1 }))).toEqual(['a']);
      expect(ids(await c.find({}, { sort: { at: -1 }, limit: 2 }))).toEqual(['e', 'd']);
      expect(ids(await c.find({}, { sort: { at: 1 }, skip: 3 }))).toEqual(['d', 'e']);
      expect(ids(await c.find({}, { sort: { at: 1 }, skip: 1, limit: 10 }))).toEqual(['b', 'a', 'd', 'e']);
    });

    it('updateOne applies $set (dotted) $inc $unset to the first match and reports it', async () => {
      const c = ctx.collection();
      await c.insertMany([
        { _id: 'a', n: 1, tag: 'x', p: { q: 1, r: 2 } },
        { _id: 'b', n: 1, tag: 'x' },
      ]);
      const res = await c.updateOne({ _id: 'a' }, { $set: { 'p.q': 5, label: 'hi' }, $inc: { n: 2, 'stats.count': 1 }, $unset: { tag: 1, 'p.r': '' } });
      expect(res).toEqual({ matched: 1, upserted: false });
      expect(await c.findOne({ _id: 'a' })).toStrictEqual({ _id: 'a', n: 3, p: { q: 5 }, label: 'hi', stats: { count: 1 } });
      expect(await c.updateOne({ _id: 'a' }, { $set: { n: 3 } })).toEqual({ matched: 1, upserted: false });
      expect(await c.updateOne({ _id: 'nope' }, { $set: { n: 3 } })).toEqual({ matched: 0, upserted: false });
      expect(await c.updateOne({ tag: 'x' }, { $inc: { n: -1 } })).toEqual({ matched: 1, upserted: false });
      expect(await c.findOne({ _id: 'b' })).toMatchObject({ n: 0 });
      expect(await c.updateOne({ _id: 'b' }, { $setOnInsert: { tag: 'ignored' } })).toEqual({ matched: 1, upserted: false });
      expect(await c.findOne({ _id: 'b' })).toStrictEqual({ _id: 'b', n: 0, tag: 'x' });
    });

    it('upserts: inserts from the filter equalities, $set and $setOnInsert, then only updates', async () => {
      const c = ctx.collection();
      const first = await c.updateOne({ _id: 'u', 'owner.id': 'o1', n: { $gte: 0 } }, { $set: { state: 'open' }, $setOnInsert: { createdAt: 1 }, $inc: { hits: 1 } }, { upsert: true });
      expect(first).toEqual({ matched: 0, upserted: true });
      expect(await c.findOne({ _id: 'u' })).toStrictEqual({ _id: 'u', owner: { id: 'o1' }, state: 'open', createdAt: 1, hits: 1 });
      const second = await c.updateOne({ _id: 'u' }, { $set: { state: 'closed' }, $setOnInsert: { createdAt: 2 }, $inc: { hits: 1 } }, { upsert: true });
      expect(second).toEqual({ matched: 1, upserted: false });
      expect(await c.findOne({ _id: 'u' })).toStrictEqual({ _id: 'u', owner: { id: 'o1' }, state: 'closed', createdAt: 1, hits: 2 });
    });

    it('refuses an upsert that would insert without an _id, and one whose guard fails on an existing _id (a stale writer)', async () => {
      const c = ctx.collection();
      await expect(c.updateOne({ tag: 'x' }, { $set: { n: 1 } }, { upsert: true })).rejects.toThrow(/_id/);
      await c.insertOne({ _id: 's', seq: 4 });
      expect(await c.updateOne({ seq: 4 }, { $set: { seen: true } }, { upsert: true })).toEqual({ matched: 1, upserted: false }); // no _id needed to update
      await c.updateOne({ _id: 's' }, { $unset: { seen: 1 } });
      await expect(c.updateOne({ _id: 's', seq: 3 }, { $set: { seq: 4 } }, { upsert: true })).rejects.toSatisfy(isDuplicateKey);
      expect(await c.find({})).toStrictEqual([{ _id: 's', seq: 4 }]);
    });

    it('updateMany updates every match; deleteOne removes one match, deleteMany all', async () => {
      const c = ctx.collection();
      await c.insertMany([1, 2, 3, 4].map((i) => ({ _id: `r${i}`, n: i, kind: i % 2 ? 'odd' : 'even' })));
      expect(await c.updateMany({ kind: 'odd' }, { $inc: { n: 10 }, $set: { seen: true } })).toEqual({ matched: 2 });
      expect(await c.updateMany({ kind: 'none' }, { $set: { seen: true } })).toEqual({ matched: 0 });
      expect(ids(await c.find({ seen: true }, { sort: { n: 1 } }))).toEqual(['r1', 'r3']);
      expect((await c.find({ seen: true }, { sort: { n: 1 } })).map((r) => r.n)).toEqual([11, 13]);
      expect(await c.deleteOne({ kind: 'even' })).toEqual({ deleted: 1 });
      expect(await c.count({ kind: 'even' })).toBe(1);
      expect(await c.deleteOne({ kind: 'none' })).toEqual({ deleted: 0 });
      expect(await c.deleteMany({ n: { $gt: 10 } })).toEqual({ deleted: 2 });
      expect(await c.count({})).toBe(1);
    });

    it('counts one call per method call, whatever the batch size', async () => {
      const c = ctx.collection();
      const calls: Array<() => Promise<unknown>> = [
        () => c.ensureIndexes([{ name: 'n', keys: { n: 1 } }]),
        () => c.insertOne({ _id: 'a', n: 1 }),
        () => c.insertMany([{ _id: 'b', n: 2 }, { _id: 'c', n: 3 }, { _id: 'a', n: 4 }]),
        () => c.findOne({ _id: 'a' }),
        () => c.find({ n: { $gt: 0 } }, { sort: { n: 1 } }),
        () => c.count({}),
        () => c.updateOne({ _id: 'a' }, { $inc: { n: 1 } }),
        () => c.updateMany({}, { $set: { x: 1 } }),
        () => c.deleteOne({ _id: 'a' }),
        () => c.deleteMany({}),
      ];
      for (const call of calls) {
        const before = ctx.store().callCount();
        await call();
        expect(ctx.store().callCount() - before).toBe(1);
      }
      await ctx.store().ping();
    });

    it('dropAll empties every collection, including the ones already handed out', async () => {
      const c = ctx.collection();
      await c.insertMany([{ _id: 'a' }, { _id: 'b' }]);
      await ctx.store().dropAll();
      expect(await c.count({})).toBe(0);
      await c.insertOne({ _id: 'a' });
      expect(ids(await c.find({}))).toEqual(['a']);
    });

    storeGuardsContract(ctx);
  });
}
