import { describe, expect, it } from 'vitest';
import { MoneyCommands, type CommandTransport } from '../money-commands.js';
import { MemoryStorage, Outbox } from '../outbox.js';
import type { SaleContext } from '../sale-screen.js';
import { hmacSha256Hex } from './hmac.js';
import type { JournalEntry } from './journal.js';
import { OfflineDesk, type JournalStore } from './offline-desk.js';

const key = 'ab'.repeat(32);
const policy = { maxSaleCents: 2000, maxPerCardCents: 4000, maxTotalCents: 50000, maxOfflineMs: 3_600_000 };
const card = '04A1B2C3';

/** A server that answers the state and balance queries, but never a sale (or nothing at all). */
function slowServer(answerSales: boolean): CommandTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    connected: true,
    sent,
    async request<T>(event: string, payload: unknown, timeoutMs: number): Promise<T> {
      sent.push(event);
      if (event === 'offlineState') return { ok: true, policy, blocklist: [{ cardUid: '04DEAD00', reason: 'debt' }], serverTime: Date.now() } as T;
      if (event === 'sale' && answerSales) return { ok: true, saleId: (payload as { txId: string }).txId, number: 1, total: 450, change: 0, legs: [] } as T;
      if (event === 'offlineSync')
        return {
          ok: true,
          pending: 0,
          results: (payload as { entries: Array<{ body: string }> }).entries.map((e) => ({ ok: true, txId: JSON.parse(e.body).txId, number: 7, total: 450 })),
        } as T;
      await new Promise((r) => setTimeout(r, timeoutMs));
      throw Object.assign(new Error('timeout'), { name: 'TimeoutError' });
    },
  };
}

function memoryJournal(): JournalStore & { entries: JournalEntry[] } {
  const entries: JournalEntry[] = [];
  return {
    entries,
    async append(build) {
      const entry: JournalEntry = { ...build(entries.length + 1), seq: entries.length + 1, status: 'unsynced' };
      entries.push(entry);
      return entry;
    },
    async list() {
      return [...entries];
    },
    async update(txId, patch) {
      Object.assign(
        entries.find((e) => e.txId === txId)!,
        patch,
      );
    },
  };
}

const context = (total: number): SaleContext => ({ total, change: 0, lines: [{ name: 'Bière', qty: 1 }], methods: ['pass'], payments: [{ method: 'pass', cardUid: card }] });

async function desk(answerSales: boolean) {
  const server = slowServer(answerSales);
  const storage = new MemoryStorage();
  const journal = memoryJournal();
  const d = new OfflineDesk(server, journal, storage, { terminalId: 'term_1', offlineKey: key }, () => 'c1', { decisionMs: 50 });
  await d.start();
  await d.refreshState();
  d.noteBalances(card, [{ asset: 'local:c1', name: 'Local', kind: 'local', amount: 1000 }]);
  const commands = new MoneyCommands(server, new Outbox(storage, 'outbox'), { timeoutMs: 5_000 });
  return { d, journal, commands, server };
}

describe('the offline desk of a terminal', () => {
  it('sells online when the server answers in time', async () => {
    const { d, journal, commands } = await desk(true);
    const sold = await d.sell(commands, { txId: 'tx-online-1', lines: [{ productId: 'p', qty: 1 }], payments: [{ method: 'pass', cardUid: card }] }, context(450));
    expect(sold.kind).toBe('online');
    expect(journal.entries).toEqual([]);
  });

  it('decides alone when the server does not answer within the short time: signed journal entry, out of the outbox, synced once', async () => {
    const { d, journal, commands, server } = await desk(false);
    const payload = { txId: 'tx-slow-0001', lines: [{ productId: 'p', qty: 1 }], payments: [{ method: 'pass' as const, cardUid: card }] };
    const sold = await d.sell(commands, payload, context(450));
    expect(sold).toMatchObject({ kind: 'offline', entry: { seq: 1, pass: 450, cardUid: card } });
    const entry = journal.entries[0];
    expect(entry.mac).toBe(hmacSha256Hex(key, entry.body));
    expect(JSON.parse(entry.body)).toMatchObject({ v: 1, terminalId: 'term_1', txId: payload.txId, seq: 1, lines: payload.lines, payments: payload.payments });
    expect(commands.outbox.size).toBe(0); // the journal carries it now
    await d.sync(); // the desk already started it: the socket is up, only the server is slow
    expect(journal.entries[0]).toMatchObject({ status: 'synced', number: 7 });
    expect(server.sent.filter((e) => e === 'offlineSync')).toHaveLength(1);
  });

  it('refuses alone with why: a card in debt from the pushed blocklist, above the known balance', async () => {
    const { d, commands } = await desk(false);
    const debtor = await d.sell(
      commands,
      { txId: 'tx-debtor-01', lines: [{ productId: 'p', qty: 1 }], payments: [{ method: 'pass', cardUid: '04DEAD00' }] },
      { ...context(450), payments: [{ method: 'pass', cardUid: '04DEAD00' }] },
    );
    expect(debtor).toMatchObject({ kind: 'refused', failure: { code: 'CARD_IN_DEBT' } });
    const big = await d.sell(commands, { txId: 'tx-toomuch-1', lines: [{ productId: 'p', qty: 3 }], payments: [{ method: 'pass', cardUid: card }] }, context(1500));
    expect(big).toMatchObject({ kind: 'refused', failure: { code: 'INSUFFICIENT_FUNDS', missing: 500 } });
    expect(commands.outbox.size).toBe(0);
  });
});
