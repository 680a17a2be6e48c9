// The terminal's offline journal, in IndexedDB: it survives a reload, a closed tab and a reboot
// of the tablet (localStorage may be cleared under storage pressure; IndexedDB is the durable
// store of a web app). Invariants: an entry is written, with its journal seq and its MAC, before
// the cashier is told "accepté hors ligne"; seq grows by one per entry and is never reused (kept
// in its own record); an entry's body and MAC never change; only its sync status does.
import type { SaleContext } from '../sale-screen.js';

export type JournalStatus = 'unsynced' | 'synced' | 'refused';

export interface JournalEntry {
  txId: string;
  seq: number;
  atMs: number;
  /** The exact JSON text signed, sent as is. */
  body: string;
  mac: string;
  /** Pass part and card (for the policy's per-card and per-terminal ceilings). */
  pass: number;
  cardUid?: string;
  total: number;
  context: SaleContext;
  status: JournalStatus;
  /** After sync: the server's sale number, the shortfall booked as the card's debt, or the refusal code. */
  number?: number;
  shortfall?: number;
  code?: string;
}

const entriesStore = 'entries';
const metaStore = 'meta';

export class Journal {
  private constructor(private readonly db: IDBDatabase) {}

  /** One database per paired terminal: a new pairing never sends an old pairing's entries. */
  static async open(terminalId: string): Promise<Journal> {
    const request = indexedDB.open(`laboutik.journal.${terminalId}`, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(entriesStore, { keyPath: 'txId' }).createIndex('seq', 'seq', { unique: true });
      db.createObjectStore(metaStore);
    };
    return new Journal(await done(request));
  }

  /** Writes a new entry with the next seq; `build` makes its signed body once the seq is known. */
  async append(build: (seq: number) => Omit<JournalEntry, 'seq' | 'status'>): Promise<JournalEntry> {
    const tx = this.db.transaction([entriesStore, metaStore], 'readwrite');
    const meta = tx.objectStore(metaStore);
    const seq = (((await done(meta.get('seq'))) as number | undefined) ?? 0) + 1;
    const entry: JournalEntry = { ...build(seq), seq, status: 'unsynced' };
    meta.put(seq, 'seq');
    tx.objectStore(entriesStore).add(entry);
    await committed(tx);
    return entry;
  }

  /** Every entry, in journal order. */
  async list(): Promise<JournalEntry[]> {
    const tx = this.db.transaction(entriesStore, 'readonly');
    const all = (await done(tx.objectStore(entriesStore).index('seq').getAll())) as JournalEntry[];
    return all;
  }

  async update(txId: string, patch: Partial<Pick<JournalEntry, 'status' | 'number' | 'shortfall' | 'code'>>): Promise<void> {
    const tx = this.db.transaction(entriesStore, 'readwrite');
    const store = tx.objectStore(entriesStore);
    const entry = (await done(store.get(txId))) as JournalEntry | undefined;
    if (entry) store.put({ ...entry, ...patch });
    await committed(tx);
  }

  close(): void {
    this.db.close();
  }
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
