// The application API of points of sale, used by the terminal gateway, the admin API and the
// nightly closing job. Money-moving calls go through the POS's actor.
import type { ActorRef } from '../actors/port.js';
import { AppError } from '../shared/errors.js';
import type { Collection } from '../store/port.js';
import type { CatalogService } from './catalog.js';
import { posActorKind } from './actor.js';
import type { CashRemovalInput } from './cash-removal.js';
import type { CloseInput, CloseResult } from './register.js';
import type { DepositReturnAck } from './deposit.js';
import type { SaleAck } from './messages.js';
import type { RegisterSession, Sale, ZTicket } from './records.js';
import type { Catalog, SaleInput } from './types.js';
import { verifyZChain } from './z-ticket.js';

export interface RegisterStatus {
  session: RegisterSession | null;
  state: 'open' | 'closed';
  /** A closed register opens itself at the next sale (else a manager opens it). */
  openOnFirstSale: boolean;
  /** Open: what the drawer holds now; closed: the float the next session carries over. */
  cashInDrawer: number | null;
  carriedFloat: number | null;
  lastNumber: number;
  lastZ: number;
}

export class PosService {
  constructor(
    private readonly actors: ActorRef,
    readonly catalog: CatalogService,
    private readonly sales: Collection<Sale>,
    private readonly sessions: Collection<RegisterSession>,
    private readonly zTickets: Collection<ZTicket>,
  ) {}

  catalogOf(posId: string): Promise<Catalog> {
    return this.actors.call<Catalog>(posActorKind, posId, { type: 'catalog' });
  }

  sale(posId: string, input: SaleInput): Promise<SaleAck> {
    return this.actors.call<SaleAck>(posActorKind, posId, { type: 'sale', ...input });
  }

  refund(posId: string, input: { txId: string; saleId: string; lines?: Array<{ productId: string; qty: number }>; terminalId?: string }) {
    return this.actors.call<{ refunded: number; saleId: string }>(posActorKind, posId, { type: 'refund', ...input });
  }

  /** Returned deposits (cups): credited to the card when one is tapped, else paid back in cash from the drawer. */
  returnDeposit(posId: string, input: { txId: string; productId: string; qty: number; cardUid?: string; terminalId?: string; by: string }) {
    return this.actors.call<DepositReturnAck>(posActorKind, posId, { type: 'deposit-return', ...input });
  }

  /** Opens a session; without a float, the last close's counted cash is carried over. */
  openRegister(posId: string, input: { float?: number; by: string; byName?: string }): Promise<{ session: RegisterSession }> {
    return this.actors.call(posActorKind, posId, { type: 'open', ...input });
  }

  /** The open session that will count money about to enter the drawer; REGISTER_CLOSED unless the POS opens on first sale. */
  ensureOpen(posId: string, by: string): Promise<{ session: RegisterSession }> {
    return this.actors.call(posActorKind, posId, { type: 'ensure-open', by });
  }

  /** Closes the open session and writes its Z ticket (sent to PosActor 'close', see core/pos/register.ts). */
  closeRegister(posId: string, input: CloseInput): Promise<CloseResult> {
    return this.actors.call<CloseResult>(posActorKind, posId, { type: 'close', ...input });
  }

  /** Cash taken out of the open session's drawer (a bank deposit), idempotent by txId. */
  removeCash(posId: string, input: CashRemovalInput): Promise<{ amount: number; sessionId: string; replayed: boolean }> {
    return this.actors.call(posActorKind, posId, { type: 'remove-cash', ...input });
  }

  status(posId: string) {
    return this.actors.call<RegisterStatus>(posActorKind, posId, { type: 'status' });
  }

  /** Registers with an open session: the nightly job closes these. */
  openSessions(collectiveId: string): Promise<RegisterSession[]> {
    return this.sessions.find({ collectiveId, state: 'open' });
  }

  /** The collective's Z tickets whose business day is in [firstDay, nextDay) (a closure period). */
  async zTicketsOfPeriod(collectiveId: string, firstDay: string, nextDay: string): Promise<ZTicket[]> {
    const all = await this.zTickets.find({ collectiveId }, { sort: { at: 1 } });
    return all.filter((z) => z.businessDay >= firstDay && z.businessDay < nextDay);
  }

  listZ(posId: string): Promise<ZTicket[]> {
    return this.zTickets.find({ posId }, { sort: { number: 1 } });
  }

  async getZ(zId: string, collectiveId: string): Promise<ZTicket> {
    const z = await this.zTickets.findOne({ _id: zId });
    if (!z || z.collectiveId !== collectiveId) throw new AppError('NOT_FOUND', 'no such Z ticket');
    return z;
  }

  async verifyZ(posId: string) {
    return verifyZChain(await this.listZ(posId));
  }

  /** One stored sale of a POS (a terminal reprints it); NOT_FOUND for another POS's sale. */
  async getSale(saleId: string, posId: string): Promise<Sale> {
    const sale = await this.sales.findOne({ _id: saleId, posId });
    if (!sale) throw new AppError('NOT_FOUND', 'no such sale at this point of sale');
    return sale;
  }

  /** Sales terminals made offline and synced within the period (by when they reached the server). */
  offlineSales(collectiveId: string, period: { fromMs: number; toMs: number }, limit = 10_000): Promise<Sale[]> {
    return this.sales.find({ collectiveId, offline: { $exists: true }, at: { $gte: period.fromMs, $lt: period.toMs } }, { sort: { at: 1 }, limit });
  }

  listSales(filter: { collectiveId: string; posId?: string; fromMs?: number; toMs?: number }, limit = 200): Promise<Sale[]> {
    return this.sales.find(
      { collectiveId: filter.collectiveId, ...(filter.posId ? { posId: filter.posId } : {}), at: { $gte: filter.fromMs ?? 0, $lt: filter.toMs ?? Number.MAX_SAFE_INTEGER } },
      { sort: { at: -1 }, limit },
    );
  }
}
