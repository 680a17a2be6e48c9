// The ledger exported for an audit, verifiable offline (`npm run verify-ledger -- --file EXPORT`,
// as `verify-z` does for Z tickets): every row and wallet snapshot as stored, and the head of
// each chain (last seq and hash) with a digest over the heads. The verifier needs no store: it
// re-checks sums, numbering, hash chains, snapshots and the heads, so an edited, removed or
// reordered row, a cut chain or a dropped chain makes it fail. The digest printed at download
// is what an auditor keeps to know later that an export is the one taken that day.
import { canonicalJson, sha256Hex } from '../shared/canonical.js';
import type { Store } from '../store/port.js';
import type { WalletSnapshot } from './ledger.js';
import type { LedgerRow } from './ledger-row.js';
import { verifyLedgerRows, type LedgerReport } from './verify.js';

export const ledgerExportFormat = 'pass-ledger/1';

export interface ChainHead {
  wallet: string;
  seq: number;
  hash: string;
}

export interface LedgerExport {
  format: typeof ledgerExportFormat;
  exportedAt: number;
  rows: LedgerRow[];
  snapshots: WalletSnapshot[];
  heads: ChainHead[];
  /** sha256 of the canonical heads. */
  digest: string;
}

export type ExportReport = Pick<LedgerReport, 'ok' | 'errors' | 'warnings' | 'rows' | 'chains'> & { digest: string | null };

export async function ledgerExport(store: Store, exportedAt: number): Promise<LedgerExport> {
  const rows = await store.collection<LedgerRow>('ledger').find({}, { sort: { wallet: 1, seq: 1 } });
  const snapshots = await store.collection<WalletSnapshot>('wallets').find({}, { sort: { _id: 1 } });
  const heads = headsOf(rows);
  return { format: ledgerExportFormat, exportedAt, rows, snapshots, heads, digest: digestOf(heads) };
}

/** Verifies an export read from a file; never throws on bad input (a malformed file is a failed check). */
export function verifyLedgerExport(data: unknown): ExportReport {
  const fail = (error: string): ExportReport => ({ ok: false, errors: [error], warnings: [], rows: 0, chains: 0, digest: null });
  const e = data as Partial<LedgerExport> | null;
  if (!e || typeof e !== 'object' || e.format !== ledgerExportFormat) return fail(`not a ledger export (format ${ledgerExportFormat} expected)`);
  if (!Array.isArray(e.rows) || !Array.isArray(e.snapshots) || !Array.isArray(e.heads)) return fail('rows, snapshots and heads must be arrays');
  const malformed = e.rows.findIndex((r) => !r || typeof r !== 'object' || typeof r.wallet !== 'string' || typeof r.seq !== 'number' || !Array.isArray(r.legs));
  if (malformed >= 0) return fail(`row at position ${malformed} is malformed`);
  const rows = [...e.rows].sort((a, b) => (a.wallet < b.wallet ? -1 : a.wallet > b.wallet ? 1 : a.seq - b.seq));
  const report = verifyLedgerRows(rows, e.snapshots as WalletSnapshot[]);
  const errors = [...report.errors, ...checkHeads(headsOf(rows), e.heads as ChainHead[])];
  if (digestOf(e.heads as ChainHead[]) !== e.digest) errors.push('the digest does not match the chain heads');
  return { ok: errors.length === 0, errors, warnings: report.warnings, rows: report.rows, chains: report.chains, digest: typeof e.digest === 'string' ? e.digest : null };
}

function headsOf(sortedRows: LedgerRow[]): ChainHead[] {
  const heads = new Map<string, ChainHead>();
  for (const row of sortedRows) heads.set(row.wallet, { wallet: row.wallet, seq: row.seq, hash: row.hash });
  return [...heads.values()];
}

function checkHeads(actual: ChainHead[], declared: ChainHead[]): string[] {
  const errors: string[] = [];
  const byWallet = new Map(actual.map((h) => [h.wallet, h]));
  for (const head of declared) {
    const found = byWallet.get(head?.wallet);
    if (!found) errors.push(`chain ${head?.wallet} is missing from the rows`);
    else if (found.seq !== head.seq || found.hash !== head.hash) errors.push(`chain ${head.wallet} ends at #${found.seq}, its head says #${head.seq}`);
    byWallet.delete(head?.wallet);
  }
  for (const extra of byWallet.keys()) errors.push(`chain ${extra} has no head`);
  return errors;
}

function digestOf(heads: ChainHead[]): string {
  return sha256Hex(canonicalJson(heads));
}
