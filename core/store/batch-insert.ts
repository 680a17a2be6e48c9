// Group commit: documents inserted within `windowMs` go to the store in one unordered
// insertMany, so a burst of commands costs a fraction of a round trip each. Each caller learns
// whether its own document was written or refused by a unique index.
import type { Collection, Doc } from './port.js';

export type InsertOutcome = 'written' | 'duplicate';

interface Pending<T> {
  doc: T;
  resolve: (outcome: InsertOutcome) => void;
  reject: (err: unknown) => void;
}

export class BatchInserter<T extends Doc> {
  private pending: Pending<T>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushes = 0;

  constructor(
    private readonly collection: Collection<T>,
    private readonly windowMs = 2,
    private readonly maxBatch = 500,
  ) {}

  /** Resolves once the document is durably written, or refused as a duplicate. */
  insert(doc: T): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ doc, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.windowMs);
    });
  }

  /** Number of insertMany calls made so far. */
  flushCount(): number {
    return this.flushes;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    this.flushes++;
    this.collection.insertMany(batch.map((p) => p.doc)).then(
      ({ duplicates }) => {
        const refused = new Set(duplicates);
        batch.forEach((p, i) => p.resolve(refused.has(i) ? 'duplicate' : 'written'));
      },
      (err) => batch.forEach((p) => p.reject(err)),
    );
  }
}
