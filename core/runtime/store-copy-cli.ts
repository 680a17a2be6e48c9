// `npm run store:copy -- --to mongodb://host/db?replicaSet=rs0 [--from-start]`: moves an
// embedded installation (DATA_DIR/pass.sqlite) to MongoDB, then checks the target: every
// collection has the source's documents, and the ledger's invariants hold there. Run it with
// Pass stopped; run it again after an interruption (it resumes) or to check (it changes
// nothing when the target is equal). Exit 0 when copied and verified, 1 otherwise, 2 on usage.
import { parseArgs } from 'node:util';
import { loadConfig, sqlitePathOf } from '../config/config.js';
import { verifyLedger } from '../money/verify.js';
import { checkpointCollection, copyStore, sourceCounts } from '../store/copy.js';
import { createMongoStore } from '../store/mongo.js';
import { SqliteEngine } from '../store/sqlite-engine.js';
import { openSqliteFile } from '../store/sqlite-file.js';

const usage = 'usage: npm run store:copy -- --to mongodb://HOST/DB[?replicaSet=rs0] [--from-start]\n';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { to: { type: 'string' }, 'from-start': { type: 'boolean', default: false } } }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (!args.to || !/^mongodb(\+srv)?:\/\//.test(args.to)) {
    process.stderr.write(usage);
    return 2;
  }
  const path = sqlitePathOf(loadConfig());
  const file = openSqliteFile({ path, mode: 'reader' });
  const target = await createMongoStore({ url: args.to });
  try {
    const source = new SqliteEngine(file.db);
    process.stdout.write(`copying ${path} to ${args.to.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}\n`);
    const report = await copyStore(source, target, { fromStart: args['from-start'] });
    for (const p of report) process.stdout.write(`  ${p.collection.padEnd(28)} ${p.copied} copied, ${p.replaced} replaced, ${p.unchanged} already there\n`);
    let ok = true;
    for (const [name, count] of Object.entries(sourceCounts(source))) {
      const there = await target.collection(name).count({});
      if (there !== count) {
        ok = false;
        process.stdout.write(`MISMATCH: ${name} has ${count} documents here and ${there} on the target\n`);
      }
    }
    const ledger = await verifyLedger(target);
    for (const e of ledger.errors) process.stdout.write(`BROKEN: ${e}\n`);
    process.stdout.write(`target ledger: ${ledger.rows} rows in ${ledger.chains} chains, ${ledger.ok ? 'invariants hold' : 'INVARIANTS BROKEN'}\n`);
    ok &&= ledger.ok;
    process.stdout.write(ok ? `copy complete and verified (checkpoints kept in ${checkpointCollection})\n` : 'COPY NOT VERIFIED\n');
    return ok ? 0 : 1;
  } finally {
    file.close();
    await target.close();
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`store:copy failed: ${(err as Error).message}\n`);
  return 1;
});
