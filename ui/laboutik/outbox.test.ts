import { describe, expect, it } from 'vitest';
import { MemoryStorage, Outbox, OutboxFullError } from './outbox.js';

const sale = (txId: string, amount = 350) => ({ txId, command: 'sale' as const, payload: { txId, lines: [{ productId: 'beer', qty: 1 }], payments: [{ method: 'cash', amount }] }, createdAtMs: 1 });

describe('Outbox', () => {
  it('keeps unconfirmed commands across a reload of the page', () => {
    const storage = new MemoryStorage();
    new Outbox(storage).add(sale('tx-aaaa-1'));
    new Outbox(storage).add(sale('tx-aaaa-2'));
    const reloaded = new Outbox(storage);
    expect(reloaded.list().map((e) => e.txId)).toEqual(['tx-aaaa-1', 'tx-aaaa-2']);
    expect(reloaded.get('tx-aaaa-1')?.payload).toEqual(sale('tx-aaaa-1').payload);
  });

  it('never changes a recorded command: adding its txId again keeps the first payload', () => {
    const outbox = new Outbox(new MemoryStorage());
    outbox.add(sale('tx-same-01', 350));
    outbox.add(sale('tx-same-01', 9999));
    expect(outbox.size).toBe(1);
    expect(outbox.get('tx-same-01')?.payload).toMatchObject({ payments: [{ amount: 350 }] });
  });

  it('forgets a command once its answer is final, and counts attempts meanwhile', () => {
    const outbox = new Outbox(new MemoryStorage());
    outbox.add(sale('tx-count-1'));
    outbox.markAttempt('tx-count-1', 10);
    outbox.markAttempt('tx-count-1', 20);
    expect(outbox.get('tx-count-1')).toMatchObject({ attempts: 2, lastAttemptAtMs: 20 });
    outbox.remove('tx-count-1');
    expect(outbox.list()).toEqual([]);
  });

  it('refuses new money commands once full instead of piling up unconfirmed ones', () => {
    const outbox = new Outbox(new MemoryStorage(), 'k', 2);
    outbox.add(sale('tx-full-01'));
    outbox.add(sale('tx-full-02'));
    expect(() => outbox.add(sale('tx-full-03'))).toThrow(OutboxFullError);
    expect(outbox.size).toBe(2);
  });

  it('refuses an entry whose payload carries another txId', () => {
    const outbox = new Outbox(new MemoryStorage());
    expect(() => outbox.add({ ...sale('tx-one-001'), txId: 'tx-two-002' })).toThrow();
  });

  it('survives a corrupt stored value', () => {
    const storage = new MemoryStorage();
    storage.setItem('laboutik.outbox', '{not json');
    const outbox = new Outbox(storage);
    expect(outbox.list()).toEqual([]);
    outbox.add(sale('tx-after-01'));
    expect(outbox.size).toBe(1);
  });
});
