// The blocklist terminals keep for offline use: blocked cards and cards in debt. A projection:
// the wallet actor writes a card's debt here after the ledger row that changed it (guarded by
// the row's seq, so a late write never undoes a newer one), and announces the change on the bus
// so every node pushes it to its terminals. A terminal that missed a push reads the whole list
// again when it reconnects (`offlineState`), so at-most-once delivery is enough.
import type { Bus } from '../bus/port.js';
import type { Clock } from '../clock/port.js';
import type { Debts } from '../money/debts.js';
import { totalDebt } from '../money/debts.js';
import { isDuplicateKey, type Collection, type Store } from '../store/port.js';
import type { Card } from './cards.js';

export const blocklistChannel = 'offline:blocklist';

export type BlockReason = 'blocked' | 'debt';

/** One change pushed to terminals: `listed` false takes the card off the list. */
export interface BlocklistChange {
  cardUid: string;
  reason: BlockReason;
  listed: boolean;
}

export interface CardDebt {
  _id: string; // the wallet
  cardUids: string[];
  debts: Debts;
  total: number;
  /** The seq of the wallet's ledger row that set this debt. */
  seq: number;
  updatedAt: number;
}

const blocklistLimit = 20_000;

export class Blocklist {
  readonly debts: Collection<CardDebt>;
  private readonly cards: Collection<Card>;

  constructor(
    store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {
    this.debts = store.collection<CardDebt>('card_debts');
    this.cards = store.collection<Card>('cards');
  }

  async start(): Promise<void> {
    await this.debts.ensureIndexes([{ name: 'total', keys: { total: 1 } }]);
  }

  /** Records a wallet's debt as of ledger row `seq`, then tells the terminals. */
  async recordDebt(wallet: string, cardUids: string[], debts: Debts, seq: number): Promise<void> {
    const doc: CardDebt = { _id: wallet, cardUids, debts, total: totalDebt(debts), seq, updatedAt: this.clock.now() };
    const { _id, ...fields } = doc;
    const res = await this.debts.updateOne({ _id, seq: { $lt: seq } }, { $set: fields });
    if (!res.matched) {
      try {
        await this.debts.insertOne(doc);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        return; // a newer row's write is there already
      }
    }
    for (const cardUid of cardUids) await this.announce({ cardUid, reason: 'debt', listed: doc.total > 0 });
  }

  announce(change: BlocklistChange): Promise<void> {
    return this.bus.publish(blocklistChannel, change).catch(() => undefined); // terminals re-read on reconnect
  }

  /** Every card a terminal must refuse offline, with why (bounded). */
  async list(): Promise<Array<{ cardUid: string; reason: BlockReason }>> {
    const blocked = await this.cards.find({ state: 'blocked' }, { limit: blocklistLimit });
    const inDebt = await this.debts.find({ total: { $gt: 0 } }, { limit: blocklistLimit });
    const out = new Map<string, BlockReason>();
    for (const d of inDebt) for (const uid of d.cardUids) out.set(uid, 'debt');
    for (const c of blocked) out.set(c.uid, 'blocked');
    return [...out].map(([cardUid, reason]) => ({ cardUid, reason }));
  }

  /** Cards owing a collective, largest debt first (that collective's admin view). */
  inDebtTo(collectiveId: string, limit = 200): Promise<CardDebt[]> {
    return this.debts.find({ [`debts.${collectiveId}`]: { $gt: 0 } }, { sort: { total: -1 }, limit });
  }
}
