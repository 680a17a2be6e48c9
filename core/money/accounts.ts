// Account names of the double-entry ledger. Wallets (cards, users) are written only by their
// own actor's chain; every other account is a projection credited and debited by any chain.

export const accounts = {
  cardWallet: (cardId: string) => `card:${cardId}`,
  userWallet: (userId: string) => `user:${userId}`,
  /** A point of sale's own chain: sales paid without a Pass. It holds no balance itself. */
  posChain: (posId: string) => `pos:${posId}`,
  collective: (collectiveId: string) => `collective:${collectiveId}`,
  issuance: (asset: string) => `issuance:${asset}`,
  cashDrawer: (posId: string) => `cash:${posId}`,
  cardTerminal: (posId: string) => `cardterm:${posId}`,
  stripe: 'stripe',
  /** Euros outside the system: the counterpart of every euro received or paid back. */
  world: 'world',
  transit: (txId: string) => `transit:${txId}`,
  /**
   * What a card owes after an offline sale it could not cover (credit the collective granted).
   * It holds only negative amounts (what is owed, in the owed collective's local currency) and
   * goes back to zero as top-ups repay: it is never above zero.
   */
  cardDebt: (wallet: string) => `debt:${wallet}`,
  /** A collective's euros outside the Pass (its bank account): village settlements are paid from and to it. */
  collectiveBank: (collectiveId: string) => `collective-bank:${collectiveId}`,
  /** The chain recording a village's settlement payments. It holds no balance itself. */
  settlementChain: (villageId: string) => `settlement:${villageId}`,
} as const;

export function isDebt(account: string): boolean {
  return account.startsWith('debt:');
}

export function isWallet(account: string): boolean {
  return account.startsWith('card:') || account.startsWith('user:');
}

/**
 * Accounts whose balance can never be negative. Issuance and world mirror what circulates; a cash
 * drawer may pay out of its opening float, which the ledger does not hold, so it is checked at close.
 */
export function mustStayPositive(account: string): boolean {
  return isWallet(account) || account.startsWith('transit:');
}
