// A ticket as a one-page PDF (pdfkit): the collective (logo when one is given), the event,
// date, place, holder and price, and a QR code (qrcode, PNG) of the SIGNED ticket code that
// the door scans. The logo is optional decoration: a missing or unreadable logo never stops
// a ticket from being sent.
import { readFile } from 'node:fs/promises';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { DocumentLang } from '../../core/shared/document-lang.js';
import { formatEuros } from '../../core/shared/format.js';
import { logger } from '../../core/shared/logger.js';

export interface TicketPdfInput {
  /** The signed code (core/ticketing/ticket-code.ts) the QR carries. */
  code: string;
  /** Printed under the QR, typed at the door when a screen is cracked ("7KQ2M-XH4PA"). */
  shortCode?: string;
  ticketId: string;
  eventTitle: string;
  /** Start of the event, ms since the epoch. */
  startsAt: number;
  timezone?: string;
  place: string;
  holder: string;
  /** Price paid in cents; 0 prints "Gratuit". */
  price: number;
  collectiveName: string;
  /** The rate's name, printed beside the price. */
  priceName?: string;
  /** The collective's colour: a band across the top of the ticket. */
  colour?: string;
  /** A file path or an http(s) URL of a PNG or JPEG logo. */
  logo?: string;
  /** The buyer's language where known, else the collective's; French when absent. */
  lang?: DocumentLang;
}

const words = {
  fr: { ticket: 'Billet', holder: 'Titulaire', rate: 'Tarif', price: 'Prix', free: 'Gratuit', door: 'Présentez ce code à l’entrée. Un billet ne sert qu’une fois.', locale: 'fr-FR' },
  en: { ticket: 'Ticket', holder: 'Holder', rate: 'Rate', price: 'Price', free: 'Free', door: 'Show this code at the door. A ticket is valid once.', locale: 'en-GB' },
} as const;

const logoMaxBytes = 2_000_000;
const logoFetchTimeoutMs = 3_000;

export async function renderTicketPdf(input: TicketPdfInput): Promise<Buffer> {
  const [qr, logo] = await Promise.all([ticketQrPng(input.code), loadLogo(input.logo)]);
  const w = words[input.lang ?? 'fr'];
  const doc = new PDFDocument({ size: 'A5', margin: 36, info: { Title: `${w.ticket} — ${input.eventTitle}`, Author: input.collectiveName } });
  const done = collect(doc);
  const width = doc.page.width - 72;

  if (input.colour) doc.rect(0, 0, doc.page.width, 12).fill(input.colour).fillColor('#000000');
  let y = 36;
  if (logo) {
    doc.image(logo, 36, y, { fit: [64, 64] });
    doc.font('Helvetica-Bold').fontSize(14).text(input.collectiveName, 112, y + 22, { width: width - 76 });
    y += 80;
  } else {
    doc.font('Helvetica-Bold').fontSize(14).text(input.collectiveName, 36, y, { width });
    y += 30;
  }
  doc.font('Helvetica-Bold').fontSize(22).text(input.eventTitle, 36, y, { width });
  doc.moveDown(0.5).font('Helvetica').fontSize(12);
  doc.text(formatDate(input.startsAt, input.timezone ?? 'Europe/Paris', w.locale), { width });
  doc.text(input.place, { width });
  doc.moveDown(0.5);
  const colon = input.lang === 'en' ? ':' : ' :';
  doc.text(`${w.holder}${colon} ${input.holder}`, { width });
  if (input.priceName) doc.text(`${w.rate}${colon} ${input.priceName}`, { width });
  doc.text(`${w.price}${colon} ${input.price > 0 ? formatEuros(input.price) : w.free}`, { width });

  const qrSize = 220;
  const qrX = (doc.page.width - qrSize) / 2;
  const qrY = Math.max(doc.y + 16, 300);
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  doc.font('Helvetica').fontSize(8).fillColor('#555').text(input.shortCode ? `Code ${input.shortCode} · ${w.ticket.toLowerCase()} ${input.ticketId}` : `${w.ticket} ${input.ticketId}`, 36, qrY + qrSize + 8, { width, align: 'center' });
  doc.text(w.door, { width, align: 'center' });
  doc.end();
  return done;
}

/** The QR code of a ticket code, as PNG bytes. */
export function ticketQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 440 });
}

function formatDate(ms: number, timezone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: timezone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(ms));
}

async function loadLogo(source: string | undefined): Promise<Buffer | null> {
  if (!source) return null;
  try {
    const bytes = /^https?:\/\//.test(source) ? await fetchLogo(source) : await readFile(source);
    if (bytes.length > logoMaxBytes || !isPngOrJpeg(bytes)) throw new Error('not a PNG or JPEG image of at most 2 MB');
    return bytes;
  } catch (err) {
    logger.warn({ err, source }, 'ticket logo skipped');
    return null;
  }
}

async function fetchLogo(url: string): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(logoFetchTimeoutMs) });
  if (!res.ok) throw new Error(`logo answered ${res.status}`);
  if (Number(res.headers.get('content-length') ?? 0) > logoMaxBytes) throw new Error('logo too large');
  return Buffer.from(await res.arrayBuffer());
}

function isPngOrJpeg(bytes: Buffer): boolean {
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  return png || jpeg;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
