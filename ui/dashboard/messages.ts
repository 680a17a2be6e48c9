// The dashboard's words, in French (the reference) and English (same keys, checked by the
// compiler). Server refusals are shown by their code, never by the raw message alone.
import { getLang, translator } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';

const fr = {
  title: 'Tableau de bord',
  home: 'Accueil',
  signOut: 'Se déconnecter',
  loading: 'Chargement…',
  retry: 'Réessayer',

  'login.title': 'Connexion organisateur',
  'login.intro': 'Le chiffre d’affaires en direct est réservé aux administrateurs du collectif.',
  'login.email': 'Adresse e-mail',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.submitting': 'Connexion…',
  'login.refused': 'E-mail ou mot de passe incorrect.',
  'login.failed': 'Connexion impossible ({code}).',

  'pick.title': 'Choisir un collectif',
  'pick.label': 'Collectif',
  'pick.none': 'Aucun collectif pour l’instant.',

  'status.connecting': 'Connexion…',
  'status.subscribing': 'Chargement…',
  'status.live': 'En direct',
  'status.reconnecting': 'Reconnexion…',
  'status.refused': 'Session expirée',
  'status.error': 'Erreur',
  'status.updated': 'Mis à jour à {time}',
  'status.failed': 'Le tableau ne peut pas être chargé ({code}).',

  'kpi.net': 'Chiffre d’affaires net',
  'kpi.netHint': 'Aujourd’hui, {day}',
  'kpi.gross': 'Ventes brutes',
  'kpi.refunds': 'Remboursements',
  'kpi.sales': 'Ventes',
  'kpi.average': 'Panier moyen',
  'kpi.topups': 'Recharges',

  'panel.hours': 'Par heure',
  'panel.hoursHint': 'Chiffre net par heure locale',
  'panel.minutes': 'Ventes par minute',
  'panel.minutesHint': '60 dernières minutes',
  'panel.pos': 'Par point de vente',
  'panel.products': 'Meilleurs produits',
  'panel.methods': 'Par moyen de paiement',
  'panel.currencies': 'Par monnaie (paiements Pass)',
  'panel.flows': 'Recharges et dépenses',
  'panel.registers': 'Caisses ouvertes',

  'col.pos': 'Point de vente',
  'col.sales': 'Ventes',
  'col.gross': 'Brut',
  'col.refunds': 'Remb.',
  'col.net': 'Net',
  'col.product': 'Produit',
  'col.qty': 'Qté',
  'col.total': 'Total',
  'col.openedAt': 'Ouverte à',
  'col.float': 'Fond de caisse',

  'method.cash': 'Espèces',
  'method.card': 'Carte bancaire',
  'method.pass': 'Pass',
  'method.online': 'En ligne',

  'flows.topups': 'Recharges',
  'flows.spending': 'Dépenses Pass',
  'flows.cashouts': 'Remboursements de solde',
  'flows.offline': 'Ventes hors ligne ({count})',
  'flows.offlineShortfall': 'dont dette des cartes',
  'flows.byMethod': 'Recharges par moyen',

  'kind.global': 'Monnaie globale',
  'kind.local': 'Monnaie locale',
  'kind.gift': 'Bons cadeaux',
  'kind.other': 'Monnaie',

  'empty.sales': 'Pas encore de vente aujourd’hui.',
  'empty.registers': 'Aucune caisse ouverte.',
  'empty.currencies': 'Pas encore de paiement Pass.',
  'empty.topups': 'Pas encore de recharge.',
  now: 'maintenant',
  minutesAgo: '-{n} min',
  salesCount: '{n} ventes',
};

const en: typeof fr = {
  title: 'Dashboard',
  home: 'Home',
  signOut: 'Sign out',
  loading: 'Loading…',
  retry: 'Try again',

  'login.title': 'Organizer sign-in',
  'login.intro': 'Live revenue is for the collective’s administrators.',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.refused': 'Wrong email or password.',
  'login.failed': 'Cannot sign in ({code}).',

  'pick.title': 'Choose a collective',
  'pick.label': 'Collective',
  'pick.none': 'No collective yet.',

  'status.connecting': 'Connecting…',
  'status.subscribing': 'Loading…',
  'status.live': 'Live',
  'status.reconnecting': 'Reconnecting…',
  'status.refused': 'Session expired',
  'status.error': 'Error',
  'status.updated': 'Updated at {time}',
  'status.failed': 'The board cannot be loaded ({code}).',

  'kpi.net': 'Net revenue',
  'kpi.netHint': 'Today, {day}',
  'kpi.gross': 'Gross sales',
  'kpi.refunds': 'Refunds',
  'kpi.sales': 'Sales',
  'kpi.average': 'Average sale',
  'kpi.topups': 'Top-ups',

  'panel.hours': 'Per hour',
  'panel.hoursHint': 'Net revenue per local hour',
  'panel.minutes': 'Sales per minute',
  'panel.minutesHint': 'Last 60 minutes',
  'panel.pos': 'Per point of sale',
  'panel.products': 'Top products',
  'panel.methods': 'Per payment method',
  'panel.currencies': 'Per currency (Pass payments)',
  'panel.flows': 'Top-ups and spending',
  'panel.registers': 'Open registers',

  'col.pos': 'Point of sale',
  'col.sales': 'Sales',
  'col.gross': 'Gross',
  'col.refunds': 'Refunds',
  'col.net': 'Net',
  'col.product': 'Product',
  'col.qty': 'Qty',
  'col.total': 'Total',
  'col.openedAt': 'Opened at',
  'col.float': 'Float',

  'method.cash': 'Cash',
  'method.card': 'Bank card',
  'method.pass': 'Pass',
  'method.online': 'Online',

  'flows.topups': 'Top-ups',
  'flows.spending': 'Pass spending',
  'flows.cashouts': 'Balance refunds',
  'flows.offline': 'Offline sales ({count})',
  'flows.offlineShortfall': 'of which card debt',
  'flows.byMethod': 'Top-ups by method',

  'kind.global': 'Global currency',
  'kind.local': 'Local currency',
  'kind.gift': 'Gift vouchers',
  'kind.other': 'Currency',

  'empty.sales': 'No sale yet today.',
  'empty.registers': 'No register open.',
  'empty.currencies': 'No Pass payment yet.',
  'empty.topups': 'No top-up yet.',
  now: 'now',
  minutesAgo: '-{n} min',
  salesCount: '{n} sales',
};

export const t = translator({ fr, en });

export function money(cents: number): string {
  return formatMoney(cents, getLang());
}

export function timeOf(atMs: number, timeZone?: string): string {
  return new Date(atMs).toLocaleTimeString(getLang() === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
}

export function count(n: number): string {
  return n.toLocaleString(getLang() === 'fr' ? 'fr-FR' : 'en-GB');
}
