export { normalizeCardUid } from './uid.js';
export { Cards, type Card, type CardState } from './cards.js';
export { passActor, passActorKind } from './actor.js';
export { PassService, type BalanceLine, type TopUpReversal, type Where } from './service.js';
export type { PassMessage, TopUpMethod, WalletResult } from './messages.js';
export { startPassModule, type PassModule } from './module.js';
export { newClaimCode, normalizeClaimCode, printedClaimCode, sameClaimCode } from './claim-code.js';
export { importCardBatch, maxCardsPerBatch, parseCardBatch, printRows, type BatchResult } from './batch.js';
export { Blocklist, blocklistChannel, type BlocklistChange, type BlockReason, type CardDebt } from './blocklist.js';
