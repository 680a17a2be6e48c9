// The text of a PDF written by pdfkit with its standard fonts, for tests: every content stream
// inflated, every TJ/Tj string decoded from WinAnsi; one line per text-showing operator.
import { inflateSync } from 'node:zlib';

const winAnsiExtras: Record<number, string> = { 0x80: '€', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—', 0x95: '•' };

export function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  const raw = pdf.toString('latin1');
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const bytes = Buffer.from(m[1], 'latin1');
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = m[1];
    }
    const shows = /\[((?:<[0-9a-fA-F]*>|\([^)]*\)|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
    for (let t = shows.exec(content); t; t = shows.exec(content)) {
      const parts = t[1] !== undefined ? [...t[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((p) => p[1]) : [t[2]];
      lines.push(parts.map(decodeHex).join(''));
    }
  }
  return lines.join('\n');
}

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const code = parseInt(hex.slice(i, i + 2), 16);
    out += winAnsiExtras[code] ?? String.fromCharCode(code);
  }
  return out;
}
