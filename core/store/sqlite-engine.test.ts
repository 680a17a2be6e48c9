// The SQLite engine answers as the memory adapter does, whichever way it takes (SQL alone when
// its clause is exact, SQL order with the matcher, or the matcher alone): random documents of
// every type under indexes, random filters and sorts, compared one by one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { matches } from './matcher.js';
import { createMemoryStore } from './memory.js';
import type { Filter, FindOptions, IndexSpec } from './port.js';
import { SqliteEngine } from './sqlite-engine.js';
import { candidateQuery, sqlOrder } from './sqlite-query.js';

const dir = mkdtempSync(join(tmpdir(), 'pass-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small deterministic generator: the same documents and filters on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, pick };
}

const values = [0, 1, 2, 5, 7, 10, -3, 2.5, 'a', 'b', 'ab', 'z', '1', '', null, true, false, { k: 1 }] as const;

describe('SQLite engine against the memory adapter', () => {
  it.each([
    ['regular fields (numbers, strings, null): SQL answers alone', ['a', 'b', 'c', 'n', 's', 'z'].map((v) => v), false],
    ['fields that also held booleans, objects and arrays: the matcher decides', null, true],
  ] as const)('%s', async (_name, _unused, irregular) => {
    const r = random(irregular ? 7 : 3);
    const value = () => (irregular ? r.pick(values) : r.pick(values.filter((v) => v === null || typeof v === 'number' || typeof v === 'string')));
    const docs = Array.from({ length: 300 }, (_, i) => {
      const doc: Record<string, unknown> = { _id: `d${String(i).padStart(3, '0')}`, n: i % 17, uniq: `u${i}` };
      for (const f of ['a', 'b', 'c']) if (r.next() < 0.85) doc[f] = value();
      if (irregular && r.next() < 0.1) doc.a = [value(), value()];
      doc.p = { q: value() };
      return doc;
    });
    const indexes: IndexSpec[] = [
      { name: 'a_b', keys: { a: 1, b: 1 } },
      { name: 'c', keys: { c: 1 } },
      { name: 'pq', keys: { 'p.q': 1 } },
      { name: 'n', keys: { n: 1 } },
      { name: 'uniq', keys: { uniq: 1 }, unique: true },
    ];
    const memory = createMemoryStore().collection('docs');
    await memory.ensureIndexes(indexes);
    await memory.insertMany(docs as never);
    const db = new Database(join(dir, `e${irregular ? 2 : 1}.sqlite`));
    const engine = new SqliteEngine(db);
    engine.ensureIndexes('docs', indexes);
    engine.insertMany('docs', docs.map((d) => JSON.stringify(d)));

    const scalar = () => {
      const v = value();
      return (typeof v === 'object' && v !== null ? 'k' : v) as never; // filters compare scalars only (port.ts)
    };
    const condition = () => {
      const v = scalar();
      const bound = (r.next() < 0.5 ? r.pick([0, 2, 5, 10]) : r.pick(['a', 'b', ''])) as never;
      return r.pick([v, v, { $gt: bound }, { $gte: bound, $lt: r.pick([7, 'z']) as never }, { $lte: bound }, { $in: [scalar(), scalar()] as never }, { $ne: v }, { $exists: r.next() < 0.5 }, null]);
    };
    const none = { multikey: new Set<string>(), mixed: new Set<string>() };
    let sqlAlone = 0; // queries SQL answers on its own, were the fields regular
    for (let t = 0; t < 400; t++) {
      const filter: Filter = {};
      for (const f of ['a', 'b', 'c', 'n', 'p.q', 'uniq', '_id']) if (r.next() < (f === '_id' || f === 'uniq' ? 0.05 : 0.3)) filter[f] = f === 'uniq' ? `u${Math.floor(r.next() * 300)}` : f === '_id' ? `d${String(Math.floor(r.next() * 300)).padStart(3, '0')}` : condition();
      // MongoDB leaves the order of ties, and of an unsorted result, to the server: compare
      // pages only under a total order (_id last), and unsorted results as sets.
      const sortKey = r.pick(['a', 'n', 'c', '_id', 'p.q', null]);
      const dir = r.pick([1, -1] as const);
      const paged = r.next() < 0.6;
      const options: FindOptions = {
        ...(sortKey ? { sort: sortKey === '_id' ? { _id: dir } : { [sortKey]: dir, _id: r.pick([1, -1] as const) } } : paged ? { sort: { _id: dir } } : {}),
        ...(paged && r.next() < 0.6 ? { skip: Math.floor(r.next() * 20) } : {}),
        ...(paged ? { limit: 1 + Math.floor(r.next() * 30) } : {}),
      };
      if (candidateQuery(filter, indexes, none).exact && sqlOrder(options.sort, indexes, none)) sqlAlone++;
      const expected = await memory.find(filter, options);
      const got = engine.find('docs', filter, options).map((t) => JSON.parse(t)) as Array<{ _id: string }>;
      const byId = (xs: Array<{ _id: string }>) => (options.sort ? xs : [...xs].sort((x, y) => (x._id < y._id ? -1 : 1)));
      expect(byId(got), JSON.stringify({ filter, options })).toStrictEqual(byId(expected));
      expect(engine.count('docs', filter), JSON.stringify(filter)).toBe(await memory.count(filter));
      const one = engine.findOne('docs', filter);
      if (one === null) expect(await memory.findOne(filter), JSON.stringify(filter)).toBeNull();
      else expect(expected.length === 0 && !paged ? null : matches(JSON.parse(one), filter), JSON.stringify(filter)).toBe(true);
    }
    if (!irregular) expect(sqlAlone).toBeGreaterThan(100); // the exact path is well covered
    db.close();
  });
});
