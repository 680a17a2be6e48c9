// Village settlement statements: computed once per (village, period) from the ledger, stored
// immutable in `settlements` (_id `<villageId>:<periodKey>`, so a second run returns the first
// statement), listed per collective, exported as CSV, and paid pair by pair.
// Paying a pair writes one row of the village's `settlement:<villageId>` chain: the tokens each
// side received go back to their issuance (they are redeemed), and the netted euros move from
// the debtor's bank account to the creditor's. Only the `payments` field of a statement ever
// changes after it is written, and a pair is paid at most once (checked in the ledger itself).
import type { Clock } from '../clock/port.js';
import { accounts } from '../money/accounts.js';
import { fiatAsset, localAsset } from '../money/assets.js';
import { Chain } from '../money/chain.js';
import type { Ledger } from '../money/ledger.js';
import { requestHash, type Leg, type LedgerRow } from '../money/ledger-row.js';
import { canonicalJson, sha256Hex } from '../shared/canonical.js';
import { AppError } from '../shared/errors.js';
import { checkTxId } from '../shared/ids.js';
import { isDuplicateKey, type Collection, type Store } from '../store/port.js';
import type { Period } from './periods.js';
import { FlowCounter, totalsByCollective, type CollectiveTotals, type SettlementPair } from './statement.js';

export interface SettlementPayment {
  txId: string;
  rowId: string;
  at: number;
}

export interface SettlementStatement {
  _id: string;
  villageId: string;
  periodKey: string;
  from: number;
  to: number;
  collectiveIds: string[];
  pairs: SettlementPair[];
  totals: Record<string, CollectiveTotals>;
  rowsCounted: number;
  createdAt: number;
  /** sha256 of the computed content: the statement as first written, checkable later. */
  hash: string;
  /** pair index -> its payment; the only field written after creation. */
  payments: Record<string, SettlementPayment>;
}

const pageSize = 5_000;
/** Rows are sealed with the time of their command; a period is settled once it is safely over. */
const settleGraceMs = 60_000;

export class SettlementService {
  readonly statements: Collection<SettlementStatement>;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    store: Store,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
  ) {
    this.statements = store.collection<SettlementStatement>('settlements');
  }

  async start(): Promise<void> {
    // One statement per village and day: small enough to scan by member. (A multikey index on
    // collectiveIds would also mislead the memory store, whose lookups take array values whole.)
    await this.statements.ensureIndexes([{ name: 'period', keys: { from: -1 } }]);
  }

  /** The statement of a village for a period, computed on first call; later calls return it unchanged. */
  async settle(input: { villageId: string; collectiveIds: string[]; period: Period }): Promise<SettlementStatement> {
    const id = `${input.villageId}:${input.period.key}`;
    const existing = await this.statements.findOne({ _id: id });
    if (existing) return existing;
    if (input.period.to > this.clock.now() - settleGraceMs) throw new AppError('INVALID_INPUT', `period ${input.period.key} is not over yet`, { reason: 'PERIOD_NOT_OVER' });
    const collectiveIds = [...new Set(input.collectiveIds)].sort();
    const counter = new FlowCounter(collectiveIds);
    for (const collectiveId of collectiveIds) {
      for (let skip = 0; ; skip += pageSize) {
        const rows = await this.ledger.rows.find({ collectiveId, at: { $gte: input.period.from, $lt: input.period.to } }, { sort: { at: 1, _id: 1 }, skip, limit: pageSize });
        rows.forEach((row) => counter.add(row));
        if (rows.length < pageSize) break;
      }
    }
    const pairs = counter.pairs();
    const content = { villageId: input.villageId, periodKey: input.period.key, from: input.period.from, to: input.period.to, collectiveIds, pairs, totals: totalsByCollective(collectiveIds, pairs), rowsCounted: counter.rows };
    const statement: SettlementStatement = { _id: id, ...content, createdAt: this.clock.now(), hash: sha256Hex(canonicalJson(content)), payments: {} };
    try {
      await this.statements.insertOne(statement);
      return statement;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return (await this.statements.findOne({ _id: id }))!; // another node wrote it first: that one stands
    }
  }

  async get(statementId: string): Promise<SettlementStatement> {
    const found = await this.statements.findOne({ _id: statementId });
    if (!found) throw new AppError('NOT_FOUND', `no settlement statement ${statementId}`);
    return found;
  }

  /** Statements that involve a collective, newest period first. */
  forCollective(collectiveId: string, limit = 100): Promise<SettlementStatement[]> {
    return this.statements.find({ collectiveIds: collectiveId }, { sort: { from: -1 }, limit });
  }

  /**
   * Records that a pair was settled: one ledger row redeeming the tokens both ways and moving the
   * netted euros. Replaying the same txId returns the same payment; another txId for a paid pair
   * is a CONFLICT.
   */
  async markPaid(statementId: string, pairIndex: number, txId: string): Promise<SettlementPayment> {
    const statement = await this.get(statementId);
    const pair = statement.pairs[pairIndex];
    if (!pair || !Number.isInteger(pairIndex)) throw new AppError('NOT_FOUND', `statement ${statementId} has no pair ${pairIndex}`);
    checkTxId(txId);
    const legs = settlementLegs(pair);
    if (!legs.length) throw new AppError('INVALID_INPUT', 'nothing to settle in this pair');
    const wallet = accounts.settlementChain(statement.villageId);
    const row = await this.serialized(wallet, async () => {
      const chain = new Chain(wallet, this.ledger);
      const hash = requestHash({ statementId, pairIndex });
      const committed = await chain.execute(txId, hash, async () => {
        // Evaluated on the chain's current state: a pair paid under another txId is never paid again.
        const earlier = await this.paymentRow(wallet, statementId, pairIndex);
        if (earlier) throw new AppError('CONFLICT', `pair ${pairIndex} of ${statementId} was paid with ${earlier.txId}`, { txId: earlier.txId });
        return {
          txId,
          kind: 'settlement',
          legs,
          collectiveId: pair.debtor ?? pair.a,
          requestHash: hash,
          meta: { villageId: statement.villageId, statementId, pairIndex, periodKey: statement.periodKey },
          result: { statementId, pairIndex, net: pair.net, debtor: pair.debtor, creditor: pair.creditor },
        };
      });
      return committed.row;
    });
    const payment = { txId: row.txId, rowId: row._id, at: row.at };
    await this.statements.updateOne({ _id: statementId, [`payments.${pairIndex}`]: { $exists: false } }, { $set: { [`payments.${pairIndex}`]: payment } });
    return payment;
  }

  private paymentRow(wallet: string, statementId: string, pairIndex: number): Promise<LedgerRow | null> {
    return this.ledger.rows.findOne({ wallet, 'meta.statementId': statementId, 'meta.pairIndex': pairIndex });
  }

  /** One settlement write at a time per chain in this process (other nodes are fenced by the ledger's indexes). */
  private serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(key, next);
    void next.finally(() => this.queues.get(key) === next && this.queues.delete(key)).catch(() => undefined);
    return next;
  }
}

/** Redeems what each side received of the other's currency and pays the net in euros. */
export function settlementLegs(pair: SettlementPair): Leg[] {
  const legs: Leg[] = [];
  const redeem = (issuer: string, holder: string, due: number) => {
    const asset = localAsset(issuer);
    // A negative due (more refunded than spent in the period) gives tokens back to the holder.
    if (due > 0) legs.push({ asset, from: accounts.collective(holder), to: accounts.issuance(asset), amount: due });
    if (due < 0) legs.push({ asset, from: accounts.issuance(asset), to: accounts.collective(holder), amount: -due });
  };
  redeem(pair.a, pair.b, pair.aToB.due);
  redeem(pair.b, pair.a, pair.bToA.due);
  if (pair.net > 0) legs.push({ asset: fiatAsset, from: accounts.collectiveBank(pair.debtor!), to: accounts.collectiveBank(pair.creditor!), amount: pair.net });
  return legs;
}
