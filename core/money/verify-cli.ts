// `npm run verify-ledger`: checks the ledger invariants of an installation's store (MongoDB
// at MONGO_URL, else the embedded file DATA_DIR/pass.sqlite, read beside a running Pass) and
// exits non-zero when one is broken. Operators also have GET /api/ops/verify-ledger.
import { loadConfig } from '../config/config.js';
import { openToolStore } from '../runtime/tool-store.js';
import { verifyLedger } from './verify.js';

const { store, where } = await openToolStore(loadConfig()).catch((err) => {
  process.stderr.write(`verify-ledger: ${(err as Error).message}\n`);
  process.exit(2);
});
process.stdout.write(`reading the ledger at ${where}\n`);
try {
  const report = await verifyLedger(store);
  process.stdout.write(`${report.rows} ledger rows in ${report.chains} chains\n`);
  for (const w of report.warnings) process.stdout.write(`warning: ${w}\n`);
  for (const e of report.errors) process.stdout.write(`BROKEN: ${e}\n`);
  process.stdout.write(report.ok ? 'ledger invariants hold\n' : 'LEDGER INVARIANTS BROKEN\n');
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await store.close();
}
