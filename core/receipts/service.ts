// Receipts of sales: every print (screen, PDF, email, terminal reprint) is logged; the first is
// the original, every later one a "DUPLICATA" with its copy number (French cash-register law:
// reprints are marked and traced). The original's log entry has a fixed id, so two first prints
// at once make one original.
import type { Clock } from '../clock/port.js';
import type { DocLang } from '../documents/format.js';
import type { PrintedDocument } from '../documents/model.js';
import type { Ledger } from '../money/ledger.js';
import type { PassService } from '../pass/service.js';
import type { CatalogService } from '../pos/catalog.js';
import type { ZIdentity } from '../pos/records.js';
import type { PosService } from '../pos/service.js';
import { softwareInfo } from '../pos/software.js';
import { newId } from '../shared/ids.js';
import { isDuplicateKey, type Collection, type Store } from '../store/port.js';
import { receiptDocument } from './document.js';

export type PrintChannel = 'screen' | 'pdf' | 'email' | 'terminal';

export interface ReceiptPrint {
  _id: string; // `${saleId}#original` for the first print
  saleId: string;
  posId: string;
  collectiveId: string;
  copy: number;
  channel: PrintChannel;
  by: string;
  at: number;
}

export interface ReceiptDeps {
  store: Store;
  clock: Clock;
  pos: PosService;
  catalog: CatalogService;
  ledger: Ledger;
  pass: PassService;
  identityOf(collectiveId: string): Promise<ZIdentity & { brand?: PrintedDocument['brand'] }>;
  timezoneOf(collectiveId: string): Promise<string>;
  /** The collective's document language, for a print that names none. */
  langOf?(collectiveId: string): Promise<DocLang>;
  terminalName(terminalId: string): Promise<string | undefined>;
}

export class ReceiptService {
  private readonly prints: Collection<ReceiptPrint>;

  constructor(private readonly deps: ReceiptDeps) {
    this.prints = deps.store.collection<ReceiptPrint>('receipt_prints');
  }

  async start(): Promise<void> {
    await this.prints.ensureIndexes([{ name: 'sale', keys: { saleId: 1, at: 1 } }]);
  }

  /** Logs a print of a sale's receipt and returns it (a DUPLICATA unless it is the first). */
  /** `reprint`: the terminal printed the original itself when it sold, so this one is a DUPLICATA whatever the log holds. */
  async print(input: { saleId: string; posId: string; channel: PrintChannel; by: string; lang?: DocLang; reprint?: boolean }): Promise<{ document: PrintedDocument; copy: number }> {
    const sale = await this.deps.pos.getSale(input.saleId, input.posId);
    const at = this.deps.clock.now();
    const entry = { saleId: sale._id, posId: sale.posId, collectiveId: sale.collectiveId, channel: input.channel, by: input.by, at };
    let copy = 1;
    try {
      if (input.reprint) throw new ReprintMark();
      await this.prints.insertOne({ _id: `${sale._id}#original`, ...entry, copy });
    } catch (err) {
      if (!isDuplicateKey(err) && !(err instanceof ReprintMark)) throw err;
      copy = Math.max(2, (await this.prints.count({ saleId: sale._id })) + 1);
      await this.prints.insertOne({ _id: newId('prt_'), ...entry, copy });
    }
    const [identity, timezone, pos, row] = await Promise.all([
      this.deps.identityOf(sale.collectiveId), this.deps.timezoneOf(sale.collectiveId), this.deps.catalog.getPos(sale.posId), this.deps.ledger.byTxId(sale._id),
    ]);
    const assets = sale.spent?.map((s) => s.asset) ?? [];
    const names = new Map((await this.deps.pass.describe(Object.fromEntries(assets.map((a) => [a, 0])))).map((b) => [b.asset, b.name]));
    const document = receiptDocument(
      sale,
      {
        identity, timezone, posName: pos.name, terminalName: sale.terminalId ? await this.deps.terminalName(sale.terminalId) : undefined, copy, printedAt: at,
        software: softwareInfo, assetName: (a) => names.get(a) ?? a, rowHash: row?.hash, brand: identity.brand,
      },
      input.lang ?? (await this.deps.langOf?.(sale.collectiveId)) ?? 'fr',
    );
    return { document, copy };
  }

  printsOf(saleId: string): Promise<ReceiptPrint[]> {
    return this.prints.find({ saleId }, { sort: { at: 1 } });
  }
}

class ReprintMark extends Error {}
