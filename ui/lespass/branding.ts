// A collective's colours on its site. The admin may pick any colour, so the page derives what
// reads well from it: text on the brand colour is black or white (WCAG luminance), and links or
// accents drawn on white fall back to the page's text colour when the brand colour is too light
// to read there (contrast under 4.5:1).
import { readableTextOn } from '../shared/colour.js';

export interface Colours {
  primary: string;
  secondary: string;
}

/** CSS custom properties for the site's host element. */
export function brandProperties(colours: Partial<Colours> | null | undefined): Record<string, string> {
  const primary = isHex(colours?.primary) ? colours.primary : '#0a4fbf';
  const secondary = isHex(colours?.secondary) ? colours.secondary : primary;
  const onPrimary = readableTextOn(primary);
  return {
    '--pass-primary': primary,
    '--pass-on-primary': onPrimary,
    '--pass-primary-strong': `color-mix(in srgb, ${primary} 80%, ${onPrimary === '#ffffff' ? '#000' : '#fff'})`,
    '--brand-secondary': secondary,
    '--brand-on-secondary': readableTextOn(secondary),
    '--brand-ink': contrastRatio(primary, '#ffffff') >= 4.5 ? primary : 'var(--pass-text)',
  };
}

/** WCAG contrast ratio of two '#rrggbb' colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return 0;
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function isHex(value: unknown): value is string {
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value);
}
