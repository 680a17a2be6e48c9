export { SettlementService, settlementLegs, type SettlementStatement, type SettlementPayment } from './service.js';
export { FlowCounter, totalsByCollective, type SettlementPair, type Direction, type CollectiveTotals } from './statement.js';
export { dailyPeriod, previousDayKey, type Period } from './periods.js';
export { statementCsv, eur } from './csv.js';
