// What a wallet's loyalty commands write, decided inside its PassActor (the wallet's single writer).
// Invariants: units come from the asset's issuance account and go back to it (earned, taken
// back, redeemed, expired), so `loyalty:<c>` sums to zero like every asset; a balance never goes
// below zero; a refund takes back at most what its sale earned, less what earlier refunds took.
// Expiry is lazy: the first loyalty command after `expiryDays` without loyalty activity writes
// the expiry of the whole balance, in its own row, before doing its own work.
import { accounts } from '../money/accounts.js';
import { loyaltyAsset } from '../money/assets.js';
import type { Ledger } from '../money/ledger.js';
import type { Leg } from '../money/ledger-row.js';
import { AppError } from '../shared/errors.js';

const dayMs = 86_400_000;

export type LoyaltyCommand =
  | { type: 'loyalty-earn'; txId: string; cardId: string; collectiveId: string; units: number; saleTxId: string; expiryDays?: number; posId?: string; terminalId?: string }
  | { type: 'loyalty-take-back'; txId: string; collectiveId: string; units: number; saleTxId: string; expiryDays?: number; posId?: string; terminalId?: string }
  | { type: 'loyalty-redeem'; txId: string; cardId: string; collectiveId: string; units: number; saleTxId: string; expiryDays?: number; posId?: string; terminalId?: string };

export interface LoyaltyLegs {
  kind: 'loyalty';
  legs: Leg[];
  meta: Record<string, unknown>;
  extra: Record<string, unknown>;
}

export interface WalletView {
  wallet: string;
  ledger: Ledger;
  balance(asset: string): number;
}

export async function loyaltyLegs(view: WalletView, msg: LoyaltyCommand): Promise<LoyaltyLegs> {
  const asset = loyaltyAsset(msg.collectiveId);
  const issuance = accounts.issuance(asset);
  const expired = await expiredUnits(view, msg.collectiveId, msg.expiryDays);
  const held = view.balance(asset) - expired;
  const legs: Leg[] = expired > 0 ? [{ asset, from: view.wallet, to: issuance, amount: expired }] : [];
  const meta: Record<string, unknown> = { loyaltyOf: msg.collectiveId, loyaltySale: msg.saleTxId, ...(expired ? { loyaltyExpired: expired } : {}) };
  switch (msg.type) {
    case 'loyalty-earn':
      legs.push({ asset, from: issuance, to: view.wallet, amount: msg.units });
      return { kind: 'loyalty', legs, meta: { ...meta, loyaltyEarned: msg.units }, extra: { earned: msg.units, expired } };
    case 'loyalty-redeem':
      if (msg.units > held) throw new AppError('INSUFFICIENT_FUNDS', `this reward costs ${msg.units} loyalty units, the card holds ${held}`, { missing: msg.units - held, asset });
      legs.push({ asset, from: view.wallet, to: issuance, amount: msg.units });
      return { kind: 'loyalty', legs, meta: { ...meta, loyaltyRedeemed: msg.units }, extra: { redeemed: msg.units, expired } };
    case 'loyalty-take-back': {
      const open = (await earnedBySale(view, msg.saleTxId)) - (await takenBackFromSale(view, msg.saleTxId));
      const take = Math.max(0, Math.min(msg.units, open, held)); // never below zero: what was spent stays spent
      if (take > 0) legs.push({ asset, from: view.wallet, to: issuance, amount: take });
      if (!legs.length) throw new AppError('INVALID_AMOUNT', 'no loyalty units left to take back', { takenBack: 0 });
      return { kind: 'loyalty', legs, meta: { ...meta, loyaltyTakenBack: take }, extra: { takenBack: take, expired } };
    }
  }
}

/** The whole balance, when the holder's last loyalty activity at this collective is older than the expiry. */
async function expiredUnits(view: WalletView, collectiveId: string, expiryDays: number | undefined): Promise<number> {
  const held = view.balance(loyaltyAsset(collectiveId));
  if (!expiryDays || held <= 0) return 0;
  const [last] = await view.ledger.rows.find({ wallet: view.wallet, 'meta.loyaltyOf': collectiveId }, { sort: { seq: -1 }, limit: 1 });
  if (!last) return 0;
  return view.ledger.clock.now() - last.at > expiryDays * dayMs ? held : 0;
}

async function earnedBySale(view: WalletView, saleTxId: string): Promise<number> {
  const rows = await view.ledger.rows.find({ wallet: view.wallet, 'meta.loyaltySale': saleTxId, 'meta.loyaltyEarned': { $exists: true } });
  return rows.reduce((s, r) => s + (r.meta!.loyaltyEarned as number), 0);
}

async function takenBackFromSale(view: WalletView, saleTxId: string): Promise<number> {
  const rows = await view.ledger.rows.find({ wallet: view.wallet, 'meta.loyaltySale': saleTxId, 'meta.loyaltyTakenBack': { $exists: true } });
  return rows.reduce((s, r) => s + (r.meta!.loyaltyTakenBack as number), 0);
}
