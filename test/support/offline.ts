// Builds offline journal entries as a terminal does: the sale's JSON text and its HMAC-SHA256
// under the terminal's offline key (test side of core/pos/offline-sync.ts).
import { randomUUID } from 'node:crypto';
import { signEntry, type SignedEntry } from '../../core/pos/offline-sync.js';

export interface EntryInput {
  terminalId: string;
  seq: number;
  lines: Array<{ productId: string; qty: number }>;
  payments: Array<{ method: 'pass'; cardUid: string } | { method: 'cash' | 'card'; amount: number }>;
  txId?: string;
  at?: number;
}

export function offlineEntry(offlineKey: string, input: EntryInput): SignedEntry & { txId: string } {
  const txId = input.txId ?? randomUUID();
  const body = JSON.stringify({ v: 1, terminalId: input.terminalId, txId, seq: input.seq, at: input.at ?? Date.now(), lines: input.lines, payments: input.payments });
  return { body, mac: signEntry(offlineKey, body), txId };
}
