// A pay-what-you-want price: the buyer chooses what they pay, the listed amount being the
// minimum. Invariant: a chosen price is whole cents, never below the minimum; a fixed price
// takes no choice (a client cannot name its own price where the collective set one).
import { AppError } from '../shared/errors.js';

export function chosenPrice(listed: { amount: number; payWhatYouWant?: boolean }, chosen: number | undefined, field: string): number {
  if (!listed.payWhatYouWant) {
    if (chosen !== undefined && chosen !== listed.amount) throw new AppError('INVALID_AMOUNT', 'this price is fixed', { fields: { [field]: 'this price is fixed' } });
    return listed.amount;
  }
  const amount = chosen ?? listed.amount;
  if (!Number.isSafeInteger(amount) || amount < listed.amount) {
    throw new AppError('INVALID_AMOUNT', `at least ${listed.amount} cents`, {
      reason: 'BELOW_MINIMUM',
      minimum: listed.amount,
      fields: { [field]: `at least ${listed.amount} cents` },
    });
  }
  return amount;
}
