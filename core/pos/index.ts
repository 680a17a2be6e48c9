export * from './types.js';
export { CatalogService, catalogChangedChannel, type ProductInput } from './catalog.js';
export { PosService } from './service.js';
export { posActorKind } from './actor.js';
export { startPosModule, type PosModule } from './module.js';
export { saleEventsChannel, type SaleAck, type SaleEvent, type PosMessage } from './messages.js';
export type { Sale, RegisterSession, ZTicket, ZTotals, SaleRefund } from './records.js';
export { verifyZChain, businessDay } from './z-ticket.js';
export { includedVat } from './pricing.js';
