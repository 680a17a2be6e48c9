// The embedded data file's tools, run as an operator runs them: `npm run backup` while Pass
// takes payments, `npm run verify-ledger` beside it, and `npm run store:copy` to MongoDB (the
// embedded jongodb here), run again, after a change, and after an interrupted copy.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../core/money/ledger-row.js';
import { verifyLedger } from '../core/money/verify.js';
import { canonicalJson } from '../core/shared/canonical.js';
import { startJongodb, type JongodbServer } from '../core/store/jongodb.js';
import { createMongoStore } from '../core/store/mongo.js';
import { checkpointCollection } from '../core/store/copy.js';
import { createSqliteStore } from '../core/store/sqlite.js';
import { bareEnv, runEntry } from './support/entry-process.js';
import { spawnTs, type Child } from './support/processes.js';

const root = mkdtempSync(join(tmpdir(), 'pass-tools-'));
const dataDir = join(root, 'data');
const path = join(dataDir, 'pass.sqlite');
const collectiveId = 'col_tools';
const uids = Array.from({ length: 6 }, (_, i) => `04C0FFEE${String(i).padStart(6, '0')}`);

async function runTool(script: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; out: string }> {
  const run = runEntry(script, { ...bareEnv, LOG_LEVEL: 'silent', ...env }, args);
  const code = await run.exited;
  return { code, out: run.output() };
}

async function startNode(sqlitePath: string): Promise<Child & { url: string }> {
  const child = await spawnTs('test/support/money-process.ts', { SQLITE_PATH: sqlitePath, REDIS_URL: '', NODE_ID: 'solo', LOG_LEVEL: 'silent' }, /PORT=(\d+)/);
  return { ...child, url: `http://127.0.0.1:${child.match}` };
}

const post = async (url: string, body: unknown) => (await fetch(url, { method: 'POST', body: JSON.stringify(body) })).json();

describe('embedded data file tools', () => {
  let node: Child & { url: string };
  beforeAll(async () => {
    mkdirSync(dataDir, { recursive: true });
    node = await startNode(path);
    await post(`${node.url}/setup`, { collectiveId, uids });
    for (const cardUid of uids) await post(`${node.url}/topup`, { txId: randomUUID(), cardUid, amount: 5_000, collectiveId });
  }, 30_000);
  afterAll(async () => {
    await node?.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('backs up while payments go on, the copy verifies and restores, and a backup never overwrites a file', async () => {
    let paying = true;
    const payments = (async () => {
      for (let i = 0; paying; i++) await post(`${node.url}/pay`, { txId: randomUUID(), cardUid: uids[i % uids.length], amount: 10 + (i % 40), collectiveId });
    })();
    await new Promise((r) => setTimeout(r, 300));
    const target = join(root, 'backup-1.sqlite');
    const backup = await runTool('core/store/backup-cli.ts', { DATA_DIR: dataDir }, [target]);
    await new Promise((r) => setTimeout(r, 200));
    paying = false;
    await payments;
    expect(backup.out).toMatch(/^backup of .+pass\.sqlite written to .+backup-1\.sqlite: \d+ documents, [\d.]+ MB, integrity ok$/m);
    expect(backup.code).toBe(0);

    const before = readFileSync(target);
    const again = await runTool('core/store/backup-cli.ts', { DATA_DIR: dataDir }, [target]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/exists already/);
    expect(readFileSync(target).equals(before)).toBe(true);

    // Restore as the README says: the copy in place of pass.sqlite in a stopped installation.
    const restored = join(root, 'restored');
    mkdirSync(restored);
    copyFileSync(target, join(restored, 'pass.sqlite'));
    const store = await createSqliteStore({ path: join(restored, 'pass.sqlite') });
    try {
      const report = await verifyLedger(store);
      expect(report.errors).toEqual([]);
      const rows = await store.collection<LedgerRow>('ledger').count({ kind: 'payment' });
      expect(rows).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    const live = await runTool('core/money/verify-cli.ts', { DATA_DIR: dataDir });
    expect(live.out).toContain(`reading the ledger at ${path}`);
    expect(live.out).toContain('ledger invariants hold');
    expect(live.code).toBe(0);
  }, 60_000);

  describe('store:copy to MongoDB', () => {
    let mongo: JongodbServer;
    let url: string;
    beforeAll(async () => {
      await node.kill('SIGTERM'); // copied with Pass stopped, as the README says
      mongo = await startJongodb();
      url = mongo.uri.replace(/\/[^/?]*(\?.*)?$/, '/copied$1');
    }, 30_000);
    afterAll(() => mongo?.stop());

    async function sameAsSource(): Promise<void> {
      const source = await createSqliteStore({ path, mode: 'reader' });
      const target = await createMongoStore({ url });
      try {
        for (const name of await source.collectionNames()) {
          const mine = (await source.collection(name).find({}, { sort: { _id: 1 } })).map(canonicalJson);
          const theirs = (await target.collection(name).find({}, { sort: { _id: 1 } })).map(canonicalJson);
          expect(theirs, name).toEqual(mine);
        }
      } finally {
        await source.close();
        await target.close();
      }
    }

    it('copies every collection and verifies the ledger there; run again it changes nothing; it takes a changed source and resumes a cut copy', async () => {
      const first = await runTool('core/runtime/store-copy-cli.ts', { DATA_DIR: dataDir }, ['--to', url]);
      expect(first.out).toMatch(/^ {2}ledger +\d+ copied, 0 replaced, 0 already there$/m);
      expect(first.out).toMatch(/target ledger: \d+ rows in \d+ chains, invariants hold/);
      expect(first.out).toContain('copy complete and verified');
      expect(first.code).toBe(0);
      await sameAsSource();

      const second = await runTool('core/runtime/store-copy-cli.ts', { DATA_DIR: dataDir }, ['--to', url]);
      expect(second.code).toBe(0);
      expect(second.out).toMatch(/^ {2}ledger +0 copied, 0 replaced, 0 already there$/m);

      // The source changed after the copy (a card renamed): --from-start brings it over.
      const owner = await createSqliteStore({ path });
      const [card] = await owner.collection<{ _id: string; number: string }>('cards').find({}, { limit: 1 });
      await owner.collection('cards').updateOne({ _id: card._id }, { $set: { number: 'RENAMED-1' } });
      await owner.close();
      const changed = await runTool('core/runtime/store-copy-cli.ts', { DATA_DIR: dataDir }, ['--to', url, '--from-start']);
      expect(changed.code).toBe(0);
      expect(changed.out).toMatch(/^ {2}cards +0 copied, 1 replaced, \d+ already there$/m);
      await sameAsSource();

      // A copy cut short: rows missing on the target and its checkpoint behind.
      const target = await createMongoStore({ url });
      const rows = await target.collection<LedgerRow>('ledger').find({}, { sort: { _id: 1 } });
      const cut = rows.slice(Math.floor(rows.length / 2));
      for (const r of cut) await target.collection('ledger').deleteOne({ _id: r._id });
      await target.collection(checkpointCollection).updateOne({ _id: 'ledger' }, { $set: { lastId: rows[Math.floor(rows.length / 2) - 1]._id } });
      await target.close();
      const resumed = await runTool('core/runtime/store-copy-cli.ts', { DATA_DIR: dataDir }, ['--to', url]);
      expect(resumed.code).toBe(0);
      expect(resumed.out).toMatch(new RegExp(`^ {2}ledger +${cut.length} copied, 0 replaced, 0 already there$`, 'm'));
      await sameAsSource();
      expect(existsSync(path)).toBe(true);
    }, 120_000);
  });
});
