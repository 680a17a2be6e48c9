// The demo checkout page: plain HTML, no script, labelled on every line as a demonstration so
// nobody mistakes it for a real payment. Rendered by a function so any HTTP layer can serve it.
import { escapeHtml, formatEuros as euros } from '../shared/format.js';
import type { CheckoutLine } from './port.js';

/** What the page shows of a demo session. */
export interface DemoPageSession {
  _id: string;
  lines: CheckoutLine[];
  total: number;
  customerEmail?: string;
  successUrl: string;
  cancelUrl: string;
  state: 'open' | 'paid' | 'expired';
}

export function demoCheckoutPage(session: DemoPageSession | null): string {
  if (!session) return layout('Paiement introuvable', '<p>Cette session de paiement de démonstration n’existe pas.</p>');
  const id = encodeURIComponent(session._id);
  const rows = session.lines
    .map((l) => `<tr><td>${escapeHtml(l.name)}</td><td class="n">${l.qty}</td><td class="n">${euros(l.amount)}</td><td class="n">${euros(l.amount * l.qty)}</td></tr>`)
    .join('');
  const table = `<table><thead><tr><th>Article</th><th>Qté</th><th>Prix</th><th>Total</th></tr></thead><tbody>${rows}</tbody>
    <tfoot><tr><th colspan="3">Total</th><th class="n" data-total="${session.total}">${euros(session.total)}</th></tr></tfoot></table>`;
  const email = session.customerEmail ? `<p>Reçu envoyé à <strong>${escapeHtml(session.customerEmail)}</strong></p>` : '';
  let action: string;
  if (session.state === 'paid') action = `<p class="done">Déjà payé.</p><p><a href="${escapeHtml(session.successUrl)}">Continuer</a></p>`;
  else if (session.state === 'expired') action = `<p class="done">Cette session a expiré.</p><p><a href="${escapeHtml(session.cancelUrl)}">Retour</a></p>`;
  else {
    action = `<form method="post" action="/demo-checkout/${id}/pay"><button type="submit">Payer ${euros(session.total)} (démo)</button></form>
    <p><a href="${escapeHtml(session.cancelUrl)}">Annuler</a></p>`;
  }
  return layout('Paiement de démonstration', `${table}${email}${action}`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — DÉMO</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}
.banner{background:#b00020;color:#fff;padding:.75rem 1rem;font-weight:700;border-radius:.5rem}
table{width:100%;border-collapse:collapse;margin:1rem 0}td,th{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}
.n{text-align:right}button{font-size:1.1rem;padding:.7rem 1.4rem;border:0;border-radius:.5rem;background:#222;color:#fff;cursor:pointer}
.done{font-weight:700}
</style></head>
<body><p class="banner" role="alert">MODE DÉMO — aucun paiement réel. Aucune carte bancaire n’est demandée ni débitée.</p>
<h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
