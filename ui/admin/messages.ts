// The admin's common words (shell, navigation, errors, collective screens), French first (the
// reference) and English with the same keys (checked by the compiler). LaBoutik, Lespass and
// operator screens have their own dictionaries beside this one. Server refusals are shown by
// their code's translation; the server's own message only when the code is not known here.
import { getLang, translator } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';

const fr = {
  title: 'Administration',
  home: 'Accueil',
  loading: 'Chargement…',
  retry: 'Réessayer',
  save: 'Enregistrer',
  saving: 'Enregistrement…',
  saved: 'Enregistré.',
  cancel: 'Annuler',
  create: 'Créer',
  edit: 'Modifier',
  close: 'Fermer',
  yes: 'Oui',
  confirm: 'Confirmer',
  no: 'Non',
  actions: 'Actions',
  name: 'Nom',
  required: 'Ce champ est obligatoire.',
  'amount.empty': 'Indiquez un montant.',
  'amount.format': 'Montant invalide : chiffres et une virgule, par ex. 3,50.',
  'amount.decimals': 'Deux chiffres au plus après la virgule.',
  'amount.too-large': 'Montant trop élevé.',
  'percent.format': 'Taux invalide, par ex. 20 ou 5,5.',
  'colour.format': 'Une couleur au format #rrggbb.',
  'url.format': 'Une adresse http(s):// ou un chemin commençant par /.',

  'login.title': 'Connexion',
  'login.intro': 'Administration des collectifs : Lespass, LaBoutik et la monnaie Pass.',
  'login.email': 'Adresse e-mail',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.submitting': 'Connexion…',
  'login.refused': 'E-mail ou mot de passe incorrect.',
  'login.failed': 'Connexion impossible ({code}).',
  signOut: 'Se déconnecter',
  'who.operator': 'Opérateur',
  'who.admin': 'Admin',
  liveRevenue: 'Recettes en direct',
  menu: 'Menu',

  'pick.title': 'Choisir un collectif',
  'pick.intro': 'En tant qu’opérateur, vous administrez tous les collectifs.',
  'pick.label': 'Collectif',
  'pick.none': 'Aucun collectif pour l’instant.',
  'pick.ops': 'Ou ouvrez les outils d’exploitation :',

  'nav.collective': 'Collectif',
  'nav.collective.profile': 'Profil et apparence',
  'nav.village': 'Village',
  'nav.currencies': 'Monnaies',
  'nav.laboutik': 'LaBoutik',
  'nav.pos': 'Points de vente',
  'nav.products': 'Produits',
  'nav.revenue': 'Chiffre d’affaires',
  'nav.lespass': 'Lespass',
  'nav.events': 'Événements',
  'nav.door': 'Contrôle d’entrée',
  'nav.memberships': 'Adhésions',
  'nav.members': 'Membres',
  'nav.payments': 'Paiements reçus',
  'nav.ops': 'Exploitation',
  'nav.queues': 'Files de tâches',
  'nav.ledger': 'Vérification du registre',

  'error.INVALID_INPUT': 'Saisie invalide : {message}',
  'error.UNAUTHORIZED': 'Session expirée : reconnectez-vous.',
  'error.FORBIDDEN': 'Vous n’avez pas accès à cette ressource.',
  'error.NOT_FOUND': 'Introuvable.',
  'error.CONFLICT': 'Conflit : {message}',
  'error.REGISTER_CLOSED': 'La caisse est fermée.',
  'error.RATE_LIMITED': 'Trop de tentatives : patientez un instant.',
  'error.NETWORK': 'Serveur injoignable. Vérifiez la connexion.',
  'error.TIMEOUT': 'Le serveur n’a pas répondu à temps.',
  'error.UNAVAILABLE': 'Service momentanément indisponible.',
  'error.INTERNAL': 'Erreur interne du serveur.',
  'error.other': 'Erreur {code} : {message}',
  'error.operatorsOnly': 'Réservé aux opérateurs de l’installation.',
  'error.noRoute': 'Cette fonction n’est pas encore disponible sur ce serveur.',

  'profile.title': 'Profil et apparence',
  'profile.intro': 'Ce que le public voit sur votre Lespass : description, logo, images et couleurs.',
  'profile.slug': 'Adresse Lespass',
  'profile.description': 'Description',
  'profile.logoUrl': 'Logo (adresse de l’image)',
  'profile.images': 'Images (une adresse par ligne, 12 au plus)',
  'profile.primary': 'Couleur principale',
  'profile.secondary': 'Couleur secondaire',
  'profile.timezone': 'Fuseau horaire',
  'profile.preview': 'Aperçu',
  'profile.tooManyImages': '12 images au plus.',

  'village.title': 'Village',
  'village.none': 'Ce collectif ne fait partie d’aucun village.',
  'village.intro': 'Les collectifs du village partagent agenda et adhésions, et peuvent accepter la monnaie locale les uns des autres.',
  'village.members': 'Collectifs membres',
  'village.you': 'vous',
  'village.lespass': 'Voir le Lespass',

  'currencies.title': 'Monnaies',
  'currencies.local': 'Monnaie locale',
  'currencies.localIntro': 'Rechargée sur les cartes Pass à vos points de vente, en espèces ou par carte bancaire.',
  'currencies.localNone': 'Pas encore de monnaie locale : donnez-lui un nom pour la créer.',
  'currencies.localName': 'Nom de la monnaie locale',
  'currencies.rename': 'Renommer',
  'currencies.define': 'Créer la monnaie',
  'currencies.renamed': 'Monnaie renommée : {name}.',
  'currencies.gift': 'Bons cadeaux',
  'currencies.giftIntro': 'Utilisables uniquement chez vous.',
  'currencies.village': 'Monnaies locales du village',
  'currencies.villageIntro': 'Acceptez la monnaie d’un collectif voisin : ses détenteurs pourront payer chez vous avec. Vous pouvez retirer votre accord à tout moment.',
  'currencies.noVillage': 'Rejoignez un village pour accepter d’autres monnaies locales.',
  'currencies.noneInVillage': 'Aucun autre collectif du village n’a encore de monnaie locale.',
  'currencies.of': 'de {collective}',
  'currencies.accepted': 'Acceptée',
  'currencies.notAccepted': 'Non acceptée',
  'currencies.accept': 'Accepter',
  'currencies.withdraw': 'Retirer l’accord',
  'currencies.leftVillage': 'a quitté le village',
  'currencies.NOT_SAME_VILLAGE': 'Seule la monnaie d’un collectif du même village peut être acceptée.',
};

const en: Record<keyof typeof fr, string> = {
  title: 'Administration',
  home: 'Home',
  loading: 'Loading…',
  retry: 'Retry',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved.',
  cancel: 'Cancel',
  create: 'Create',
  edit: 'Edit',
  close: 'Close',
  yes: 'Yes',
  confirm: 'Confirm',
  no: 'No',
  actions: 'Actions',
  name: 'Name',
  required: 'This field is required.',
  'amount.empty': 'Enter an amount.',
  'amount.format': 'Invalid amount: digits and one decimal mark, e.g. 3.50.',
  'amount.decimals': 'At most two digits after the decimal mark.',
  'amount.too-large': 'Amount too large.',
  'percent.format': 'Invalid rate, e.g. 20 or 5.5.',
  'colour.format': 'A colour as #rrggbb.',
  'url.format': 'An http(s):// address or a path starting with /.',

  'login.title': 'Sign in',
  'login.intro': 'Administration of collectives: Lespass, LaBoutik and Pass money.',
  'login.email': 'Email address',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.refused': 'Wrong email or password.',
  'login.failed': 'Cannot sign in ({code}).',
  signOut: 'Sign out',
  'who.operator': 'Operator',
  'who.admin': 'Admin',
  liveRevenue: 'Live revenue',
  menu: 'Menu',

  'pick.title': 'Choose a collective',
  'pick.intro': 'As an operator, you administer every collective.',
  'pick.label': 'Collective',
  'pick.none': 'No collective yet.',
  'pick.ops': 'Or open the operations tools:',

  'nav.collective': 'Collective',
  'nav.collective.profile': 'Profile and branding',
  'nav.village': 'Village',
  'nav.currencies': 'Currencies',
  'nav.laboutik': 'LaBoutik',
  'nav.pos': 'Points of sale',
  'nav.products': 'Products',
  'nav.revenue': 'Revenue',
  'nav.lespass': 'Lespass',
  'nav.events': 'Events',
  'nav.door': 'Door check',
  'nav.memberships': 'Memberships',
  'nav.members': 'Members',
  'nav.payments': 'Payments received',
  'nav.ops': 'Operations',
  'nav.queues': 'Job queues',
  'nav.ledger': 'Ledger verification',

  'error.INVALID_INPUT': 'Invalid input: {message}',
  'error.UNAUTHORIZED': 'Session expired: sign in again.',
  'error.FORBIDDEN': 'You have no access to this.',
  'error.NOT_FOUND': 'Not found.',
  'error.CONFLICT': 'Conflict: {message}',
  'error.REGISTER_CLOSED': 'The register is closed.',
  'error.RATE_LIMITED': 'Too many attempts: wait a moment.',
  'error.NETWORK': 'Server unreachable. Check the connection.',
  'error.TIMEOUT': 'The server did not answer in time.',
  'error.UNAVAILABLE': 'Service temporarily unavailable.',
  'error.INTERNAL': 'Internal server error.',
  'error.other': 'Error {code}: {message}',
  'error.operatorsOnly': 'For the installation’s operators only.',
  'error.noRoute': 'This feature is not available on this server yet.',

  'profile.title': 'Profile and branding',
  'profile.intro': 'What the public sees on your Lespass: description, logo, images and colours.',
  'profile.slug': 'Lespass address',
  'profile.description': 'Description',
  'profile.logoUrl': 'Logo (image address)',
  'profile.images': 'Images (one address per line, 12 at most)',
  'profile.primary': 'Main colour',
  'profile.secondary': 'Secondary colour',
  'profile.timezone': 'Time zone',
  'profile.preview': 'Preview',
  'profile.tooManyImages': '12 images at most.',

  'village.title': 'Village',
  'village.none': 'This collective is in no village.',
  'village.intro': 'A village’s collectives share an agenda and memberships, and may accept each other’s local currency.',
  'village.members': 'Member collectives',
  'village.you': 'you',
  'village.lespass': 'See the Lespass',

  'currencies.title': 'Currencies',
  'currencies.local': 'Local currency',
  'currencies.localIntro': 'Topped up on Pass cards at your points of sale, in cash or by bank card.',
  'currencies.localNone': 'No local currency yet: give it a name to create it.',
  'currencies.localName': 'Local currency name',
  'currencies.rename': 'Rename',
  'currencies.define': 'Create the currency',
  'currencies.renamed': 'Currency renamed: {name}.',
  'currencies.gift': 'Gift vouchers',
  'currencies.giftIntro': 'Usable only at your collective.',
  'currencies.village': 'Local currencies of the village',
  'currencies.villageIntro': 'Accept a neighbouring collective’s currency: its holders can pay with it at yours. You may withdraw your consent at any time.',
  'currencies.noVillage': 'Join a village to accept other local currencies.',
  'currencies.noneInVillage': 'No other collective of the village has a local currency yet.',
  'currencies.of': 'of {collective}',
  'currencies.accepted': 'Accepted',
  'currencies.notAccepted': 'Not accepted',
  'currencies.accept': 'Accept',
  'currencies.withdraw': 'Withdraw consent',
  'currencies.leftVillage': 'left the village',
  'currencies.NOT_SAME_VILLAGE': 'Only a currency of a collective of the same village can be accepted.',
};

export type MessageKey = keyof typeof fr;
export const t = translator<MessageKey>({ fr, en });

/** A refusal in words: the code's translation, else the server's message with its code. */
export function errorText(code: string, message = ''): string {
  const key = `error.${code}` as MessageKey;
  if (key in fr) return t(key, { message });
  return t('error.other', { code, message });
}

/** Dates and times in the page's language. */
export function dateTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(getLang() === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
}

export function dateOnly(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(getLang() === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone }).format(ms);
}

/** Integer cents as money in the page's language. */
export function money(cents: number): string {
  return formatMoney(cents, getLang());
}

/** Why a typed amount was refused, in words. */
export function amountError(reason: 'empty' | 'format' | 'decimals' | 'too-large'): string {
  return t(`amount.${reason}`);
}

/** Basis points as a percent without floats: 550 → "5,5 %" (fr) or "5.5%" (en). */
export function percent(bp: number): string {
  const fr = getLang() === 'fr';
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  const decimals = rest ? `${fr ? ',' : '.'}${String(rest).padStart(2, '0').replace(/0$/, '')}` : '';
  return `${whole}${decimals}${fr ? '\u00a0%' : '%'}`;
}
