// The words of each mail (French, the product's language), plain text first, HTML as a
// courtesy. Every value put into HTML is escaped.
import { escapeHtml, formatEuros } from '../../core/shared/format.js';

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export function ticketMail(input: { holder: string; eventTitle: string; collectiveName: string; priceName?: string; colour?: string; logo?: string }): Rendered {
  const subject = `Votre billet — ${input.eventTitle}`;
  const rate = input.priceName ? ` (tarif « ${input.priceName} »)` : '';
  const text = `Bonjour ${input.holder},\n\nVoici votre billet${rate} pour « ${input.eventTitle} » (${input.collectiveName}), en pièce jointe (PDF).\nPrésentez son QR code à l’entrée, imprimé ou sur votre téléphone.\n\nÀ bientôt !\n${input.collectiveName}\n`;
  return { subject, text, html: branded(input, paragraphs(text)) };
}

export function magicLinkMail(input: { url: string; collectiveName?: string; expiresInMinutes: number }): Rendered {
  const from = input.collectiveName ? ` (${input.collectiveName})` : '';
  const subject = 'Votre lien de connexion';
  const text = `Bonjour,\n\nPour vous connecter${from}, ouvrez ce lien dans les ${input.expiresInMinutes} minutes :\n${input.url}\n\nSi vous n’avez rien demandé, ignorez ce message.\n`;
  // The link itself is shown and clickable (a mail client that hides buttons still shows it).
  const link = `<a href="${escapeHtml(input.url)}">${escapeHtml(input.url)}</a>`;
  const html = `${paragraphs(text).replace(escapeHtml(input.url), link)}<p><a href="${escapeHtml(input.url)}">Se connecter</a></p>`;
  return { subject, text, html };
}

export function membershipReceiptMail(input: { holder: string; membershipName: string; collectiveName: string; amount: number; paidAt: number; validUntil?: number }): Rendered {
  const day = (ms: number) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' }).format(new Date(ms));
  const subject = `Reçu d’adhésion — ${input.collectiveName}`;
  const lines = [
    `Bonjour ${input.holder},`,
    '',
    `Merci pour votre adhésion « ${input.membershipName} » à ${input.collectiveName}.`,
    `Montant : ${input.amount > 0 ? formatEuros(input.amount) : 'gratuit'}, payé le ${day(input.paidAt)}.`,
    ...(input.validUntil ? [`Valable jusqu’au ${day(input.validUntil)}.`] : []),
    '',
    input.collectiveName,
  ];
  const text = `${lines.join('\n')}\n`;
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
