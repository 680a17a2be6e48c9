// The public screen's words, in French (the reference) and English (same keys, checked by the
// compiler). The idle screen shows both languages at once: people walk up without choosing.
import { getLang, translator, type Lang } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';

const fr = {
  title: 'Écran public',
  tap: 'Posez votre Pass',
  tapHint: 'Approchez votre carte du lecteur pour voir votre solde',
  reading: 'Lecture de la carte…',
  card: 'Carte',
  balances: 'Vos soldes',
  noBalance: 'Aucun solde sur cette carte.',
  tickets: 'Billets valables aujourd’hui',
  memberships: 'Adhésions en cours',
  validUntil: 'jusqu’au {date}',
  clearsIn: 'Cet affichage s’efface dans {s} s',
  updated: 'Solde mis à jour',
  close: 'Fermer',

  'kind.global': 'Monnaie globale',
  'kind.local': 'Monnaie locale',
  'kind.gift': 'Bon cadeau',
  'kind.other': 'Monnaie',
  'kind.loyalty': 'Fidélité',
  loyaltyUnits: '{n} points',

  'typed.label': 'Pas de lecteur ? Numéro (UID) de la carte',
  'typed.placeholder': 'ex. 04A1B2C3',
  'typed.submit': 'Voir le solde',
  'typed.invalid': 'Un UID de carte, c’est 8, 14 ou 20 caractères hexadécimaux (0-9, A-F).',

  'reader.connecting': 'Recherche du lecteur…',
  'reader.ready': 'Lecteur prêt',
  'reader.no-reader': 'Aucun lecteur branché',
  'reader.unavailable': 'Pas de lecteur NFC',
  'server.connected': 'En ligne',
  'server.connecting': 'Connexion…',
  'server.reconnecting': 'Reconnexion au serveur…',
  'server.offline': 'Hors ligne',

  'error.CARD_UNKNOWN': 'Carte inconnue',
  'error.CARD_UNKNOWN.hint': 'Cette carte n’est pas une carte Pass de ce festival. Adressez-vous à un bar ou à l’accueil.',
  'error.CARD_BLOCKED': 'Carte bloquée',
  'error.CARD_BLOCKED.hint': 'Cette carte a été déclarée perdue ou remplacée. Adressez-vous à l’accueil.',
  'error.RATE_LIMITED': 'Doucement !',
  'error.RATE_LIMITED.hint': 'Attendez une seconde avant de reposer la carte.',
  'error.INVALID_INPUT': 'Carte illisible',
  'error.INVALID_INPUT.hint': 'Reposez la carte bien à plat sur le lecteur, ou vérifiez le numéro saisi.',
  'error.OFFLINE': 'Écran hors ligne',
  'error.OFFLINE.hint': 'La connexion au serveur est perdue ; elle revient toute seule. Réessayez dans un instant.',
  'error.OTHER': 'Solde indisponible',
  'error.OTHER.hint': 'Réessayez dans un instant ({code}).',
};

const en: typeof fr = {
  title: 'Public display',
  tap: 'Tap your Pass',
  tapHint: 'Hold your card to the reader to see your balance',
  reading: 'Reading the card…',
  card: 'Card',
  balances: 'Your balances',
  noBalance: 'No balance on this card.',
  tickets: 'Tickets valid today',
  memberships: 'Current memberships',
  validUntil: 'until {date}',
  clearsIn: 'This screen clears in {s} s',
  updated: 'Balance updated',
  close: 'Close',

  'kind.global': 'Global currency',
  'kind.local': 'Local currency',
  'kind.gift': 'Gift voucher',
  'kind.other': 'Currency',
  'kind.loyalty': 'Loyalty',
  loyaltyUnits: '{n} points',

  'typed.label': 'No reader? Card number (UID)',
  'typed.placeholder': 'e.g. 04A1B2C3',
  'typed.submit': 'Show balance',
  'typed.invalid': 'A card UID is 8, 14 or 20 hexadecimal characters (0-9, A-F).',

  'reader.connecting': 'Looking for the reader…',
  'reader.ready': 'Reader ready',
  'reader.no-reader': 'No reader plugged in',
  'reader.unavailable': 'No NFC reader',
  'server.connected': 'Online',
  'server.connecting': 'Connecting…',
  'server.reconnecting': 'Reconnecting to the server…',
  'server.offline': 'Offline',

  'error.CARD_UNKNOWN': 'Unknown card',
  'error.CARD_UNKNOWN.hint': 'This is not a Pass card of this festival. Please ask at a bar or at the welcome desk.',
  'error.CARD_BLOCKED': 'Card blocked',
  'error.CARD_BLOCKED.hint': 'This card was reported lost or replaced. Please ask at the welcome desk.',
  'error.RATE_LIMITED': 'Easy!',
  'error.RATE_LIMITED.hint': 'Wait a second before tapping the card again.',
  'error.INVALID_INPUT': 'Card not readable',
  'error.INVALID_INPUT.hint': 'Hold the card flat on the reader, or check the number you typed.',
  'error.OFFLINE': 'Screen offline',
  'error.OFFLINE.hint': 'The connection to the server is lost; it comes back by itself. Try again in a moment.',
  'error.OTHER': 'Balance unavailable',
  'error.OTHER.hint': 'Try again in a moment ({code}).',
};

export const t = translator({ fr, en });
const dictionaries = { fr, en };

/** A key in the other language (the idle screen shows both). */
export function inOtherLang(key: keyof typeof fr): { text: string; lang: Lang } {
  const lang: Lang = getLang() === 'fr' ? 'en' : 'fr';
  return { text: dictionaries[lang][key], lang };
}

export function money(cents: number): string {
  return formatMoney(cents, getLang());
}

export function dateOf(value: number | string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleDateString(getLang() === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long' });
}

const kindKeys = { global: 'kind.global', local: 'kind.local', gift: 'kind.gift', loyalty: 'kind.loyalty' } as const;

export function kindLabel(kind: string): string {
  return t(kindKeys[kind as keyof typeof kindKeys] ?? 'kind.other');
}

const errorKeys = {
  CARD_UNKNOWN: ['error.CARD_UNKNOWN', 'error.CARD_UNKNOWN.hint'],
  CARD_BLOCKED: ['error.CARD_BLOCKED', 'error.CARD_BLOCKED.hint'],
  RATE_LIMITED: ['error.RATE_LIMITED', 'error.RATE_LIMITED.hint'],
  INVALID_INPUT: ['error.INVALID_INPUT', 'error.INVALID_INPUT.hint'],
  OFFLINE: ['error.OFFLINE', 'error.OFFLINE.hint'],
} as const;

/** Title and hint of a refusal, by its code. */
export function errorText(code: string): { title: string; hint: string } {
  const keys = errorKeys[code as keyof typeof errorKeys];
  if (keys) return { title: t(keys[0]), hint: t(keys[1]) };
  return { title: t('error.OTHER'), hint: t('error.OTHER.hint', { code }) };
}
