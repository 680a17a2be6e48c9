// Sale receipts over HTTP (admin; :posId is checked by the tenant guard). Every print is logged;
// the first is the original, later ones are marked DUPLICATA.
//   GET /api/pos/:posId/sales/:saleId/receipt?format=html|pdf&layout=receipt|a4&lang=fr|en
//   GET /api/pos/:posId/sales/:saleId/prints    the print log of that receipt
import type { Router } from 'express';
import { z } from 'zod';
import { documentHtml } from '../../../core/documents/html.js';
import { documentPdf } from '../../../core/documents/pdf.js';
import type { ReceiptService } from '../../../core/receipts/index.js';
import { principalOf, requireSession } from '../session.js';
import { validate } from '../validate.js';

export interface ReceiptRoutesCore {
  receipts: ReceiptService;
}

const onSale = z.object({ posId: z.string().min(1).max(80), saleId: z.string().min(1).max(80) });
const receiptQuery = z.object({ format: z.enum(['html', 'pdf']).default('html'), layout: z.enum(['receipt', 'a4']).default('receipt'), lang: z.enum(['fr', 'en']).optional() }); // unset: the collective's language

export function adminReceiptRoutes(router: Router, core: ReceiptRoutesCore): void {
  router.get(
    '/pos/:posId/sales/:saleId/receipt',
    requireSession,
    validate({ params: onSale, query: receiptQuery }, async ({ params, query }, req, res) => {
      const who = await principalOf(req);
      const { document, copy } = await core.receipts.print({ ...params, channel: query.format === 'pdf' ? 'pdf' : 'screen', by: who.email, lang: query.lang });
      res.set('X-Receipt-Copy', String(copy));
      if (query.format === 'pdf') {
        res.type('application/pdf').attachment(`ticket-${params.saleId}${copy > 1 ? `-duplicata-${copy}` : ''}.pdf`).send(await documentPdf(document, query.layout));
        return;
      }
      res.type('html').set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https:").send(documentHtml(document, query.layout));
    }),
  );
  router.get(
    '/pos/:posId/sales/:saleId/prints',
    requireSession,
    validate({ params: onSale }, async ({ params }) => ({ prints: (await core.receipts.printsOf(params.saleId)).filter((p) => p.posId === params.posId) })),
  );
}
