// What a tapped Pass shows, on a terminal's balance check and on the public balance screen: the
// card, its balances, and the tickets and memberships of its holder.
import type { PassService } from '../../core/pass/service.js';

export interface TapDeps {
  pass: Pick<PassService, 'balance'>;
  /** Tickets and memberships of a wallet valid today (Lespass); empty until wired. `holder`: the card's userId, null for an anonymous card. */
  rightsOf?(walletId: string, holder?: string | null): Promise<{ tickets: unknown[]; memberships: unknown[] }>;
}

export async function readTap(deps: TapDeps, cardUid: string) {
  const { card, balances } = await deps.pass.balance(cardUid);
  const rights = (await deps.rightsOf?.(card.walletId, card.userId ?? null)) ?? { tickets: [], memberships: [] };
  return { card, balances, rights };
}
