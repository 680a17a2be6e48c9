export * from './assets.js';
export * from './accounts.js';
export * from './ledger-row.js';
export { Ledger, type WalletSnapshot, type AppendOutcome } from './ledger.js';
export { Chain, type Committed } from './chain.js';
export { Currencies, type CurrencyDoc } from './currencies.js';
export { planSpending, spendingOrder } from './spending.js';
export { verifyLedger, type LedgerReport } from './verify.js';
export { shortfallLeg, repaymentLegs, totalDebt, type Debts } from './debts.js';
