// What a money command's screen shows, as an explicit status: sending, pending (no final
// answer yet: it stays in the outbox), ok (facts to display), or error (the server's refusal).
import type { BalanceLine, Failure } from './protocol.js';

export interface Fact {
  label: string;
  value: string;
  testid: string;
  /** The figure the cashier must read out first (change due, new balance). */
  emphasis?: boolean;
}

export type TxView =
  | { status: 'sending' }
  | { status: 'pending'; txId: string; code?: string }
  | { status: 'ok'; title: string; facts: Fact[]; balances?: BalanceLine[]; offline?: boolean }
  | { status: 'error'; failure: Failure };
