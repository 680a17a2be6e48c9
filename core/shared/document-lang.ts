// The language of a document sent to a person (mails, PDF tickets, receipts): the buyer's when it
// is known (the page they used), else the collective's, else French, the product's language.
export const documentLangs = ['fr', 'en'] as const;
export type DocumentLang = (typeof documentLangs)[number];

export function documentLang(...preferences: Array<string | null | undefined>): DocumentLang {
  for (const p of preferences) {
    const short = p?.slice(0, 2).toLowerCase();
    if (short === 'fr' || short === 'en') return short;
  }
  return 'fr';
}
