// `npm run verify-ledger`: checks the ledger invariants of an installation's store (MongoDB
// at MONGO_URL, else the embedded file DATA_DIR/pass.sqlite, read beside a running Pass) and
// exits non-zero when one is broken. Operators also have GET /api/ops/verify-ledger.
// `npm run verify-ledger -- --file EXPORT`: the same checks offline, on an export downloaded from
// GET /api/ops/ledger-export (ledger-export.ts), without any store. Exit 0 sound, 1 broken or
// tampered, 2 on usage errors.
import { readFileSync } from 'node:fs';
import { verifyLedgerExport } from './ledger-export.js';

const args = process.argv.slice(2);
const fileAt = args.indexOf('--file');
process.exitCode = fileAt >= 0 ? verifyFile(args[fileAt + 1]) : await verifyStore();

function verifyFile(file: string | undefined): number {
  if (!file) {
    process.stderr.write('usage: npm run verify-ledger -- --file <ledger-export.json>\n');
    return 2;
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    process.stderr.write(`cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  const report = verifyLedgerExport(data);
  return print(report, report.digest ? `digest ${report.digest}\n` : '');
}

async function verifyStore(): Promise<number> {
  // Loaded only here: checking a file needs neither configuration nor a database driver.
  const [{ loadConfig }, { openToolStore }, { verifyLedger }] = await Promise.all([import('../config/config.js'), import('../runtime/tool-store.js'), import('./verify.js')]);
  let opened: Awaited<ReturnType<typeof openToolStore>>;
  try {
    opened = await openToolStore(loadConfig());
  } catch (err) {
    process.stderr.write(`verify-ledger: ${(err as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`reading the ledger at ${opened.where}\n`);
  try {
    return print(await verifyLedger(opened.store), '');
  } finally {
    await opened.store.close();
  }
}

function print(report: { ok: boolean; errors: string[]; warnings: string[]; rows: number; chains: number }, extra: string): number {
  process.stdout.write(`${report.rows} ledger rows in ${report.chains} chains\n${extra}`);
  for (const w of report.warnings) process.stdout.write(`warning: ${w}\n`);
  for (const e of report.errors) process.stdout.write(`BROKEN: ${e}\n`);
  process.stdout.write(report.ok ? 'ledger invariants hold\n' : 'LEDGER INVARIANTS BROKEN\n');
  return report.ok ? 0 : 1;
}
