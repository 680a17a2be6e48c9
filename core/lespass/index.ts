export { startLespassModule, type Lespass, type LespassDeps } from './module.js';
export { BasketService, type Basket, type BasketLine, type BasketLineInput, type BasketRequest } from './basket.js';
export { lespassFulfilments, freeCheckoutOf, type Fulfilment, type LespassFulfilments } from './fulfilment.js';
export { Sites, type AgendaScope } from './site.js';
export { AccountPages, linkAttemptsPerHour } from './account.js';
export { PaymentsReports, paymentsCsv, maxReportRows, type PaymentLine, type PaymentMethod, type PaymentsQuery, type PaymentsReport } from './payments-report.js';
export { emailQueue } from './mail-jobs.js';
