// The money command a screen is showing the outcome of. A command left pending (no answer in
// time) may settle later — resent on reconnect, or by the cashier's "retry" — and the screen
// must then show that first answer; answers for other commands are not this screen's.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MoneyCommands } from './money-commands.js';
import type { OutboxEntry } from './outbox.js';
import type { Ack } from './protocol.js';

export class AwaitedCommand implements ReactiveController {
  /** The txId whose answer is awaited, or undefined once the cashier moved on. */
  txId: string | undefined;
  private subscribedTo: MoneyCommands | undefined;
  private off: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly commandsOf: () => MoneyCommands | undefined,
    private readonly onAnswer: (entry: OutboxEntry, ack: Ack<Record<string, unknown>>) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.subscribe();
  }

  hostUpdate(): void {
    if (this.commandsOf() !== this.subscribedTo) this.subscribe(); // a new pairing brings new commands
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = undefined;
    this.subscribedTo = undefined;
  }

  /** Resends what waits in the outbox; true when this command is still unconfirmed afterwards. */
  async retry(): Promise<boolean> {
    const txId = this.txId;
    const commands = this.commandsOf();
    if (!txId || !commands) return false;
    await commands.resendPending();
    return this.txId === txId && !!commands.outbox.get(txId);
  }

  private subscribe(): void {
    this.off?.();
    const commands = this.commandsOf();
    this.subscribedTo = commands;
    this.off = commands?.onSettled((entry, ack) => {
      if (entry.txId === this.txId) this.onAnswer(entry, ack);
    });
  }
}
