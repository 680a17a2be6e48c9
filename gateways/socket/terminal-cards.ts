// The card desk on `/terminal` (extensions of protocol v1): block a lost card, replace it with a
// fresh card from the stock, pay a card's balance back at the end of the event (cash-out), give
// a gift voucher, take back deposit cups (to the card or in cash: core/pos/deposit.ts). Sent to the wallet's PassActor through PassService (core/pass/desk.ts).
// Who may: where the POS requires staff, any unlocked staff blocks, replaces and cashes out; a
// gift voucher is money the collective gives away, so it always needs a manager.
import type { Socket } from 'socket.io';
import { CardDesk } from '../../core/pass/desk.js';
import type { PassService } from '../../core/pass/service.js';
import type { PosService } from '../../core/pos/service.js';
import type { Ack, CardAck, ClientToServerEvents, ServerToClientEvents, TerminalCommand, TerminalPayload, TerminalSocketData } from './terminal-protocol.js';

type CommandFactory = <C extends TerminalCommand, R extends object>(name: C, run: (input: TerminalPayload<C>) => Promise<R>) => (payload: unknown, ack: (response: Ack<R>) => void) => void;

export interface CardDeskWiring {
  socket: Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, TerminalSocketData>;
  core: { pass: PassService; pos: Pick<PosService, 'ensureOpen' | 'returnDeposit'> };
  command: CommandFactory;
  /** The unlocked staff member, or undefined where the POS does not require staff. */
  seller(): Promise<string | undefined>;
  /** The unlocked manager; MANAGER_REQUIRED otherwise. */
  manager(what: string): Promise<string>;
}

export function registerCardDesk({ socket, core, command, seller, manager }: CardDeskWiring): void {
  const { posId, terminalId, collectiveId } = socket.data;
  const desk = new CardDesk(core.pass);
  const cardAck = (card: { number: string; state: string }): CardAck => ({ number: card.number, state: card.state });

  socket.on(
    'blockCard',
    command('blockCard', async (ref) => {
      await seller();
      return { card: cardAck(await desk.block(ref, collectiveId)) };
    }),
  );
  socket.on(
    'replaceCard',
    command('replaceCard', async ({ txId, old, newCardUid }) => {
      await seller();
      const moved = await desk.replace({ txId, old, newCardUid, collectiveId });
      const { balances } = await core.pass.balance(moved.fresh.uid);
      return { old: cardAck(moved.old), card: cardAck(moved.fresh), balances };
    }),
  );
  socket.on(
    'cashOut',
    command('cashOut', async ({ txId, cardUid, method }) => {
      // Euros leave the drawer: the register's shift must be open so its close counts them.
      await core.pos.ensureOpen(posId, (await seller()) ?? terminalId);
      const res = await desk.cashOut({ txId, cardUid, method, collectiveId, posId, terminalId });
      return { refunded: res.refunded as number, method, balances: res.balanceLines };
    }),
  );
  socket.on(
    'returnDeposit',
    command('returnDeposit', async (input) => {
      const by = (await seller()) ?? terminalId;
      return core.pos.returnDeposit(posId, { ...input, terminalId, by });
    }),
  );
  socket.on(
    'giveGift',
    command('giveGift', async ({ txId, cardUid, amount }) => {
      await manager('a gift voucher');
      const res = await core.pass.giveGift({ txId, cardUid, amount, collectiveId, posId, terminalId });
      return { balances: res.balanceLines };
    }),
  );
}
