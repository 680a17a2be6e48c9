// Loyalty rows are written beside the sale or refund that causes them, under a txId derived from
// that one: a replayed sale (or refund) finds its loyalty row and earns (or takes back) once.
import { sha256Hex } from '../shared/canonical.js';

export function loyaltyTxId(step: 'earn' | 'take-back' | 'redeem', sourceTxId: string): string {
  return `ly-${step}:${sha256Hex(sourceTxId).slice(0, 32)}`;
}
