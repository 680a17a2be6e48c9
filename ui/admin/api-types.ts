// The shapes the admin API answers (gateways/http/routes/*), as the admin screens read them.
// Amounts are integer cents; VAT rates integer basis points (2000 = 20 %).
// Shapes come from the backend by type-only imports (erased from the bundle); a view differs
// from its stored record where the route maps it (`id` for `_id`, fields left out).
import type { Principal } from '../../core/accounts/types.js';
import type { PointOfSale as StoredPointOfSale, PosProduct, Product as StoredProduct } from '../../core/pos/types.js';
import type { RegisterSession as StoredRegisterSession, ZTicket as StoredZTicket } from '../../core/pos/records.js';
import type { StaffView } from '../../core/pos/staff.js';
import type { SettlementStatement as StoredSettlementStatement } from '../../core/settlement/service.js';

export type { CollectiveProfile, CollectiveSummary } from '../../core/collectives/types.js';
export type { ProductKind } from '../../core/pos/types.js';
export type { Amounts, RevenueReport } from '../../core/pos/revenue.js';
export type { OfflineReport } from '../../core/pos/offline-report.js';
export type { OfflinePolicy } from '../../core/pos/offline-policy.js';
export type { CurrencyView, CurrenciesView } from '../../gateways/http/routes/currencies.js';
export type { StaffRole } from '../../core/pos/staff.js';
export type { Direction as SettlementDirection, SettlementPair } from '../../core/settlement/statement.js';

/** GET /api/auth/me: who is signed in. */
export type Account = Principal;

/** As `posView` (gateways/http/routes/pos.ts) answers it. */
export type PointOfSale = Omit<StoredPointOfSale, '_id' | 'requireStaff' | 'openOnFirstSale'> & { id: string; requireStaff: boolean; openOnFirstSale: boolean };

/** As `productView` (gateways/http/routes/pos.ts) answers it. */
export type Product = Omit<StoredProduct, '_id'> & { id: string };

export type Offer = Pick<PosProduct, 'productId' | 'order'> & { price: number | null };

export interface Terminal {
  _id: string;
  posId: string;
  name: string;
  state: 'pending' | 'paired' | 'revoked';
  createdAt: number;
  pairedAt?: number;
  revokedAt?: number;
  /** Set while the terminal's unlock is locked after wrong staff PINs (ms). */
  unlockLockedUntil?: number | null;
}

export interface NewTerminal {
  terminalId: string;
  pairingCode: string;
  expiresAt: number;
}

export type RegisterSession = Omit<StoredRegisterSession, 'posId' | 'collectiveId' | 'closedBy'>;

export interface RegisterStatus {
  session: RegisterSession | null;
  lastNumber: number;
  lastZ: number;
}

export type ZTicket = Omit<StoredZTicket, 'collectiveId' | 'prevHash'>;

export interface CloseResult {
  session: RegisterSession | null;
  z: ZTicket | null;
}

/** A staff member as listed: the PIN itself is never sent back, only whether one is set. */
export type StaffMember = StaffView;

export type SettlementStatement = Omit<StoredSettlementStatement, 'rowsCounted' | 'hash'>;
