// Assets: what a ledger leg moves. Invariants: amounts are integers in the asset's smallest
// unit (cents); an asset id says its kind and, for local and gift, the issuing collective.
//   global            one, usable everywhere, topped up online (Stripe)
//   local:<coll>      one per collective, with its own name, accepted where consent is given
//   gift:<coll>       vouchers, only at the issuing collective
//   eur               real euros received as cash, bank card or Stripe (the other side of a top-up)
//   loyalty:<coll>    stamps / points of a collective's loyalty program: held by a Pass, never
//                     money (no spending order uses them, no settlement counts them)

export type AssetKind = 'global' | 'local' | 'gift' | 'fiat' | 'loyalty';

export const globalAsset = 'global';
export const fiatAsset = 'eur';

export function localAsset(collectiveId: string): string {
  return `local:${collectiveId}`;
}

export function giftAsset(collectiveId: string): string {
  return `gift:${collectiveId}`;
}

export function loyaltyAsset(collectiveId: string): string {
  return `loyalty:${collectiveId}`;
}

export interface AssetRef {
  kind: AssetKind;
  collectiveId?: string;
}

export function parseAsset(asset: string): AssetRef | null {
  if (asset === globalAsset) return { kind: 'global' };
  if (asset === fiatAsset) return { kind: 'fiat' };
  const [kind, collectiveId, ...rest] = asset.split(':');
  if (rest.length || !collectiveId) return null;
  if (kind === 'local' || kind === 'gift' || kind === 'loyalty') return { kind, collectiveId };
  return null;
}

/** Assets a Pass holds (and a card transfer moves); euros are never held by a card. */
export function isHeldByPass(asset: string): boolean {
  const ref = parseAsset(asset);
  return !!ref && ref.kind !== 'fiat';
}

/** Assets that pay as money: loyalty units are held but only redeemed as rewards. */
export function isMoney(asset: string): boolean {
  const ref = parseAsset(asset);
  return !!ref && ref.kind !== 'fiat' && ref.kind !== 'loyalty';
}

/** An amount is valid when it is a positive safe integer below the per-movement cap. */
export function isValidAmount(amount: unknown, maxAmount: number): amount is number {
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0 && amount <= maxAmount;
}
