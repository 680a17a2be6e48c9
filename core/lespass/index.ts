export { startLespassModule, type Lespass, type LespassDeps } from './module.js';
export { BasketService, cardLookupsPerHour, type Basket, type BasketLine, type BasketLineInput, type BasketRequest, type PassCardRef } from './basket.js';
export { OrderStatuses, type OrderKind, type OrderProof, type OrderState, type OrderStatus } from './order-status.js';
export { lespassFulfilments, freeCheckoutOf, type Fulfilment, type LespassFulfilments } from './fulfilment.js';
export { Sites, type AgendaScope } from './site.js';
export { AccountPages, failedClaimsPerCard, failedClaimsPerUser } from './account.js';
export { PaymentsReports, paymentsCsv, maxReportRows, type PaymentLine, type PaymentMethod, type PaymentsQuery, type PaymentsReport } from './payments-report.js';
export { emailQueue } from './mail-jobs.js';
