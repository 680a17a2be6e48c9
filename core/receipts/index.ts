export { ReceiptService, type ReceiptPrint, type PrintChannel, type ReceiptDeps } from './service.js';
export { receiptDocument, type ReceiptContext } from './document.js';
