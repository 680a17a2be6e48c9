// Tenant isolation, the rule itself: an operator may act on any collective, a collective admin
// only on its own. Gateways call these in one place (HTTP middleware, socket handshakes).
import { AppError } from '../shared/errors.js';
import type { Principal } from './types.js';

export function canAdminCollective(who: Principal, collectiveId: string): boolean {
  return who.role === 'operator' || (who.role === 'collective-admin' && who.collectiveId === collectiveId);
}

export function assertCanAdminCollective(who: Principal, collectiveId: string): void {
  if (!canAdminCollective(who, collectiveId)) throw new AppError('FORBIDDEN', 'this belongs to another collective');
}

export function assertOperator(who: Principal): void {
  if (who.role !== 'operator') throw new AppError('FORBIDDEN', 'only operators may do this');
}
