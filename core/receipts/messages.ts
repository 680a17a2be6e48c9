// The words of a receipt, French and English.
export const receiptLabels = {
  fr: {
    title: 'Ticket n° {n}', duplicate: 'DUPLICATA', copyOf: 'Duplicata, exemplaire n° {copy}, imprimé le {at}', vatNumber: 'TVA intracom. {n}',
    sale: 'Vente', date: 'Date', pos: 'Point de vente', terminal: 'Terminal', lines: 'Articles', item: 'Article', qty: 'Qté', unit: 'P.U.', total: 'Total',
    totals: 'Totaux', ht: 'Total HT', vat: 'TVA', ttc: 'Total TTC', vatDetail: 'Détail de la TVA', rate: 'Taux', htShort: 'HT', ttcShort: 'TTC',
    payments: 'Paiement', cash: 'Espèces reçues', change: 'Rendu', card: 'Carte bancaire', pass: 'Pass', refunds: 'Remboursements',
    thanks: 'Merci de votre visite !', hash: 'Empreinte {h}', software: 'Logiciel',
  },
  en: {
    title: 'Receipt no. {n}', duplicate: 'DUPLICATA', copyOf: 'Duplicate, copy no. {copy}, printed {at}', vatNumber: 'VAT no. {n}',
    sale: 'Sale', date: 'Date', pos: 'Point of sale', terminal: 'Terminal', lines: 'Items', item: 'Item', qty: 'Qty', unit: 'Unit', total: 'Total',
    totals: 'Totals', ht: 'Total excl. VAT', vat: 'VAT', ttc: 'Total incl. VAT', vatDetail: 'VAT detail', rate: 'Rate', htShort: 'Excl.', ttcShort: 'Incl.',
    payments: 'Payment', cash: 'Cash received', change: 'Change', card: 'Bank card', pass: 'Pass', refunds: 'Refunds',
    thanks: 'Thank you for your visit!', hash: 'Hash {h}', software: 'Software',
  },
} as const;
