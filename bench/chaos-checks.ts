// The invariants a chaos run must keep, checked against the store server (the truth) and what
// the terminals were told (their acks):
// - no accepted command lost: every ok ack has its ledger row (and a sale its sale record);
// - nothing applied twice: one ledger row per txId; a card's balance is exactly its top-ups
//   minus its acked payments, in the ledger and in the live actors;
// - a refused command moved nothing; the only refusal expected is INSUFFICIENT_FUNDS;
// - no negative balance; money conserved per asset; hash chains and snapshots verify;
// - every outbox emptied (each command got a definitive ack after the faults);
// - every definitive ack of one txId identical (duplicates, resends, replays);
// - sale numbers unique and consecutive per point of sale;
// - an offline shortfall is the only way a sale is accepted beyond a balance: online sales take
//   their whole total from the card; an offline one takes total − shortfall, the shortfall is a
//   debt leg, all shortfalls equal the debts booked, and what is still owed equals the booked
//   debts minus what top-ups repaid.
import { canonicalJson } from '../core/shared/canonical.js';
import { verifyLedger } from '../core/money/verify.js';
import type { LedgerRow } from '../core/money/ledger-row.js';
import type { Store } from '../core/store/port.js';
import { transientCodes, type Ack, type CommandRecord } from './chaos-terminal.js';

export interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
}

export interface CheckInput {
  store: Store;
  records: CommandRecord[];
  /** Commands still in some terminal's outbox at the end. */
  unresolved: number;
  uids: string[];
  asset: string;
  initialBalance: number;
  /** Balance per card UID as a live node answered after the run (the actors' memory). */
  liveBalances: Map<string, number | undefined>;
}

const maxExamples = 5;

export async function checkInvariants(input: CheckInput): Promise<Invariant[]> {
  const { store, records } = input;
  const rows = await store.collection<LedgerRow>('ledger').find({});
  const rowsByTx = new Map<string, LedgerRow[]>();
  for (const row of rows) rowsByTx.set(row.txId, [...(rowsByTx.get(row.txId) ?? []), row]);
  const cards = await store.collection<{ _id: string; uid: string; walletId: string }>('cards').find({ uid: { $in: input.uids } });
  const walletOf = new Map(cards.map((c) => [c.uid, c.walletId]));
  const accepted = records.filter((r) => r.final?.ok);
  const refused = records.filter((r) => r.final && !r.final.ok);
  const report = await verifyLedger(store);

  const lost = accepted.filter((r) => !matchesRow(r, rowsByTx.get(r.txId)?.[0], walletOf.get(r.cardUid)));
  // A refusal is kept beside the ledger (its txId keeps its answer), never as a row.
  const kept = new Set((await store.collection('ledger_refusals').find({ _id: { $in: refused.map((r) => r.txId) } })).map((d) => d._id));
  const refusedWritten = refused.filter((r) => rowsByTx.has(r.txId) || !kept.has(r.txId)).map((r) => `${r.txId}${rowsByTx.has(r.txId) ? ' has a row' : ' refusal not kept'}`);
  const twice = [...rowsByTx].filter(([, list]) => list.length > 1).map(([txId]) => txId);
  const unexpected = refused.filter((r) => r.event !== 'sale' || r.final!.code !== 'INSUFFICIENT_FUNDS');
  const wrongBalances = balanceMismatches(input, rows, walletOf, accepted);
  const differing = records.filter((r) => !definitiveAcksAgree(r.acks));
  const negatives = [...report.balances].flatMap(([account, perAsset]) =>
    account.startsWith('card:') ? [...perAsset].filter(([, amount]) => amount < 0).map(([asset, amount]) => `${account} ${asset} ${amount}`) : [],
  );
  const sums = new Map<string, number>();
  for (const perAsset of report.balances.values()) for (const [asset, amount] of perAsset) sums.set(asset, (sums.get(asset) ?? 0) + amount);
  const unbalanced = [...sums].filter(([, sum]) => sum !== 0).map(([asset, sum]) => `${asset} sums to ${sum}`);
  const saleProblems = await saleRecordProblems(store, accepted, refused);
  const debtProblems = offlineDebtProblems(accepted, rowsByTx, report.balances, rows);

  return [
    check('every accepted command has its ledger row', lost.map((r) => r.txId), `${accepted.length} accepted`),
    check('refused commands: no row, refusal kept', refusedWritten, `${refused.length} refused`),
    check('one ledger row per txId', twice, `${rows.length} rows`),
    check('balance = top-ups − acked payments (ledger and live actors)', wrongBalances, `${input.uids.length} cards`),
    check('no negative balance', negatives, `${[...report.balances.keys()].filter((a) => a.startsWith('card:')).length} wallets`),
    check('money conserved per asset', unbalanced, `${sums.size} assets`),
    check('ledger verifies (chains, hashes, snapshots)', report.errors, `${report.chains} chains`),
    check('outboxes empty: every command resolved', input.unresolved ? [`${input.unresolved} commands never got a definitive ack`] : [], `${records.length} commands`),
    check('definitive acks of one txId identical', differing.map((r) => `${r.txId}: ${r.acks.filter(definitive).map((a) => canonicalJson(a)).join(' ≠ ')}`), `${records.filter((r) => r.acks.filter(definitive).length > 1).length} txIds answered twice or more`),
    check('only INSUFFICIENT_FUNDS refuses a command', unexpected.map((r) => `${r.txId}: ${r.final!.code}`), `${refused.length} refusals`),
    check('each acked sale recorded once, numbers consecutive per POS', saleProblems, `${accepted.filter((r) => r.event !== 'topup').length} sales`),
    check('offline shortfall is the only sale beyond a balance, and equals the booked debts', debtProblems, `${accepted.filter((r) => r.event === 'offline').length} offline sales`),
  ];
}

function check(name: string, problems: string[], context: string): Invariant {
  const shown = problems.slice(0, maxExamples).join('; ');
  const more = problems.length > maxExamples ? ` … and ${problems.length - maxExamples} more` : '';
  return { name, ok: problems.length === 0, detail: problems.length ? `${problems.length} violations: ${shown}${more}` : context };
}

/** The row of an accepted command: in the card's chain, of the right kind and amount. */
function matchesRow(record: CommandRecord, row: LedgerRow | undefined, wallet: string | undefined): boolean {
  if (!row || !wallet || row.wallet !== wallet) return false;
  const moved = row.legs.filter((l) => l.from === wallet || l.to === wallet).reduce((s, l) => s + (l.to === wallet ? l.amount : -l.amount), 0);
  if (record.event !== 'topup') return row.kind === 'payment' && moved === -paidByCard(record);
  return row.kind === 'topup' && moved === topUpKept(record);
}

/** What a sale took from the card: all of it online; offline, what the card could cover. */
function paidByCard(record: CommandRecord): number {
  return (record.final!.total as number) - Number(record.final!.shortfall ?? 0);
}

/** What a top-up left on the card: its amount minus what repaid a debt first. */
function topUpKept(record: CommandRecord): number {
  return (record.payload.amount as number) - Number(record.final!.repaid ?? 0);
}

function offlineDebtProblems(accepted: CommandRecord[], rowsByTx: Map<string, LedgerRow[]>, balances: Map<string, Map<string, number>>, rows: LedgerRow[]): string[] {
  const problems: string[] = [];
  const debtLegs = (row: LedgerRow | undefined) => (row?.legs ?? []).filter((l) => l.from.startsWith('debt:')).reduce((s, l) => s + l.amount, 0);
  for (const r of accepted) {
    if (r.event === 'topup') continue;
    const shortfall = Number(r.final!.shortfall ?? 0);
    if (r.event === 'sale' && shortfall) problems.push(`${r.txId}: an online sale was acked with a shortfall`);
    const booked = debtLegs(rowsByTx.get(r.txId)?.[0]);
    if (booked !== shortfall) problems.push(`${r.txId}: shortfall ${shortfall} acked, ${booked} booked as debt`);
  }
  const acked = accepted.reduce((s, r) => s + Number(r.final!.shortfall ?? 0), 0);
  const bookedAll = rows.reduce((s, row) => s + debtLegs(row), 0);
  if (acked !== bookedAll) problems.push(`shortfalls acked ${acked}, debts booked in the ledger ${bookedAll}`);
  const repaid = accepted.filter((r) => r.event === 'topup').reduce((s, r) => s + Number(r.final!.repaid ?? 0), 0);
  let owed = 0;
  for (const [account, perAsset] of balances) if (account.startsWith('debt:')) for (const amount of perAsset.values()) owed -= amount;
  if (owed !== acked - repaid) problems.push(`still owed ${owed}, expected shortfalls ${acked} − repaid ${repaid}`);
  return problems;
}

function balanceMismatches(input: CheckInput, rows: LedgerRow[], walletOf: Map<string, string>, accepted: CommandRecord[]): string[] {
  const expected = new Map(input.uids.map((uid) => [uid, input.initialBalance]));
  for (const r of accepted) {
    const delta = r.event === 'topup' ? topUpKept(r) : -paidByCard(r);
    expected.set(r.cardUid, (expected.get(r.cardUid) ?? 0) + delta);
  }
  const inLedger = new Map<string, number>();
  for (const row of rows) {
    for (const leg of row.legs) {
      if (leg.asset !== input.asset) continue;
      if (leg.to === row.wallet) inLedger.set(row.wallet, (inLedger.get(row.wallet) ?? 0) + leg.amount);
      if (leg.from === row.wallet) inLedger.set(row.wallet, (inLedger.get(row.wallet) ?? 0) - leg.amount);
    }
  }
  const problems: string[] = [];
  for (const [uid, want] of expected) {
    const ledger = inLedger.get(walletOf.get(uid) ?? '') ?? 0;
    const live = input.liveBalances.get(uid);
    if (ledger !== want || live !== want) problems.push(`${uid}: expected ${want}, ledger ${ledger}, live ${live ?? 'no answer'}`);
  }
  return problems;
}

function definitive(ack: Ack): boolean {
  return ack.ok || !transientCodes.has(ack.code ?? '');
}

function definitiveAcksAgree(acks: Ack[]): boolean {
  const answers = new Set(acks.filter(definitive).map((a) => canonicalJson(a)));
  return answers.size <= 1;
}

async function saleRecordProblems(store: Store, accepted: CommandRecord[], refused: CommandRecord[]): Promise<string[]> {
  const sales = await store.collection<{ _id: string; posId: string; number: number }>('sales').find({});
  const byId = new Map(sales.map((s) => [s._id, s]));
  const problems: string[] = [];
  for (const r of accepted.filter((x) => x.event !== 'topup')) {
    const sale = byId.get(r.txId);
    if (!sale) problems.push(`${r.txId}: acked sale has no record`);
    else if (sale.number !== r.final!.number) problems.push(`${r.txId}: acked number ${r.final!.number}, recorded ${sale.number}`);
  }
  for (const r of refused) if (byId.has(r.txId)) problems.push(`${r.txId}: refused sale was recorded`);
  const perPos = new Map<string, number[]>();
  for (const s of sales) {
    if (!perPos.has(s.posId)) perPos.set(s.posId, []);
    perPos.get(s.posId)!.push(s.number);
  }
  for (const [posId, numbers] of perPos) {
    numbers.sort((a, b) => a - b);
    const broken = numbers.findIndex((n, i) => n !== i + 1);
    if (broken >= 0) problems.push(`${posId}: sale number ${numbers[broken]} where ${broken + 1} was expected (${numbers.length} sales)`);
  }
  return problems;
}
