// Applies a terminal's offline journal when it reconnects. Each entry is the JSON text of one sale
// the terminal made offline and its HMAC-SHA256 under the terminal's offline key (issued at
// pairing). Invariants:
// - nothing moves for an entry that is forged or altered (bad MAC, another terminal's entry), comes
//   from a revoked terminal, or is a Pass sale older than the POS's max offline time: it is
//   refused with a code before the sale is attempted;
// - entries are applied in journal order, each exactly once: its txId is the sale's idempotency
//   key, so a replayed entry answers the first result and moves nothing;
// - a transient failure stops the sync there: later entries wait, so the order holds.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock/port.js';
import { AppError, isAppError } from '../shared/errors.js';
import { limits, txIdPattern } from '../shared/limits.js';
import type { CatalogService } from './catalog.js';
import type { SaleAck } from './messages.js';
import { offlinePolicyOf } from './offline-policy.js';
import type { PosService } from './service.js';
import type { TerminalService } from './terminals.js';

/** One journal entry as the terminal sends it. */
export interface SignedEntry {
  body: string;
  mac: string;
}

export type EntryResult = ({ ok: true; txId: string } & SaleAck) | { ok: false; txId?: string; code: string; message: string };

export interface SyncResult {
  results: EntryResult[];
  /** Entries not attempted because an earlier one failed transiently: send them again. */
  pending: number;
}

/** Bounded so one sync fits a terminal command's payload cap (16 kB). */
export const maxEntriesPerSync = 20;
const futureSkewMs = 5 * 60_000;

const entryBody = z.object({
  v: z.literal(1),
  terminalId: z.string().min(1).max(80),
  txId: z.string().regex(txIdPattern),
  seq: z.number().int().min(1),
  at: z.number().int().min(0),
  lines: z
    .array(z.object({ productId: z.string().min(1).max(80), qty: z.number().int().min(1).max(limits.maxQtyPerLine) }).strict())
    .min(1)
    .max(limits.maxSaleLines),
  payments: z
    .array(
      z.discriminatedUnion('method', [
        z.object({ method: z.literal('pass'), cardUid: z.string().regex(/^[0-9A-Fa-f:\s-]{8,40}$/) }).strict(),
        z.object({ method: z.enum(['cash', 'card']), amount: z.number().int().min(0).max(limits.maxAmountCents) }).strict(),
      ]),
    )
    .min(1)
    .max(5),
});

export type OfflineEntryBody = z.infer<typeof entryBody>;

export class OfflineSync {
  constructor(
    private readonly terminals: TerminalService,
    private readonly catalog: CatalogService,
    private readonly pos: PosService,
    private readonly clock: Clock,
  ) {}

  /** Applies `entries` (any order: sorted by journal seq here) for the terminal they were sent by. */
  async apply(terminalId: string, entries: SignedEntry[]): Promise<SyncResult> {
    if (entries.length > maxEntriesPerSync) throw new AppError('INVALID_INPUT', `at most ${maxEntriesPerSync} entries per sync`);
    const terminal = await this.terminals.current(terminalId);
    if (!terminal || terminal.state === 'revoked') throw new AppError('TERMINAL_REVOKED', 'this terminal was revoked: its offline sales are refused');
    if (!terminal.offlineKey) throw new AppError('OFFLINE_NOT_ENABLED', 'this terminal was paired without an offline key: pair it again');
    const policy = offlinePolicyOf(await this.catalog.getPos(terminal.posId));
    const opened = entries.map((e) => this.open(e, terminal._id, terminal.offlineKey!));
    opened.sort((a, b) => (a.body?.seq ?? 0) - (b.body?.seq ?? 0));
    const results: EntryResult[] = [];
    for (let i = 0; i < opened.length; i++) {
      const { body, refusal } = opened[i];
      if (refusal || !body) {
        results.push(refusal!);
        continue;
      }
      const result = await this.applyOne(body, terminal.posId, policy.maxOfflineMs);
      if (!result.ok && isTransient(result.code)) {
        await this.terminals.touch(terminalId, { lastSeenAt: this.clock.now() });
        return { results, pending: opened.length - i };
      }
      results.push(result);
    }
    const now = this.clock.now();
    await this.terminals.touch(terminalId, { lastSeenAt: now, lastSyncAt: now });
    return { results, pending: 0 };
  }

  private open(entry: SignedEntry, terminalId: string, keyHex: string): { body?: OfflineEntryBody; refusal?: EntryResult } {
    const refuse = (code: string, message: string, txId?: string) => ({ refusal: { ok: false as const, txId, code, message } });
    if (typeof entry?.body !== 'string' || typeof entry.mac !== 'string' || !verifyMac(keyHex, entry.body, entry.mac)) {
      return refuse('OFFLINE_FORGED', 'this journal entry is not signed by this terminal', peekTxId(entry?.body));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(entry.body);
    } catch {
      return refuse('INVALID_INPUT', 'a journal entry is JSON');
    }
    const body = entryBody.safeParse(parsed);
    if (!body.success) return refuse('INVALID_INPUT', body.error.issues[0]?.message ?? 'invalid journal entry', peekTxId(entry.body));
    if (body.data.terminalId !== terminalId) return refuse('OFFLINE_FORGED', 'this journal entry belongs to another terminal', body.data.txId);
    if (body.data.at > this.clock.now() + futureSkewMs) return refuse('OFFLINE_FORGED', 'this journal entry is dated in the future', body.data.txId);
    return { body: body.data };
  }

  private async applyOne(body: OfflineEntryBody, posId: string, maxOfflineMs: number): Promise<EntryResult> {
    const paysWithPass = body.payments.some((p) => p.method === 'pass');
    // Cash and bank-card sales are recorded whatever their age: their euros are in the drawer.
    if (paysWithPass && this.clock.now() - body.at > maxOfflineMs) {
      return { ok: false, txId: body.txId, code: 'OFFLINE_EXPIRED', message: 'this offline Pass sale is older than the offline time this POS allows' };
    }
    try {
      // Sent to PosActor 'sale' (core/pos/actor.ts), marked offline.
      const ack = await this.pos.sale(posId, { txId: body.txId, lines: body.lines, payments: body.payments, terminalId: body.terminalId, offline: { at: body.at, seq: body.seq } });
      return { ok: true, txId: body.txId, ...ack };
    } catch (err) {
      if (!isAppError(err)) throw err;
      return { ok: false, txId: body.txId, code: err.code, message: err.message, ...err.details };
    }
  }
}

/** HMAC-SHA256 of the entry's exact text, hex: what the terminal computes with WebCrypto. */
export function signEntry(keyHex: string, body: string): string {
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(body, 'utf8').digest('hex');
}

function verifyMac(keyHex: string, body: string, mac: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(signEntry(keyHex, body), 'hex'), Buffer.from(mac, 'hex'));
}

function isTransient(code: string): boolean {
  return code === 'UNAVAILABLE' || code === 'TIMEOUT' || code === 'OVERLOADED';
}

function peekTxId(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  const m = /"txId"\s*:\s*"([A-Za-z0-9_.:-]{8,80})"/.exec(body);
  return m?.[1];
}
