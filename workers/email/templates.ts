// The words of each mail, in the document's language (French, the product's, or English: the
// buyer's where known, else the collective's), plain text first, HTML as a courtesy. Every value
// put into HTML is escaped.
import type { DocumentLang } from '../../core/shared/document-lang.js';
import { escapeHtml, formatEuros } from '../../core/shared/format.js';

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export function ticketMail(input: { holder: string; eventTitle: string; collectiveName: string; priceName?: string; colour?: string; logo?: string; lang?: DocumentLang }): Rendered {
  if (input.lang === 'en') {
    const text = `Hello ${input.holder},\n\nHere is your ticket${input.priceName ? ` (rate “${input.priceName}”)` : ''} for “${input.eventTitle}” (${input.collectiveName}), attached (PDF).\nShow its QR code at the door, printed or on your phone.\n\nSee you soon!\n${input.collectiveName}\n`;
    return { subject: `Your ticket — ${input.eventTitle}`, text, html: branded(input, paragraphs(text)) };
  }
  const subject = `Votre billet — ${input.eventTitle}`;
  const rate = input.priceName ? ` (tarif « ${input.priceName} »)` : '';
  const text = `Bonjour ${input.holder},\n\nVoici votre billet${rate} pour « ${input.eventTitle} » (${input.collectiveName}), en pièce jointe (PDF).\nPrésentez son QR code à l’entrée, imprimé ou sur votre téléphone.\n\nÀ bientôt !\n${input.collectiveName}\n`;
  return { subject, text, html: branded(input, paragraphs(text)) };
}

export function magicLinkMail(input: { url: string; collectiveName?: string; expiresInMinutes: number; lang?: DocumentLang }): Rendered {
  const from = input.collectiveName ? ` (${input.collectiveName})` : '';
  const en = input.lang === 'en';
  const subject = en ? 'Your sign-in link' : 'Votre lien de connexion';
  const text = en
    ? `Hello,\n\nTo sign in${from}, open this link within ${input.expiresInMinutes} minutes:\n${input.url}\n\nIf you asked for nothing, ignore this message.\n`
    : `Bonjour,\n\nPour vous connecter${from}, ouvrez ce lien dans les ${input.expiresInMinutes} minutes :\n${input.url}\n\nSi vous n’avez rien demandé, ignorez ce message.\n`;
  // The link itself is shown and clickable (a mail client that hides buttons still shows it).
  const link = `<a href="${escapeHtml(input.url)}">${escapeHtml(input.url)}</a>`;
  const html = `${paragraphs(text).replace(escapeHtml(input.url), link)}<p><a href="${escapeHtml(input.url)}">${en ? 'Sign in' : 'Se connecter'}</a></p>`;
  return { subject, text, html };
}

export function membershipReceiptMail(input: { holder: string; membershipName: string; collectiveName: string; amount: number; paidAt: number; validUntil?: number; lang?: DocumentLang }): Rendered {
  const en = input.lang === 'en';
  const day = (ms: number) => new Intl.DateTimeFormat(en ? 'en-GB' : 'fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' }).format(new Date(ms));
  const amount = input.amount > 0 ? formatEuros(input.amount) : en ? 'free' : 'gratuit';
  const subject = en ? `Membership receipt — ${input.collectiveName}` : `Reçu d’adhésion — ${input.collectiveName}`;
  const lines = en
    ? [
        `Hello ${input.holder},`,
        '',
        `Thank you for your membership “${input.membershipName}” of ${input.collectiveName}.`,
        `Amount: ${amount}, paid on ${day(input.paidAt)}.`,
        ...(input.validUntil ? [`Valid until ${day(input.validUntil)}.`] : []),
      ]
    : [
        `Bonjour ${input.holder},`,
        '',
        `Merci pour votre adhésion « ${input.membershipName} » à ${input.collectiveName}.`,
        `Montant : ${amount}, payé le ${day(input.paidAt)}.`,
        ...(input.validUntil ? [`Valable jusqu’au ${day(input.validUntil)}.`] : []),
      ];
  const text = `${[...lines, '', input.collectiveName].join('\n')}\n`;
  return { subject, text, html: paragraphs(text) };
}

function paragraphs(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** The collective's name, logo and colour above a mail's body. */
function branded(brand: { collectiveName: string; colour?: string; logo?: string }, body: string): string {
  const colour = brand.colour && /^#[0-9a-fA-F]{6}$/.test(brand.colour) ? brand.colour : '#1f6feb';
  const logo = brand.logo ? `<img src="${escapeHtml(brand.logo)}" alt="" height="40" style="vertical-align:middle;margin-right:8px">` : '';
  return `<div style="border-top:6px solid ${colour};padding:8px 0;font-weight:bold;color:${colour}">${logo}${escapeHtml(brand.collectiveName)}</div>${body}`;
}
