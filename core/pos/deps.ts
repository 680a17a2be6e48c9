import type { Clock } from '../clock/port.js';
import type { LoyaltyPrograms } from '../loyalty/programs.js';
import type { Ledger } from '../money/ledger.js';
import type { PassService } from '../pass/service.js';
import type { BatchInserter } from '../store/batch-insert.js';
import type { Collection } from '../store/port.js';
import type { CatalogService } from './catalog.js';
import type { RegisterSession, Sale, ZIdentity, ZTicket } from './records.js';

/** What a PosActor needs from its node. */
export interface PosDeps {
  clock: Clock;
  ledger: Ledger;
  catalog: CatalogService;
  pass: PassService;
  loyalty: LoyaltyPrograms;
  sales: Collection<Sale>;
  salesInserter: BatchInserter<Sale>;
  sessions: Collection<RegisterSession>;
  zTickets: Collection<ZTicket>;
  /** IANA time zone of a collective (its business day for Z tickets). */
  timezoneOf(collectiveId: string): Promise<string>;
  /** The collective's name and legal identity, as a Z ticket prints it. */
  identityOf(collectiveId: string): Promise<ZIdentity>;
  /** Terminal names by id (a removed terminal keeps its id as name). */
  terminalNames(ids: string[]): Promise<Array<{ id: string; name: string }>>;
  /** Minutes after local midnight at which its business day starts (04:00 when not given). */
  dayCutoffOf?(collectiveId: string): Promise<number>;
}
