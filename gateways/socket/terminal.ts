// `/terminal`: the cash registers of a point of sale (protocol v1, terminal-protocol.ts). A
// terminal authenticates with its paired token at the handshake and lands in its POS's room.
// Every command is rate-capped, size-capped, parsed with zod, re-checked against revocation,
// then handed to the core; its ack is `{ok:true,...}` or the operating error's code. Money
// idempotency lives in the core (txId): a terminal resending after a reconnect gets the first ack.
import type { Namespace, Server, Socket } from 'socket.io';
import { findOrCreateUserByEmail } from '../../core/accounts/users.js';
import type { Bus } from '../../core/bus/port.js';
import type { Clock } from '../../core/clock/port.js';
import { blocklistChannel, type Blocklist, type BlocklistChange } from '../../core/pass/blocklist.js';
import type { PassService } from '../../core/pass/service.js';
import type { OfflineSync } from '../../core/pos/offline-sync.js';
import { offlinePolicyOf } from '../../core/pos/offline-policy.js';
import type { CatalogService } from '../../core/pos/catalog.js';
import { catalogChangedChannel } from '../../core/pos/catalog.js';
import type { DocLang } from '../../core/documents/format.js';
import type { CloseResult } from '../../core/pos/register.js';
import type { ReceiptService } from '../../core/receipts/index.js';
import type { RegisterStatus } from '../../core/pos/service.js';
import { zDocument } from '../../core/pos/z-document.js';
import type { PosService } from '../../core/pos/service.js';
import type { TerminalService } from '../../core/pos/terminals.js';
import type { StaffService } from '../../core/pos/staff.js';
import { AppError, isAppError } from '../../core/shared/errors.js';
import { limits } from '../../core/shared/limits.js';
import { logger } from '../../core/shared/logger.js';
import type { Store } from '../../core/store/port.js';
import { readTap, type TapDeps } from './tap.js';
import { registerCardDesk } from './terminal-cards.js';
import { handle, rateLimited, type Ack as RawAck } from './ack.js';
import { KeyedBuckets } from './rate-limit.js';
import {
  terminalSchemas,
  type Ack,
  type ClientToServerEvents,
  type CloseRegisterAck,
  type RegisterStatusAck,
  type ServerToClientEvents,
  type TerminalCommand,
  type TerminalPayload,
  type TerminalSocketData,
} from './terminal-protocol.js';

/** The part of the Core this namespace uses (the booted Core satisfies it). */
export interface TerminalCore extends TapDeps {
  collectives: { langOf(collectiveId: string): Promise<'fr' | 'en'> };
  terminals: TerminalService;
  receipts: ReceiptService;
  staff: StaffService;
  catalog: CatalogService;
  pos: PosService;
  pass: PassService;
  blocklist: Blocklist;
  offlineSync: OfflineSync;
  bus: Bus;
  store: Store;
  clock: Clock;
}

export interface TerminalNamespaceOptions {
  commandsPerSecond?: number;
  commandBurst?: number;
  payloadBytes?: number;
}

export type TerminalNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, TerminalSocketData>;
type TerminalSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, TerminalSocketData>;

export const posRoom = (posId: string) => `pos:${posId}`;

/** Sockets that cache their POS's staff policy, told when a POS's settings change. */
const staffPolicyListeners = new Set<(event: { posId: string }) => void>();

export async function attachTerminalNamespace(io: Server, core: TerminalCore, options: TerminalNamespaceOptions = {}): Promise<TerminalNamespace> {
  const nsp = io.of('/terminal') as unknown as TerminalNamespace;

  nsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const admit = async () => {
      const tokenHash = core.terminals.tokenHash(token);
      const terminal = await core.terminals.authenticateHash(tokenHash);
      socket.data = { terminalId: terminal._id, posId: terminal.posId, collectiveId: terminal.collectiveId, tokenHash };
    };
    admit().then(
      () => next(),
      (err) => next(new Error(handshakeRefusal(err))),
    );
  });

  // Per terminal, not per socket: one token on three sockets shares one allowance (on this node).
  const buckets = new KeyedBuckets(options.commandsPerSecond ?? 20, options.commandBurst ?? 40);
  nsp.on('connection', (socket) => {
    void socket.join(posRoom(socket.data.posId));
    void core.terminals.touch(socket.data.terminalId, { lastSeenAt: core.clock.now() }).catch(() => undefined);
    registerCommands(socket, core, options, buckets);
  });
  // Blocked and in-debt cards go to every terminal: a village card pays at every collective's bars.
  await core.bus.subscribe(blocklistChannel, (msg) => {
    const change = msg as BlocklistChange;
    nsp.local.emit('blocklist:changed', { cardUid: change.cardUid, reason: change.reason, listed: change.listed });
  });

  // Each node pushes to its own sockets (`local`): the bus already reached every node.
  await core.bus.subscribe(catalogChangedChannel, (msg) => {
    const { posId } = msg as { posId: string };
    nsp.local.to(posRoom(posId)).emit('catalog:changed', { posId });
    for (const listener of staffPolicyListeners) listener({ posId });
  });
  core.terminals.onRevoked(({ terminalId }) => {
    for (const socket of nsp.sockets.values()) if (socket.data.terminalId === terminalId) disconnectRevoked(socket);
  });
  return nsp;
}

function registerCommands(socket: TerminalSocket, core: TerminalCore, options: TerminalNamespaceOptions, buckets: KeyedBuckets): void {
  const payloadBytes = options.payloadBytes ?? limits.socketPayloadBytes;
  const { posId, terminalId, collectiveId } = socket.data;

  const command = <C extends TerminalCommand, R extends object>(name: C, run: (input: TerminalPayload<C>) => Promise<R>) => {
    const handler = handle(terminalSchemas[name] as never, run as (input: unknown) => Promise<Record<string, unknown>>);
    return (payload: unknown, ack: (response: Ack<R>) => void): void => {
      if (typeof ack !== 'function') return; // every command needs an ack: fire-and-forget is dropped
      const reply = ack as unknown as RawAck;
      if (!buckets.take(terminalId)) return reply(rateLimited());
      if (tooLarge(payload, payloadBytes)) return reply(new AppError('PAYLOAD_TOO_LARGE', `a command is at most ${payloadBytes} bytes`).toAck());
      // Revocation is also checked here: a node that missed the bus announcement refuses once its cache expires.
      core.terminals.authenticateHash(socket.data.tokenHash).then(
        () => handler(payload, reply),
        (err) => {
          reply(isAppError(err) ? err.toAck() : { ok: false, code: 'UNAVAILABLE', message: 'try again' });
          if (isAppError(err) && err.code === 'UNAUTHORIZED') disconnectRevoked(socket);
        },
      );
    };
  };

  socket.on(
    'catalog',
    command('catalog', async () => core.catalog.catalogFor(posId)),
  );
  socket.on(
    'balance',
    command('balance', async ({ cardUid }) => {
      const { card, balances, rights } = await readTap(core, cardUid);
      return { card: { number: card.number, state: card.state }, balances, memberships: rights.memberships, tickets: rights.tickets };
    }),
  );
  // Staff policy of this POS, read at connection and again when its settings change.
  const readPolicy = () => core.catalog.getPos(posId).then((p) => Boolean(p.requireStaff), () => true); // unknown: stay strict
  let requireStaff = readPolicy();
  const onChanged = (event: { posId: string }) => {
    if (event.posId === posId) requireStaff = readPolicy();
  };
  staffPolicyListeners.add(onChanged);
  socket.on('disconnect', () => staffPolicyListeners.delete(onChanged));
  const seller = async (): Promise<string | undefined> => {
    if (socket.data.staff) return socket.data.staff.id;
    if (await requireStaff) throw new AppError('STAFF_REQUIRED', 'unlock this register with a staff card or PIN first');
    return undefined;
  };

  socket.on(
    'topup',
    command('topup', async (input) => {
      // Money into the drawer: the register's shift must be open so the close counts it.
      await core.pos.ensureOpen(posId, (await seller()) ?? terminalId);
      const res = await core.pass.topUp({ ...input, collectiveId, posId, terminalId });
      // `repaid`: what went to the card's debt first (an extension of v1, only when there was one).
      return { balances: res.balanceLines, ...(res.repaid ? { repaid: res.repaid as number } : {}) };
    }),
  );

  socket.on(
    'unlock',
    command('unlock', async (proof) => {
      const who = await core.staff.unlockAt({ terminalId, posId, collectiveId }, proof);
      socket.data.staff = { id: who._id, name: who.name, role: who.role };
      return { staff: socket.data.staff };
    }),
  );
  socket.on(
    'lock',
    command('lock', async () => {
      delete socket.data.staff;
      return { locked: true as const };
    }),
  );
  socket.on(
    'sale',
    command('sale', async (input) => {
      const staff = await seller();
      if (input.lines.some((l) => l.price !== undefined) && socket.data.staff?.role !== 'manager') {
        throw new AppError('MANAGER_REQUIRED', 'changing a price needs a manager to unlock the register');
      }
      return core.pos.sale(posId, { ...input, terminalId, staff });
    }),
  );
  socket.on(
    'refund',
    command('refund', async (input) => {
      await seller();
      if ((await requireStaff) && socket.data.staff?.role !== 'manager') throw new AppError('MANAGER_REQUIRED', 'a refund needs a manager to unlock the register');
      return core.pos.refund(posId, { ...input, terminalId });
    }),
  );
  // Where staff is required, opening, removing cash and closing are a manager's acts, like a refund.
  const manager = async (what: string) => {
    const staff = socket.data.staff;
    if ((await requireStaff) && staff?.role !== 'manager') throw new AppError('MANAGER_REQUIRED', `${what} needs a manager to unlock the register`);
    return staff ? { by: staff.id, byName: staff.name } : { by: terminalId, byName: await terminalName() };
  };
  let knownName: string | undefined;
  const terminalName = async () => (knownName ??= (await core.terminals.authenticateHash(socket.data.tokenHash)).name);
  const registerStatus = async () => statusAck(await core.pos.status(posId));
  socket.on(
    'closeRegister',
    command('closeRegister', async ({ countedCash, lang }) => closeAck(await core.pos.closeRegister(posId, { countedCash, ...(await manager('closing the register')) }), lang ?? (await core.collectives.langOf(collectiveId)))),
  );
  socket.on('registerStatus', command('registerStatus', registerStatus));
  socket.on(
    'openRegister',
    command('openRegister', async ({ float }) => {
      await core.pos.openRegister(posId, { float, ...(await manager('opening the register')) });
      return registerStatus();
    }),
  );
  socket.on(
    'removeCash',
    command('removeCash', async (input) => {
      const res = await core.pos.removeCash(posId, { ...input, ...(await manager('removing cash')) });
      return { amount: res.amount, replayed: res.replayed, register: await registerStatus() };
    }),
  );
  socket.on(
    'offlineState',
    command('offlineState', async () => {
      const policy = offlinePolicyOf(await core.catalog.getPos(posId));
      return { policy, blocklist: await core.blocklist.list(), serverTime: core.clock.now() };
    }),
  );
  socket.on(
    'offlineSync',
    // Each entry is sent to PosActor 'sale' in journal order (core/pos/offline-sync.ts).
    command('offlineSync', async ({ entries }) => core.offlineSync.apply(terminalId, entries)),
  );
  socket.on(
    'assignCard',
    command('assignCard', async ({ txId, cardUid, email }) => {
      const userId = (await findOrCreateUserByEmail(core.store, email, core.clock))._id;
      await core.pass.linkCardToUser({ txId, cardUid, userId });
      const { card, balances } = await core.pass.balance(cardUid);
      return { userId, card: { number: card.number, state: card.state }, balances };
    }),
  );
  // The card desk's manager acts (gift vouchers) need a manager even where staff is not required.
  const deskManager = async (what: string): Promise<string> => {
    if (socket.data.staff?.role !== 'manager') throw new AppError('MANAGER_REQUIRED', `${what} needs a manager to unlock the register`);
    return socket.data.staff.id;
  };
  registerCardDesk({ socket, core, command, seller, manager: deskManager });
  socket.on(
    'reprint',
    command('reprint', async ({ saleId }) => {
      const s = await core.pos.getSale(saleId, posId);
      // Every reprint is logged and marked DUPLICATA (the terminal printed the original when it sold).
      const { document, copy } = await core.receipts.print({ saleId, posId, channel: 'terminal', by: socket.data.staff?.id ?? terminalId, reprint: true });
      const lines = s.lines.map(({ productId, name, qty, unitPrice, vatRate, total }) => ({ productId, name, qty, unitPrice, vatRate, total }));
      return { sale: { saleId: s._id, number: s.number, total: s.total, change: s.change, at: s.at, lines, payments: s.payments, refundedTotal: s.refundedTotal }, receipt: document, copy };
    }),
  );
}

function statusAck(s: RegisterStatus): RegisterStatusAck {
  const session = s.session;
  return {
    state: s.state,
    openOnFirstSale: s.openOnFirstSale,
    session: session && { id: session._id, openedAt: session.openedAt, openedBy: session.openedByName ?? session.openedBy, float: session.float, floatCarried: Boolean(session.floatCarried), openedOn: session.openedOn ?? 'hand' },
    cashInDrawer: s.cashInDrawer,
    carriedFloat: s.carriedFloat,
    lastZ: s.lastZ,
  };
}

function closeAck({ session, z }: CloseResult, lang: DocLang): CloseRegisterAck {
  return {
    session: session && {
      id: session._id,
      openedAt: session.openedAt,
      closedAt: session.closedAt ?? 0,
      float: session.float,
      expectedCash: session.expectedCash ?? session.float,
      countedCash: session.countedCash,
      difference: session.difference,
    },
    z: z && { id: z._id, number: z.number, businessDay: z.businessDay, totals: z.totals, grandTotal: z.grandTotal, hash: z.hash, document: zDocument(z, lang) },
  };
}

function disconnectRevoked(socket: TerminalSocket): void {
  socket.emit('terminal:revoked', { terminalId: socket.data.terminalId });
  socket.disconnect(true);
}

function handshakeRefusal(err: unknown): string {
  if (isAppError(err) && err.code === 'UNAUTHORIZED') return 'UNAUTHORIZED';
  logger.error({ err }, 'terminal handshake failed');
  return 'UNAVAILABLE';
}

function tooLarge(payload: unknown, limitBytes: number): boolean {
  try {
    const text = JSON.stringify(payload ?? {}) ?? '';
    // A character is at most 3 UTF-8 bytes: a command well under the limit needs no counting.
    return text.length * 3 > limitBytes && Buffer.byteLength(text) > limitBytes;
  } catch {
    return true; // not serialisable (cyclic): refuse
  }
}
