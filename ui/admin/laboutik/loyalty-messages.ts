// Words of the loyalty program screen.
import { translator } from '../../shared/i18n.js';

const fr = {
  'loyalty.title': 'Fidélité',
  'loyalty.intro':
    'Des tampons par produit ou catégorie (le 10e café offert) et/ou des points par euro payé, gagnés quand la carte Pass paie ou est présentée, échangés en caisse contre une récompense. Ce n’est jamais de la monnaie.',
  'loyalty.name': 'Nom de la carte de fidélité',
  'loyalty.active': 'Programme actif',
  'loyalty.stampProducts': 'Un tampon par produit acheté',
  'loyalty.stampCategories': 'Un tampon par produit de ces catégories',
  'loyalty.pointsPerEuro': 'Points par euro payé',
  'loyalty.pointsHint': 'vide : pas de points',
  'loyalty.expiryDays': 'Expire après (jours sans usage)',
  'loyalty.expiryHint': 'vide : n’expire pas',
  'loyalty.rewards': 'Récompenses',
  'loyalty.rewardId': 'Identifiant',
  'loyalty.rewardName': 'Nom',
  'loyalty.rewardCost': 'Coût (tampons/points)',
  'loyalty.rewardProduct': 'Produit offert',
  'loyalty.rewardDiscount': 'ou remise (€)',
  'loyalty.noProduct': '— remise —',
  'loyalty.addReward': 'Ajouter une récompense',
  'loyalty.remove': 'Retirer',
  'loyalty.save': 'Enregistrer le programme',
  'loyalty.saved': 'Programme enregistré.',
  'loyalty.countFormat': 'un nombre entier',
  'loyalty.none': 'Aucun programme pour l’instant : remplissez le formulaire pour en créer un.',
};

const en: typeof fr = {
  'loyalty.title': 'Loyalty',
  'loyalty.intro':
    'Stamps per product or category (the 10th coffee free) and/or points per euro paid, earned when the Pass card pays or is tapped, redeemed at the till for a reward. Never money.',
  'loyalty.name': 'Name of the loyalty card',
  'loyalty.active': 'Program active',
  'loyalty.stampProducts': 'One stamp per product bought',
  'loyalty.stampCategories': 'One stamp per product of these categories',
  'loyalty.pointsPerEuro': 'Points per euro paid',
  'loyalty.pointsHint': 'empty: no points',
  'loyalty.expiryDays': 'Expires after (days unused)',
  'loyalty.expiryHint': 'empty: never expires',
  'loyalty.rewards': 'Rewards',
  'loyalty.rewardId': 'Id',
  'loyalty.rewardName': 'Name',
  'loyalty.rewardCost': 'Cost (stamps/points)',
  'loyalty.rewardProduct': 'Free product',
  'loyalty.rewardDiscount': 'or discount (€)',
  'loyalty.noProduct': '— discount —',
  'loyalty.addReward': 'Add a reward',
  'loyalty.remove': 'Remove',
  'loyalty.save': 'Save the program',
  'loyalty.saved': 'Program saved.',
  'loyalty.countFormat': 'a whole number',
  'loyalty.none': 'No program yet: fill in the form to create one.',
};

export type LoyaltyKey = keyof typeof fr;
export const tl = translator<LoyaltyKey>({ fr, en });
