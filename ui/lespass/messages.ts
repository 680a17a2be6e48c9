// Lespass's words, in French (the reference) and English. Refusals are shown from their code,
// and the server's field messages (written in English) from a table of the ones it sends;
// anything else is shown as the server wrote it, rather than hidden.
import { ApiError } from '../shared/api.js';
import { translator } from '../shared/i18n.js';
import { en, enServer } from './messages.en.js';
import { fr, frServer } from './messages.fr.js';

type Key = keyof typeof fr | keyof typeof frServer;

export const t = translator<Key>({ fr: { ...fr, ...frServer }, en: { ...en, ...enServer } });

const serverPhrases: Array<[RegExp, Key]> = [
  [/^required$/i, 'server.required'],
  [/email/i, 'server.email'],
  [/members: sign in first/i, 'server.membersSignIn'],
  [/reserved to members/i, 'server.membersOnly'],
  [/not on offer/i, 'server.notOnOffer'],
  [/no pass has this number and claim code/i, 'server.noSuchClaim'],
  [/no pass has this number/i, 'server.noSuchPass'],
  [/another account/i, 'server.otherAccount'],
  [/pass is blocked/i, 'server.passBlocked'],
  [/event is over/i, 'server.over'],
  [/event is full/i, 'server.full'],
  [/no such promo code/i, 'server.promoUnknown'],
  [/promo code is not valid yet/i, 'server.promoNotStarted'],
  [/promo code has expired/i, 'server.promoExpired'],
  [/promo code has been used up/i, 'server.promoUsedUp'],
  [/promo code does not apply/i, 'server.promoNotApplicable'],
  [/^at least \d+ cents$/i, 'server.belowMinimum'],
];

/** A field message from the server, in the page's language when it is a known one. */
export function fieldText(message: string): string {
  const known = serverPhrases.find(([pattern]) => pattern.test(message));
  return known ? t(known[1]) : message;
}

const codes = new Set(['NETWORK', 'TIMEOUT', 'UNAVAILABLE', 'RATE_LIMITED', 'SOLD_OUT', 'NOT_FOUND', 'UNAUTHORIZED', 'FORBIDDEN', 'CARD_BLOCKED', 'INTERNAL']);

/** What to tell the visitor about a refused request. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('error.INTERNAL');
  if (err.code === 'CONFLICT') return t('error.CONFLICT', { message: err.message });
  if (codes.has(err.code)) return t(`error.${err.code}` as Key);
  return t('error.other', { message: fieldText(err.message) });
}
