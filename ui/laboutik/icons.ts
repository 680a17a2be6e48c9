// Inline SVG icons (no emoji: a till's system fonts may lack them). Stroke in currentColor.
import { svg } from 'lit';

const icon = (body: ReturnType<typeof svg>, size = 28) =>
  svg`<svg width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;

export const cashIcon = (size?: number) => icon(svg`<rect x="2" y="6" width="20" height="12" rx="2"/><circle cx="12" cy="12" r="2.5"/><path d="M6 10v4M18 10v4"/>`, size);
export const cardIcon = (size?: number) => icon(svg`<rect x="2" y="5" width="20" height="14" rx="2"/><path d="M2 10h20M6 15h4"/>`, size);
export const passIcon = (size?: number) =>
  icon(svg`<path d="M8.5 8.5a5 5 0 0 1 0 7"/><path d="M12 6a8.5 8.5 0 0 1 0 12"/><path d="M15.5 3.5a12 12 0 0 1 0 17"/><circle cx="5" cy="12" r="1.2" fill="currentColor"/>`, size);
export const saleIcon = (size?: number) => icon(svg`<path d="M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h9.2a1 1 0 0 0 1-.8L20 7H6"/><circle cx="9" cy="19" r="1.5"/><circle cx="17" cy="19" r="1.5"/>`, size);
export const topupIcon = (size?: number) => icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 8v8M8 12h8"/>`, size);
export const balanceIcon = (size?: number) => icon(svg`<path d="M4 19V9M10 19V5M16 19v-7M22 19H2"/>`, size);
export const historyIcon = (size?: number) => icon(svg`<path d="M3 12a9 9 0 1 0 3-6.7L3 8"/><path d="M3 3v5h5M12 7v5l3 2"/>`, size);
export const settingsIcon = (size?: number) =>
  icon(svg`<circle cx="12" cy="12" r="3"/><path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z"/>`, size);
export const okIcon = (size?: number) => icon(svg`<circle cx="12" cy="12" r="10"/><path d="m7 12.5 3.2 3.2L17 9"/>`, size);
export const errorIcon = (size?: number) => icon(svg`<circle cx="12" cy="12" r="10"/><path d="m15 9-6 6M9 9l6 6"/>`, size);
export const waitIcon = (size?: number) => icon(svg`<circle cx="12" cy="12" r="10"/><path d="M12 6v6l4 2"/>`, size);
