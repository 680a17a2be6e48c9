// `mail_log`: one document per mail that must go out at most once (key `ticket:<ticketId>`...).
// Sending is claimed first (a lease with an expiry, compare-and-set in the store) so that two
// runs of the same job never send together; `sentAt` is written once the SMTP server accepted
// the message and is checked before any send. The only window left is a crash between the
// server's acceptance and that write: then the mail may go twice, never zero times.
import type { Clock } from '../../core/clock/port.js';
import { isDuplicateKey, type Collection, type Store } from '../../core/store/port.js';
import { AppError } from '../../core/shared/errors.js';

export interface MailLogDoc {
  _id: string;
  kind: string;
  to: string;
  claimedUntil: number;
  attempts: number;
  sentAt?: number;
  messageId?: string;
}

export type Claim = { state: 'claimed' } | { state: 'sent'; sentAt: number };

const claimTtlMs = 2 * 60_000;

export class MailLog {
  readonly collection: Collection<MailLogDoc>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.collection = store.collection<MailLogDoc>('mail_log');
  }

  /** 'sent' when it already went out; 'claimed' when this run may send; throws CONFLICT when another run is sending. */
  async claim(key: string, kind: string, to: string): Promise<Claim> {
    const now = this.clock.now();
    const existing = await this.collection.findOne({ _id: key });
    if (existing?.sentAt) return { state: 'sent', sentAt: existing.sentAt };
    if (!existing) {
      try {
        await this.collection.insertOne({ _id: key, kind, to, claimedUntil: now + claimTtlMs, attempts: 1 });
        return { state: 'claimed' };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        return this.claimTaken(key);
      }
    }
    const res = await this.collection.updateOne(
      { _id: key, sentAt: { $exists: false }, claimedUntil: { $lte: now } },
      { $set: { claimedUntil: now + claimTtlMs }, $inc: { attempts: 1 } },
    );
    return res.matched ? { state: 'claimed' } : this.claimTaken(key);
  }

  async markSent(key: string, messageId: string): Promise<void> {
    await this.collection.updateOne({ _id: key }, { $set: { sentAt: this.clock.now(), messageId, claimedUntil: 0 } });
  }

  /** After a failed send: the next attempt may claim at once. */
  async release(key: string): Promise<void> {
    await this.collection.updateOne({ _id: key, sentAt: { $exists: false } }, { $set: { claimedUntil: 0 } });
  }

  get(key: string): Promise<MailLogDoc | null> {
    return this.collection.findOne({ _id: key });
  }

  private async claimTaken(key: string): Promise<Claim> {
    const doc = await this.collection.findOne({ _id: key });
    if (doc?.sentAt) return { state: 'sent', sentAt: doc.sentAt };
    throw new AppError('CONFLICT', `mail ${key} is being sent by another run; retry later`);
  }
}
