import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJongodb, type JongodbServer } from '../store/jongodb.js';
import { createMongoStore } from '../store/mongo.js';
import { spawnTs } from '../../test/support/processes.js';
import { moneyNode, seedCards } from '../../test/support/money.js';
import type { Store } from '../store/port.js';
import type { LedgerRow } from './ledger-row.js';

describe('npm run verify-ledger', () => {
  let server: JongodbServer;
  let store: Store;
  let url: string;
  beforeAll(async () => {
    server = await startJongodb();
    url = server.uri.replace(/\/[^/?]*(\?.*)?$/, '/verify_cli$1');
    store = await createMongoStore({ url });
  }, 30_000);
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  async function runCli() {
    const child = await spawnTs('core/money/verify-cli.ts', { MONGO_URL: url, LOG_LEVEL: 'silent' }, /(ledger invariants hold|LEDGER INVARIANTS BROKEN)/);
    const code = await new Promise<number | null>((resolve) => (child.process.exitCode !== null ? resolve(child.process.exitCode) : child.process.once('exit', resolve)));
    return { code, output: child.output() };
  }

  it('passes on a sound ledger and fails, naming the row, once a row is altered', async () => {
    const node = await moneyNode(store, { groupCommitMs: 1 });
    const [uid] = await seedCards(node, 'c1', 1);
    await node.pass.topUp({ txId: randomUUID(), cardUid: uid, asset: 'local', amount: 900, method: 'cash', collectiveId: 'c1', posId: 'p' });
    await node.pass.pay({ txId: randomUUID(), cardUid: uid, amount: 400, collectiveId: 'c1' });
    await node.stop();
    const sound = await runCli();
    expect(sound).toMatchObject({ code: 0 });
    expect(sound.output).toContain('ledger invariants hold');
    const rows = store.collection<LedgerRow>('ledger');
    const [row] = await rows.find({ kind: 'payment' });
    await rows.updateOne({ _id: row._id }, { $set: { legs: row.legs.map((l, i) => (i === 0 ? { ...l, amount: 40 } : l)) } });
    const broken = await runCli();
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`BROKEN: ${row.wallet}#${row.seq}: row hash does not match its content`);
  }, 60_000);
});
