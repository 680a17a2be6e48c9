// A Z ticket as a PDF: the 80 mm receipt roll or an A4 page (archives, the accountant).
import type { DocLang } from '../documents/format.js';
import type { DocLayout } from '../documents/model.js';
import { documentPdf } from '../documents/pdf.js';
import type { ZTicket } from './records.js';
import { zDocument } from './z-document.js';

export function zTicketPdf(z: ZTicket, options: { layout?: DocLayout; lang?: DocLang } = {}): Promise<Buffer> {
  return documentPdf(zDocument(z, options.lang), options.layout ?? 'receipt');
}
