// The ledger's invariants, checked over the whole store (npm run verify-ledger, and tests after
// every concurrency and fault scenario):
// 1. per asset, the sum over all accounts is zero;
// 2. every chain has seq 1..n with no gap, and its hash chain verifies;
// 3. a row moves no wallet but its own;
// 4. no wallet, cash drawer or transit account is below zero;
// 5. a card's debt account is never above zero (only offline shortfalls make it owe);
// 6. every wallet snapshot equals the sum of its chain's rows up to the snapshot's seq.
// In-flight transfers (a transit account not back to zero) are reported as warnings.
import type { Store } from '../store/port.js';
import { isDebt, isWallet, mustStayPositive } from './accounts.js';
import type { WalletSnapshot } from './ledger.js';
import { genesisHash, rowHash, type LedgerRow } from './ledger-row.js';

export interface LedgerReport {
  ok: boolean;
  errors: string[];
  warnings: string[];
  rows: number;
  chains: number;
  /** balance per account per asset, as the ledger says */
  balances: Map<string, Map<string, number>>;
}

const maxMessages = 50;

export async function verifyLedger(store: Store): Promise<LedgerReport> {
  const rows = await store.collection<LedgerRow>('ledger').find({}, { sort: { wallet: 1, seq: 1 } });
  const snapshots = await store.collection<WalletSnapshot>('wallets').find({});
  return verifyLedgerRows(rows, snapshots);
}

/** The same checks over rows and snapshots already read (a store, or an export file: ledger-export.ts). Rows sorted by wallet then seq. */
export function verifyLedgerRows(rows: LedgerRow[], snapshots: WalletSnapshot[]): LedgerReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const balances = new Map<string, Map<string, number>>();
  const chains = new Map<string, LedgerRow[]>();

  for (const row of rows) {
    let chain = chains.get(row.wallet);
    if (!chain) chains.set(row.wallet, (chain = []));
    chain.push(row);
    for (const leg of row.legs) {
      if (!Number.isSafeInteger(leg.amount) || leg.amount <= 0) errors.push(`${row._id}: leg amount ${leg.amount} is not a positive integer`);
      for (const account of [leg.from, leg.to]) {
        if (isWallet(account) && account !== row.wallet) errors.push(`${row._id}: moves wallet ${account} outside its chain`);
      }
      add(balances, leg.from, leg.asset, -leg.amount);
      add(balances, leg.to, leg.asset, leg.amount);
    }
  }

  for (const [wallet, chain] of chains) errors.push(...checkChain(wallet, chain));
  errors.push(...checkSums(balances));
  for (const [account, perAsset] of balances) {
    for (const [asset, amount] of perAsset) {
      if (amount < 0 && mustStayPositive(account)) errors.push(`${account} holds ${amount} of ${asset}`);
      if (amount > 0 && isDebt(account)) errors.push(`${account} is above zero (${amount} of ${asset}): a debt repaid more than owed`);
      if (amount !== 0 && account.startsWith('transit:')) warnings.push(`transfer in flight: ${account} holds ${amount} of ${asset}`);
    }
  }
  for (const snap of snapshots) errors.push(...checkSnapshot(snap, chains.get(snap._id) ?? []));

  return { ok: errors.length === 0, errors: errors.slice(0, maxMessages), warnings: warnings.slice(0, maxMessages), rows: rows.length, chains: chains.size, balances };
}

function checkChain(wallet: string, chain: LedgerRow[]): string[] {
  const errors: string[] = [];
  let prev = genesisHash;
  chain.forEach((row, i) => {
    if (row.seq !== i + 1) errors.push(`${wallet}: seq ${row.seq} where ${i + 1} was expected`);
    if (row.prevHash !== prev) errors.push(`${wallet}#${row.seq}: previous hash does not match`);
    if (rowHash(row) !== row.hash) errors.push(`${wallet}#${row.seq}: row hash does not match its content`);
    prev = row.hash;
  });
  return errors;
}

function checkSums(balances: Map<string, Map<string, number>>): string[] {
  const sums = new Map<string, number>();
  for (const perAsset of balances.values()) for (const [asset, amount] of perAsset) sums.set(asset, (sums.get(asset) ?? 0) + amount);
  return [...sums].filter(([, sum]) => sum !== 0).map(([asset, sum]) => `asset ${asset} sums to ${sum}, not 0`);
}

function checkSnapshot(snap: WalletSnapshot, chain: LedgerRow[]): string[] {
  const expected = new Map<string, number>();
  for (const row of chain) {
    if (row.seq > snap.seq) break;
    for (const leg of row.legs) {
      if (leg.to === snap._id) expected.set(leg.asset, (expected.get(leg.asset) ?? 0) + leg.amount);
      if (leg.from === snap._id) expected.set(leg.asset, (expected.get(leg.asset) ?? 0) - leg.amount);
    }
  }
  const assets = new Set([...expected.keys(), ...Object.keys(snap.balances)]);
  const wrong = [...assets].filter((a) => (expected.get(a) ?? 0) !== (snap.balances[a] ?? 0));
  const hashRow = chain[snap.seq - 1];
  const errors = wrong.map((a) => `snapshot of ${snap._id} says ${snap.balances[a] ?? 0} of ${a}, rows say ${expected.get(a) ?? 0}`);
  if (snap.seq > 0 && hashRow?.hash !== snap.hash) errors.push(`snapshot of ${snap._id} at seq ${snap.seq} does not match the chain`);
  return errors;
}

function add(balances: Map<string, Map<string, number>>, account: string, asset: string, delta: number): void {
  let perAsset = balances.get(account);
  if (!perAsset) balances.set(account, (perAsset = new Map()));
  perAsset.set(asset, (perAsset.get(asset) ?? 0) + delta);
}
