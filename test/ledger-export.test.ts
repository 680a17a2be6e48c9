// The ledger export verified offline: an operator downloads it over HTTP after festival flows
// (top-ups, sales with one and two cards, a replaced card, a cash-out, a gift), then
// `npm run verify-ledger -- --file` checks it without any store; an edited amount, a removed row,
// a cut chain or a changed digest fail it. A collective admin cannot download it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedgerExport, type LedgerExport } from '../core/money/ledger-export.js';
import { login } from './support/boot.js';
import { bootLaBoutik, type LaBoutikNode } from './support/laboutik.js';

describe('ledger export, verifiable offline', () => {
  let n: LaBoutikNode;
  let operator: string;
  let dir: string;
  let exported: LedgerExport;
  let digestHeader: string | null;

  beforeAll(async () => {
    n = await bootLaBoutik();
    dir = mkdtempSync(join(tmpdir(), 'ledger-export-'));
    await n.core.accounts.create({ role: 'operator', email: 'op@pass.test', password: 'operator-secret' });
    operator = await login(n.url, 'op@pass.test', 'operator-secret');
    const { collectiveId, cards } = n.a;
    const pos = await n.core.catalog.createPos(collectiveId, { name: 'Bar' });
    const beer = await n.core.catalog.createProduct(collectiveId, { name: 'Bière', category: 'B', price: 400, vatRate: 2000 });
    await n.core.catalog.assign(pos._id, beer._id, collectiveId);
    const where = { collectiveId, posId: pos._id };
    await n.core.pass.topUp({ txId: randomUUID(), cardUid: cards[0], asset: 'local', amount: 600, method: 'cash', ...where });
    await n.core.pass.topUp({ txId: randomUUID(), cardUid: cards[1], asset: 'local', amount: 1_000, method: 'card', ...where });
    await n.core.pass.giveGift({ txId: randomUUID(), cardUid: cards[1], amount: 200, ...where });
    await n.core.pos.sale(pos._id, { txId: randomUUID(), lines: [{ productId: beer._id, qty: 2 }], payments: [{ method: 'pass', cardUid: cards[0] }, { method: 'pass', cardUid: cards[1] }] });
    await n.core.pos.sale(pos._id, { txId: randomUUID(), lines: [{ productId: beer._id, qty: 1 }], payments: [{ method: 'cash', amount: 500 }] });
    await n.core.pass.replaceCard({ txId: randomUUID(), oldCardUid: cards[1], newUid: cards[2], newNumber: 'A1-2' });
    await n.core.pass.cashOut({ txId: randomUUID(), cardUid: cards[2], method: 'cash', ...where });

    const res = await fetch(`${n.url}/api/ops/ledger-export`, { headers: { cookie: operator } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="?ledger-\d{4}-\d{2}-\d{2}\.json"?/);
    digestHeader = res.headers.get('x-ledger-digest');
    exported = (await res.json()) as LedgerExport;
  }, 60_000);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await n?.close();
  });

  /** `npm run verify-ledger -- --file FILE`, as an auditor runs it: no store, no configuration. */
  async function runWith(file: string) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/money/verify-cli.ts', '--file', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, output };
  }

  it('an operator downloads the whole ledger; the file verifies offline with its digest', async () => {
    expect(exported.format).toBe('pass-ledger/1');
    expect(exported.rows.length).toBeGreaterThanOrEqual(9);
    expect(digestHeader).toBe(exported.digest);
    const file = join(dir, 'sound.json');
    writeFileSync(file, JSON.stringify(exported));
    const sound = await runWith(file);
    expect(sound.output).toContain('ledger invariants hold');
    expect(sound.output).toContain(`digest ${exported.digest}`);
    expect(sound.code).toBe(0);
  }, 30_000);

  it('a tampered export fails: an edited amount, a removed row, a cut chain, a changed digest', async () => {
    const copy = (): LedgerExport => JSON.parse(JSON.stringify(exported));
    const payment = exported.rows.findIndex((r) => r.kind === 'payment');

    const edited = copy();
    edited.rows[payment].legs[0].amount += 100;
    const brokenAmount = await runWith(writeJson('edited', edited));
    expect(brokenAmount.code).toBe(1);
    expect(brokenAmount.output).toContain(`BROKEN: ${edited.rows[payment].wallet}#${edited.rows[payment].seq}: row hash does not match its content`);

    const removed = copy();
    const wallet = removed.rows[payment].wallet;
    const firstOfChain = removed.rows.findIndex((r) => r.wallet === wallet);
    removed.rows.splice(firstOfChain, 1);
    expect(verifyLedgerExport(removed)).toMatchObject({ ok: false });
    expect(verifyLedgerExport(removed).errors.join('\n')).toContain(`${wallet}: seq`);

    // The last row of a chain dropped: every remaining link is sound, the head says otherwise.
    const cut = copy();
    const chainLengths = new Map<string, number>();
    for (const r of cut.rows) chainLengths.set(r.wallet, r.seq);
    const [longWallet, length] = [...chainLengths].find(([, seq]) => seq >= 2)!;
    cut.rows = cut.rows.filter((r) => !(r.wallet === longWallet && r.seq === length));
    cut.snapshots = cut.snapshots.filter((s) => s._id !== longWallet);
    expect(verifyLedgerExport(cut).errors).toContain(`chain ${longWallet} ends at #${length - 1}, its head says #${length}`);

    const digest = copy();
    digest.digest = '0'.repeat(64);
    const brokenDigest = await runWith(writeJson('digest', digest));
    expect(brokenDigest.code).toBe(1);
    expect(brokenDigest.output).toContain('BROKEN: the digest does not match the chain heads');

    expect(verifyLedgerExport({ format: 'something-else' })).toMatchObject({ ok: false });
    const garbage = await runWith(writeRaw('garbage', '{not json'));
    expect(garbage.code).toBe(2);
  }, 60_000);

  it('a collective admin cannot download the ledger', async () => {
    const res = await fetch(`${n.url}/api/ops/ledger-export`, { headers: { cookie: n.a.cookie } });
    expect(res.status).toBe(403);
    expect((await fetch(`${n.url}/api/ops/ledger-export`)).status).toBe(401);
  });

  function writeJson(name: string, data: unknown): string {
    return writeRaw(name, JSON.stringify(data));
  }
  function writeRaw(name: string, text: string): string {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, text);
    return file;
  }
});
