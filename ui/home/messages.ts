import { translator } from '../shared/i18n.js';

const fr = {
  title: 'Pass',
  tagline: 'Billetterie, adhésions, caisse et monnaie locale pour les collectifs et leurs villages.',
  collectives: 'Les collectifs',
  loading: 'Chargement des collectifs…',
  empty: "Aucun collectif pour l'instant.",
  loadFailed: 'Impossible de charger les collectifs.',
  retry: 'Réessayer',
  visit: 'Voir le site',
  tools: 'Outils',
  laboutik: 'LaBoutik',
  laboutikHint: 'La caisse enregistreuse des bars et boutiques',
  display: 'Écran public',
  displayHint: 'Posez votre carte Pass, voyez votre solde',
  dashboard: 'Tableau de bord',
  dashboardHint: "Le chiffre d'affaires en direct",
  admin: 'Administration',
  adminHint: 'Gérer le collectif',
};

const en: typeof fr = {
  title: 'Pass',
  tagline: 'Ticketing, memberships, cash register and local currency for collectives and their villages.',
  collectives: 'Collectives',
  loading: 'Loading collectives…',
  empty: 'No collective yet.',
  loadFailed: 'The collectives could not be loaded.',
  retry: 'Try again',
  visit: 'Visit the site',
  tools: 'Tools',
  laboutik: 'LaBoutik',
  laboutikHint: 'The cash register of bars and shops',
  display: 'Public display',
  displayHint: 'Tap your Pass card, see your balance',
  dashboard: 'Dashboard',
  dashboardHint: 'Live revenue',
  admin: 'Administration',
  adminHint: 'Manage the collective',
};

export const t = translator({ fr, en });
