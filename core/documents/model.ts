// A printed document (a Z ticket, a receipt) as data: an identity header, sections of rows, a
// footer. One renderer per medium (html.ts, pdf.ts, the terminal's screen) shows the same content.
import type { DocLang } from './format.js';

export interface DocRow {
  /** Label then values (one value: a label/amount row; more: table cells under `columns`). */
  cells: string[];
  kind?: 'total' | 'detail' | 'warn';
}

export interface DocSection {
  id: string;
  title: string;
  columns?: string[];
  rows: DocRow[];
}

export interface PrintedDocument {
  lang: DocLang;
  title: string;
  /** A mark printed large above the title (a reprint's "DUPLICATA"). */
  mark?: string;
  /** The issuer's name first, then its address and legal numbers. */
  identity: string[];
  sections: DocSection[];
  footer: string[];
  /** The issuer's look (emails and PDFs carry the collective's colours and logo). */
  brand?: { primary: string; logoUrl?: string | null };
}

export type DocLayout = 'receipt' | 'a4';
