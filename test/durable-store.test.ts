// The embedded store keeps every acknowledged payment through a crash: a money node on a
// SQLite file takes a stream of payments and is killed with SIGKILL in the middle of it; the
// file, opened again, holds every payment that was acknowledged, none that was refused, an
// intact ledger, and a new node on it gives each card the balance the acknowledgements say.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../core/money/ledger-row.js';
import { verifyLedger } from '../core/money/verify.js';
import { createSqliteStore } from '../core/store/sqlite.js';
import { spawnTs, type Child } from './support/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'pass-durable-'));
const path = join(dir, 'pass.sqlite');
const collectiveId = 'col_durable';
const uids = Array.from({ length: 12 }, (_, i) => `04D0AB${String(i).padStart(8, '0')}`);
const topUpCents = 1_000; // drained within the stream: refusals come before the kill

type Outcome = { txId: string; cardUid: string; amount: number; answer: 'ok' | 'refused' | 'unknown' };

async function startNode(): Promise<Child & { url: string }> {
  const child = await spawnTs('test/support/money-process.ts', { SQLITE_PATH: path, REDIS_URL: '', NODE_ID: 'solo', LOG_LEVEL: 'silent' }, /PORT=(\d+)/);
  return { ...child, url: `http://127.0.0.1:${child.match}` };
}

async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  return res.json();
}

describe('SQLite store through a kill -9', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged payment and no refused one; a new process reactivates the right balances', async () => {
    let node = await startNode();
    await post(`${node.url}/setup`, { collectiveId, uids });
    for (const cardUid of uids) expect((await post(`${node.url}/topup`, { txId: randomUUID(), cardUid, amount: topUpCents, collectiveId })).ok).toBe(true);

    // 16 clients pay without pause; the node is killed once 150 payments have been answered.
    const outcomes: Outcome[] = [];
    let answered = 0;
    let killed = false;
    const client = async (c: number) => {
      for (let i = 0; !killed; i++) {
        const o: Outcome = { txId: randomUUID(), cardUid: uids[(c + i) % uids.length], amount: 37 + ((c * 7 + i * 13) % 260), answer: 'unknown' };
        outcomes.push(o);
        try {
          const res = await post(`${node.url}/pay`, { txId: o.txId, cardUid: o.cardUid, amount: o.amount, collectiveId });
          if (res.ok) o.answer = 'ok';
          else if (res.code === 'INSUFFICIENT_FUNDS') o.answer = 'refused';
          if (++answered === 150) {
            killed = true;
            node.process.kill('SIGKILL');
          }
        } catch {
          return; // the node died under this request: its outcome stays unknown
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, c) => client(c)));
    await node.kill('SIGKILL');
    const acked = outcomes.filter((o) => o.answer === 'ok');
    const refused = outcomes.filter((o) => o.answer === 'refused');
    expect(acked.length).toBeGreaterThan(50);
    expect(refused.length).toBeGreaterThan(0); // the cards ran dry: refusals are part of the stream
    expect(outcomes.some((o) => o.answer === 'unknown')).toBe(true); // killed mid-stream, with payments in flight

    // The dead process left its lock behind in the OS only: the file opens at once.
    const store = await createSqliteStore({ path });
    try {
      const report = await verifyLedger(store);
      expect(report.errors).toEqual([]);
      expect(report.ok).toBe(true);
      const rows = await store.collection<LedgerRow>('ledger').find({});
      const written = new Set(rows.map((r) => r.txId));
      for (const o of acked) expect(written.has(o.txId), `acknowledged ${o.txId}`).toBe(true);
      for (const o of refused) expect(written.has(o.txId), `refused ${o.txId}`).toBe(false);
      // What each card must hold: its top-up less every payment the file kept (acknowledged, or
      // cut off by the kill after its row was written).
      const kept = outcomes.filter((o) => written.has(o.txId));
      const expected = new Map(uids.map((u) => [u, topUpCents]));
      for (const o of kept) expected.set(o.cardUid, expected.get(o.cardUid)! - o.amount);
      for (const value of expected.values()) expect(value).toBeGreaterThanOrEqual(0);
      await store.close();

      node = await startNode();
      for (const cardUid of uids) {
        const { value } = await post(`${node.url}/balance`, { cardUid });
        const total = value.balances.reduce((sum: number, b: { amount: number }) => sum + b.amount, 0);
        expect(total, cardUid).toBe(expected.get(cardUid));
      }
      // A terminal resending an acknowledged payment after the crash moves nothing again.
      const again = await post(`${node.url}/pay`, { txId: acked[0].txId, cardUid: acked[0].cardUid, amount: acked[0].amount, collectiveId });
      expect(again.ok).toBe(true);
      const { value } = await post(`${node.url}/balance`, { cardUid: acked[0].cardUid });
      expect(value.balances.reduce((sum: number, b: { amount: number }) => sum + b.amount, 0)).toBe(expected.get(acked[0].cardUid));
    } finally {
      await node.kill('SIGKILL');
      await store.close();
    }
  }, 90_000);
});
