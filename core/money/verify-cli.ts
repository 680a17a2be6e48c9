// `npm run verify-ledger`: checks the ledger invariants of a running installation's store
// (MONGO_URL) and exits non-zero when one is broken. The embedded store lives inside its
// process: there, operators use GET /api/ops/verify-ledger instead.
import { loadConfig } from '../config/config.js';
import { createMongoStore } from '../store/mongo.js';
import { verifyLedger } from './verify.js';

const config = loadConfig();
if (!config.MONGO_URL) {
  process.stderr.write('verify-ledger reads the ledger at MONGO_URL: set it (an embedded store is only reachable through its node)\n');
  process.exit(2);
}
const store = await createMongoStore({ url: config.MONGO_URL });
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
