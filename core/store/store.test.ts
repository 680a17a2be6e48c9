// The Store contract on every adapter: in-process memory, mongo on the embedded jongodb, and
// mongo on a real MongoDB when MONGO_URL is set (the check to run before trusting a server).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { embeddedMongoStore, type EmbeddedMongoStore } from '../../test/support/mongo.js';
import { storeContract } from './contract.js';
import { createMemoryStore } from './memory.js';
import { createMongoStore } from './mongo.js';
import { createRemoteStore } from './remote.js';
import { createSqliteStore } from './sqlite.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTs, type Child } from '../../test/support/processes.js';

storeContract('memory', async () => createMemoryStore());

// The embedded default: a durable file, the same contract.
let sqliteDir = '';
storeContract(
  'sqlite (a file, WAL, synchronous=FULL)',
  async () => createSqliteStore({ path: join((sqliteDir = mkdtempSync(join(tmpdir(), 'pass-sqlite-'))), 'pass.sqlite') }),
  async () => rmSync(sqliteDir, { recursive: true, force: true }),
);

let embedded: EmbeddedMongoStore | undefined;
storeContract(
  'mongo on the embedded jongodb',
  async () => (embedded = await embeddedMongoStore()).store,
  () => embedded!.stop(),
);

const mongoUrl = process.env.MONGO_URL;
if (mongoUrl) {
  // A fresh database per run; the contract drops its collections at the end.
  storeContract('mongo at MONGO_URL', () => createMongoStore({ url: mongoUrl, dbName: `store_contract_${randomUUID().slice(0, 8)}` }));
} else {
  describe.skip('Store contract: mongo at MONGO_URL (set MONGO_URL=mongodb://... to run it against a real MongoDB)', () => {
    it('runs the whole store contract against a real MongoDB', () => undefined);
  });
}

// Where jongodb departs from MongoDB the contract stays silent; the memory adapter follows MongoDB.
describe('memory store: MongoDB semantics that jongodb lacks', () => {
  it('a null range bound matches null and missing fields with $gte/$lte, nothing with $gt/$lt', async () => {
    const c = createMemoryStore().collection<{ _id: string; v?: number | null }>('c');
    await c.insertMany([{ _id: 'nil', v: null }, { _id: 'none' }, { _id: 'num', v: 1 }]);
    expect((await c.find({ v: { $gte: null } }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['nil', 'none']);
    expect(await c.find({ v: { $gt: null } })).toEqual([]);
  });
});

// The shared in-memory store server of harnesses (bench/store-server.ts, its own process) through
// the remote adapter: what `npm run chaos` runs its app nodes on (STORE=remote).
let storeServer: (Child & { match: string }) | undefined;
storeContract(
  'remote (bench/store-server.ts over TCP)',
  async () => {
    storeServer = await spawnTs('bench/store-server.ts', {}, /STORE_URL=(\S+)/);
    return createRemoteStore({ url: storeServer.match });
  },
  () => storeServer!.kill(),
);
