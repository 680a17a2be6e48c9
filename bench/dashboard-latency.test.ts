import { afterEach, expect, it } from 'vitest';
import { boot, type BootedNode } from '../test/support/boot.js';
import { command, pairedTerminal, seedFestival } from '../test/support/live.js';
import { signIn, watchDashboard } from './dashboard-latency.js';

let node: BootedNode;
afterEach(() => node?.close());

it('measures, per acked payment, the time until its row reaches a dashboard', async () => {
  node = await boot({ env: { GROUP_COMMIT_MS: '1' } });
  const f = await seedFestival(node, { cards: 1 });
  const terminal = await pairedTerminal(node.url, f.cookie, f.posIds[0]);
  const probe = await watchDashboard(node.url, { cookie: await signIn(node.url, f.email, f.password), collectiveId: f.collectiveId });
  const acks = new Map<string, number>();
  for (let i = 0; i < 5; i++) {
    const txId = `bench-latency-${i}-${Date.now()}`;
    await command(terminal, 'sale', { txId, lines: [{ productId: f.products[0].id, qty: 1 }], payments: [{ method: 'cash', amount: 350 }] });
    acks.set(txId, Date.now());
  }
  acks.set('never-sent-0001', Date.now());
  await new Promise((r) => setTimeout(r, 200));
  const report = probe.report(acks);
  probe.close();
  terminal.close();
  expect(report.latencyMs.count).toBe(5);
  expect(report.missing).toBe(1);
  expect(report.latencyMs.max).toBeLessThan(1_000);
});
